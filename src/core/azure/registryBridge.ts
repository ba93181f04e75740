/**
 * What the Azure layer hands the registry client: an Entra ID token for ARM's
 * audience in the chosen cloud, for the ACR /oauth2/exchange. Structurally the
 * `{ kind: 'aad' }` member of RegistryCredential (src/core/registry/auth/credentials.ts).
 */
import type { TokenCredential } from '@azure/core-auth';
import { armScope, type AzureCloud } from './clouds';
import { AzureAuthenticationError, toAzureError } from './errors';
import { decodeJwtClaims } from './jwt';
import { throwIfAborted } from '../errors';
import { Secret } from '../secret';

export interface AadRegistryCredential {
  kind: 'aad';
  getAadToken(signal?: AbortSignal): Promise<{ token: Secret; tenantId?: string }>;
}

export function aadCredentialForRegistry(credential: TokenCredential, cloud: AzureCloud, tenantId?: string): AadRegistryCredential {
  return {
    kind: 'aad',
    async getAadToken(signal?: AbortSignal) {
      throwIfAborted(signal);
      let token: Awaited<ReturnType<TokenCredential['getToken']>>;
      try {
        token = await credential.getToken(armScope(cloud), { abortSignal: signal, tenantId });
      } catch (error) {
        throw toAzureError(error, { operation: 'get an Azure token for the registry', cloudName: cloud.name });
      }
      if (!token) {
        throw new AzureAuthenticationError('No Azure token was available for the registry.', { hint: 'Sign in to Azure and try again.' });
      }
      // ACR's exchange wants the tenant; the token's own tid is authoritative.
      return { token: new Secret(token.token), tenantId: decodeJwtClaims(token.token).tid ?? tenantId };
    },
  };
}
