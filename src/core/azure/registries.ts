/**
 * Registries: listing and finding them, one registry's properties, and the settings ACR Doctor
 * changes when asked (admin user, anonymous pull, firewall IP rules).
 */
import { isIPv4 } from 'node:net';
import type { Registry } from '@azure/arm-containerregistry';
import { collect, iso, obj, type ArmSession } from './armSession';
import { AzureError } from './errors';
import { parseResourceId, registryId } from './resourceIds';
import { listSubscriptions } from './subscriptions';
import type { RegistryDetails, RegistryRef, RegistrySummary } from './types';

function summaryOf(registry: Registry): RegistrySummary {
  const ref = parseResourceId(registry.id ?? '');
  return {
    ...ref,
    id: registry.id ?? registryId(ref),
    name: registry.name ?? ref.name,
    location: registry.location,
    sku: registry.sku?.name ?? 'unknown',
    loginServer: (registry.loginServer ?? '').toLowerCase(),
    provisioningState: registry.provisioningState,
  };
}

function detailsOf(registry: Registry, raw: unknown): RegistryDetails {
  const rawSoftDelete = obj(obj(obj(obj(raw)?.properties)?.policies)?.softDeletePolicy);
  return {
    ...summaryOf(registry),
    creationDate: iso(registry.creationDate),
    adminUserEnabled: registry.adminUserEnabled ?? false,
    anonymousPullEnabled: registry.anonymousPullEnabled ?? false,
    publicNetworkAccess: registry.publicNetworkAccess,
    networkRuleSet: registry.networkRuleSet
      ? { defaultAction: registry.networkRuleSet.defaultAction, ipRules: (registry.networkRuleSet.ipRules ?? []).map((rule) => rule.iPAddressOrRange) }
      : undefined,
    networkRuleBypassOptions: registry.networkRuleBypassOptions,
    policies: {
      quarantine: registry.policies?.quarantinePolicy ? { status: registry.policies.quarantinePolicy.status } : undefined,
      trust: registry.policies?.trustPolicy ? { status: registry.policies.trustPolicy.status, type: registry.policies.trustPolicy.type } : undefined,
      retention: registry.policies?.retentionPolicy ? { status: registry.policies.retentionPolicy.status, days: registry.policies.retentionPolicy.days } : undefined,
      export: registry.policies?.exportPolicy ? { status: registry.policies.exportPolicy.status } : undefined,
      azureADAuthenticationAsArm: registry.policies?.azureADAuthenticationAsArmPolicy ? { status: registry.policies.azureADAuthenticationAsArmPolicy.status } : undefined,
      softDelete: rawSoftDelete
        ? { status: typeof rawSoftDelete.status === 'string' ? rawSoftDelete.status : undefined, retentionDays: typeof rawSoftDelete.retentionDays === 'number' ? rawSoftDelete.retentionDays : undefined }
        : undefined,
    },
    dataEndpointEnabled: registry.dataEndpointEnabled ?? false,
    dataEndpointHostNames: registry.dataEndpointHostNames ?? [],
    privateEndpointConnections: (registry.privateEndpointConnections ?? []).map((c) => ({
      name: c.name,
      status: c.privateLinkServiceConnectionState?.status,
      privateEndpointId: c.privateEndpoint?.id,
    })),
    encryption: registry.encryption
      ? { status: registry.encryption.status, keyIdentifier: registry.encryption.keyVaultProperties?.keyIdentifier, identity: registry.encryption.keyVaultProperties?.identity }
      : undefined,
    identity: registry.identity
      ? { type: registry.identity.type, principalId: registry.identity.principalId, userAssignedIdentities: Object.keys(registry.identity.userAssignedIdentities ?? {}) }
      : undefined,
    zoneRedundancy: registry.zoneRedundancy,
    roleAssignmentMode: registry.roleAssignmentMode,
    tags: registry.tags ?? {},
  };
}

/** ACR IP rules hold IPv4 addresses or CIDR ranges; a bare address equals its /32. */
export function normaliseIpRule(value: string): string {
  const trimmed = value.trim();
  const [address, prefix] = trimmed.split('/');
  if (!address || !isIPv4(address) || (prefix !== undefined && !(/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32))) {
    throw new AzureError('AZURE_BAD_IP_RULE', `'${value}' is not an IPv4 address or CIDR range.`, { hint: 'ACR firewall rules take IPv4 addresses (203.0.113.7) or ranges (203.0.113.0/24); IPv6 is not supported.' });
  }
  return prefix === undefined || prefix === '32' ? address : `${address}/${prefix}`;
}

