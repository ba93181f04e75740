import { startDockerRegistry, targetFor } from '../../fixtures/registry/index';
import { registerClientSuite } from './support/suite';

registerClientSuite('docker-registry 2.8 without auth', async () => {
  const registry = await startDockerRegistry({ auth: 'none' });
  return {
    mode: 'none',
    registry: registry.host,
    credential: { kind: 'anonymous' },
    target: targetFor(registry),
    secrets: [],
    acr: false,
    referrersApi: false,
    stop: () => registry.stop(),
  };
});
