/**
 * Azure access for `check-health` (in the Azure bundle: it loads the SDKs). Optional: when no
 * sign-in is available the Azure checks are skipped with the reason, never the whole run.
 */
import { AzureClient, BUILT_IN_CLOUDS, armScope, builtInCloud } from '../core/azure/index';
import type { ChecksAzure } from '../core/checks/facts';
import { createDefaultCredential } from './azureOptions';
import type { CliIO } from './io';

const SIGN_IN_TIMEOUT_MS = 15_000;

export async function checksAzureFor(registry: string, io: CliIO): Promise<{ azure?: ChecksAzure; reason?: string }> {
  const host = registry.replace(/:\d+$/, '').toLowerCase();
  const cloud = Object.values(BUILT_IN_CLOUDS).find((c) => host.endsWith(`.${c.acrLoginServerSuffix}`)) ?? builtInCloud('AzureCloud');
  const credential = io.azureCredential?.(cloud.name, undefined) ?? createDefaultCredential(cloud, io.env.AZURE_TENANT_ID, io.env);
  try {
    const signal = AbortSignal.any([io.signal, AbortSignal.timeout(SIGN_IN_TIMEOUT_MS)]);
    const token = await credential.getToken(armScope(cloud), { abortSignal: signal });
    if (!token) return { reason: 'no Azure token was available' };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { reason: `no Azure sign-in: ${message}` };
  }
  return {
    azure: {
      client: new AzureClient({ credential, cloud }),
      async getToken(scope, signal) {
        const token = await credential.getToken(scope, { abortSignal: signal });
        if (!token) throw new Error(`no Azure token for ${scope}`);
        return { token: token.token };
      },
    },
  };
}