export function listRegistries(arm: ArmSession, subscriptionId: string, signal?: AbortSignal): AsyncGenerator<RegistrySummary> {
  return arm.iterate(`list registries in subscription ${subscriptionId}`, signal, () => arm.acr(subscriptionId).registries.list({ abortSignal: signal }), summaryOf);
}

export async function getRegistry(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<RegistryDetails> {
  let raw: unknown;
  const registry = await arm.run(`read registry ${ref.name}`, signal, () =>
    arm.acr(ref.subscriptionId).registries.get(ref.resourceGroup, ref.name, {
      abortSignal: signal,
      onResponse: (response) => {
        raw = response.parsedBody;
      },
    }),
  );
  return detailsOf(registry, raw);
}

export async function setAdminUserEnabled(arm: ArmSession, ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
  await arm.run(`${enabled ? 'enable' : 'disable'} the admin user of ${ref.name}`, signal, () =>
    arm.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { adminUserEnabled: enabled }, { abortSignal: signal }),
  );
  return getRegistry(arm, ref, signal);
}

export async function setAnonymousPullEnabled(arm: ArmSession, ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
  await arm.run(`${enabled ? 'enable' : 'disable'} anonymous pull on ${ref.name}`, signal, () =>
    arm.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { anonymousPullEnabled: enabled }, { abortSignal: signal }),
  );
  return getRegistry(arm, ref, signal);
}

/**
 * Adds an IPv4 address/range to the registry firewall, merging into the
 * existing rules. Idempotent: an existing rule is left alone (changed: false).
 */
export async function addIpRule(arm: ArmSession, ref: RegistryRef, ipAddressOrRange: string, signal?: AbortSignal): Promise<{ changed: boolean; registry: RegistryDetails }> {
  const wanted = normaliseIpRule(ipAddressOrRange);
  const current = await arm.run(`read registry ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).registries.get(ref.resourceGroup, ref.name, { abortSignal: signal }));
  if ((current.sku?.name ?? '').toLowerCase() !== 'premium') {
    throw new AzureError('AZURE_IP_RULES_NEED_PREMIUM', `Registry ${ref.name} is ${current.sku?.name ?? 'not'} Premium; firewall IP rules need the Premium tier.`, {
      hint: 'Upgrade the registry to Premium, or allow access another way (public network access, a private endpoint).',
    });
  }
  const rules = current.networkRuleSet?.ipRules ?? [];
  if (rules.some((rule) => normaliseIpRule(rule.iPAddressOrRange) === wanted)) {
    return { changed: false, registry: detailsOf(current, undefined) };
  }
  const networkRuleSet = { defaultAction: current.networkRuleSet?.defaultAction ?? 'Allow', ipRules: [...rules, { action: 'Allow', iPAddressOrRange: wanted }] };
  arm.log.info(`Adding IP rule ${wanted} to ${ref.name}.`);
  await arm.run(`add IP rule ${wanted} to ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { networkRuleSet }, { abortSignal: signal }));
  return { changed: true, registry: await getRegistry(arm, ref, signal) };
}

/**
 * Finds a registry by name or login server in the given subscriptions (all
 * visible ones when none are given). Names are unique per cloud, so the first match wins.
 */
export async function findRegistry(arm: ArmSession, nameOrLoginServer: string, subscriptionIds: string[] | undefined, signal?: AbortSignal): Promise<RegistrySummary> {
  const wanted = nameOrLoginServer.trim().toLowerCase();
  const byLoginServer = wanted.includes('.');
  const ids = subscriptionIds?.length ? subscriptionIds : await collect(listSubscriptions(arm, signal), (s) => s.id);
  for (const subscriptionId of ids) {
    for await (const registry of listRegistries(arm, subscriptionId, signal)) {
      if (byLoginServer ? registry.loginServer === wanted : registry.name.toLowerCase() === wanted) return registry;
    }
  }
  throw new AzureError('AZURE_REGISTRY_NOT_FOUND', `No registry ${byLoginServer ? 'with login server' : 'named'} '${nameOrLoginServer}' in ${ids.length === 0 ? 'any subscription you can see' : `subscription${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`} (${arm.cloud.name}).`, {
    hint: 'Check the spelling and the cloud, pass --subscription, or check that you have at least Reader on the registry.',
  });
}
