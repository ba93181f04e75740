import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/core/secret';
import { startAcrFront, targetFor } from '../../fixtures/registry/index';
import { registerClientSuite } from './support/suite';

registerClientSuite('docker-registry 2.8 in token mode behind the ACR front', async () => {
  const user = { username: 'suite-admin', password: `pw-${randomBytes(12).toString('hex')}` };
  const front = await startAcrFront({ users: [user] });
  return {
    mode: 'token',
    registry: front.host,
    credential: { kind: 'basic', username: user.username, password: new Secret(user.password) },
    target: targetFor(front),
    secrets: [user.password, Buffer.from(`${user.username}:${user.password}`).toString('base64')],
    acr: true,
    referrersApi: true,
    stop: () => front.stop(),
  };
});
