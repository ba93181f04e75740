/** One registry's storage usage, replications and webhooks. */
import type { ArmSession } from './armSession';
import type { RegistryRef, ReplicationInfo, StorageUsage, WebhookInfo } from './types';

export function usagePercent(currentValue: number, limit: number | undefined): number | undefined {
  if (!limit || limit <= 0) return undefined;
  return Math.round((currentValue / limit) * 1000) / 10;
}

export async function getStorageUsage(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<StorageUsage[]> {
  const result = await arm.run(`read the storage usage of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).registries.listUsages(ref.resourceGroup, ref.name, { abortSignal: signal }));
  return (result.value ?? []).map((u) => ({
    name: u.name ?? 'unknown',
    currentValue: u.currentValue ?? 0,
    limit: u.limit,
    unit: u.unit,
    percent: usagePercent(u.currentValue ?? 0, u.limit),
  }));
}

/** Replications (Premium only), the home replica marked: its location equals the registry's. */
export async function listReplications(arm: ArmSession, registry: RegistryRef & { location: string }, signal?: AbortSignal): Promise<ReplicationInfo[]> {
  const out: ReplicationInfo[] = [];
  const home = registry.location.replace(/\s+/g, '').toLowerCase();
  for await (const r of arm.iterate(`list the replications of ${registry.name}`, signal, () => arm.acr(registry.subscriptionId).replications.list(registry.resourceGroup, registry.name, { abortSignal: signal }), (r) => r)) {
    out.push({
      name: r.name ?? '',
      location: r.location,
      provisioningState: r.provisioningState,
      status: r.status?.displayStatus,
      statusMessage: r.status?.message,
      regionEndpointEnabled: r.regionEndpointEnabled,
      zoneRedundancy: r.zoneRedundancy,
      isHome: r.location.replace(/\s+/g, '').toLowerCase() === home,
    });
  }
  return out;
}

export async function listWebhooks(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<WebhookInfo[]> {
  const out: WebhookInfo[] = [];
  for await (const w of arm.iterate(`list the webhooks of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).webhooks.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (w) => w)) {
    out.push({ name: w.name ?? '', location: w.location, status: w.status, actions: w.actions ?? [], scope: w.scope, provisioningState: w.provisioningState });
  }
  return out;
}
