import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/core/secret';
import { startAcrFront, targetFor } from '../../fixtures/registry/index';
import { registerExplorerSuite } from './explorerSuite';

registerExplorerSuite('docker-registry 2.8 behind the ACR-compatible front', async () => {
  const user = { username: 'explorer-admin', password: `pw-${randomBytes(12).toString('hex')}` };
  const front = await startAcrFront({ users: [user] });
  return { host: front.host, credential: { kind: 'basic' as const, username: user.username, password: new Secret(user.password) }, target: targetFor(front), acr: true, stop: () => front.stop() };
});
