import { startDockerRegistry, targetFor } from '../../fixtures/registry/index';
import { registerExplorerSuite } from './explorerSuite';

registerExplorerSuite('docker-registry 2.8 without auth (plain v2)', async () => {
  const registry = await startDockerRegistry({ auth: 'none' });
  return { host: registry.host, credential: { kind: 'anonymous' }, target: targetFor(registry), acr: false, stop: () => registry.stop() };
});
