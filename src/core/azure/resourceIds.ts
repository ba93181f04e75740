/** Azure resource ids and GUIDs: parsing, building and comparing them. */
import { AzureError } from './errors';
import type { RegistryRef, ScopeKind } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Subscription, tenant and object ids are GUIDs (case-insensitive). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function parseResourceId(id: string): RegistryRef {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)/i.exec(id);
  if (!match) throw new AzureError('AZURE_BAD_RESOURCE_ID', `'${id}' is not a container registry resource id.`, { hint: 'Expected /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/NAME.' });
  return { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! };
}

export function registryId(ref: RegistryRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.name}`;
}

/** Where a role assignment's scope sits relative to a registry. */
export function scopeKindOf(scope: string | undefined, registry: RegistryRef): ScopeKind {
  if (!scope) return 'other';
  const s = scope.replace(/\/+$/, '').toLowerCase();
  if (s === '' || s === '/') return 'root';
  if (s === registryId(registry).toLowerCase()) return 'registry';
  if (s === `/subscriptions/${registry.subscriptionId}/resourcegroups/${registry.resourceGroup}`.toLowerCase()) return 'resourceGroup';
  if (s === `/subscriptions/${registry.subscriptionId}`.toLowerCase()) return 'subscription';
  if (s.startsWith('/providers/microsoft.management/managementgroups/')) return 'managementGroup';
  return 'other';
}
