import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/core/secret';
import { startDockerRegistry, targetFor } from '../../fixtures/registry/index';
import { registerClientSuite } from './support/suite';

registerClientSuite('docker-registry 2.8 with htpasswd (Basic)', async () => {
  const user = { username: 'suite-user', password: `pw-${randomBytes(12).toString('hex')}` };
  const registry = await startDockerRegistry({ auth: 'htpasswd', users: [user] });
  return {
    mode: 'htpasswd',
    registry: registry.host,
    credential: { kind: 'basic', username: user.username, password: new Secret(user.password) },
    target: targetFor(registry),
    secrets: [user.password, Buffer.from(`${user.username}:${user.password}`).toString('base64')],
    acr: false,
    referrersApi: false,
    stop: () => registry.stop(),
  };
});
