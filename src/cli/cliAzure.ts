/**
 * The Azure commands and, through them, the Azure SDKs: bundled on their own as
 * dist/cliAzure.js so `lint` and the registry commands start without loading them.
 */
export { registriesCommand } from './commands/registries';
export { showCommand } from './commands/show';
export { checksAzureFor } from './checksAzure';
export { fleetCommand } from './commands/checkHealthFleet';

import type { RegistryCredential } from '../core/registry/index';
import { aadCredentialForRegistry, BUILT_IN_CLOUDS, builtInCloud } from '../core/azure/index';
import { createDefaultCredential } from './azureOptions';
import type { CliIO } from './io';

/**
 * An Entra ID credential for a registry's ACR token exchange (what `az acr login` does): the
 * cloud follows the login server's suffix; the token is fetched once and shared, so checking
 * the sign-in up front costs nothing extra.
 */
export function azureRegistryCredential(registry: string, io: CliIO, tenantId?: string): Extract<RegistryCredential, { kind: 'aad' }> {
  const host = registry.replace(/:\d+$/, '').toLowerCase();
  const cloud = Object.values(BUILT_IN_CLOUDS).find((c) => host.endsWith(`.${c.acrLoginServerSuffix}`)) ?? builtInCloud('AzureCloud');
  const credential = io.azureCredential?.(cloud.name, tenantId) ?? createDefaultCredential(cloud, tenantId ?? io.env.AZURE_TENANT_ID, io.env);
  const aad = aadCredentialForRegistry(credential, cloud, tenantId);
  let first: ReturnType<typeof aad.getAadToken> | undefined;
  return {
    kind: 'aad',
    getAadToken(signal?: AbortSignal) {
      // The first token serves the check and the exchange; a failed attempt is not cached.
      first ??= aad.getAadToken(signal).catch((error: unknown) => {
        first = undefined;
        throw error;
      });
      return first;
    },
  };
}
