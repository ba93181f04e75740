/**
 * The explorer's Azure part over the signed-in account (in the Azure bundle, so the SDKs
 * load only when the Azure part of the tree is used): tenants, the selected subscriptions,
 * registries with the login server ARM reports (never guessed), storage usage, ACR Tasks and
 * their runs (and cancelling one), the ARM client for registry settings, and the Entra credential
 * a registry client exchanges at /oauth2/exchange.
 */
import type { GetTokenOptions } from '@azure/core-auth';
import { aadCredentialForRegistry, AzureClient, collect, type ListRunsOptions, type RegistryRef, type RegistrySummary, type RunInfo, type StorageUsage, type SubscriptionSummary, type TaskInfo, type TenantSummary } from '../../core/azure/index';
import type { Logger } from '../../core/log';
import type { AzureAccount } from './azureAccount';

export interface ExtensionAzureBrowser {
  isSignedIn(signal?: AbortSignal): Promise<boolean>;
  tenants(signal?: AbortSignal): Promise<TenantSummary[]>;
  subscriptions(tenantId: string | undefined, signal?: AbortSignal): Promise<SubscriptionSummary[]>;
  registries(subscriptionId: string, signal?: AbortSignal): Promise<RegistrySummary[]>;
  storageUsage(ref: RegistryRef, signal?: AbortSignal): Promise<StorageUsage[]>;
  /** The ARM client for a registry's settings commands (admin user, anonymous pull, firewall rules). */
  management(signal?: AbortSignal): Promise<AzureClient>;
  tasks(ref: RegistryRef, signal?: AbortSignal): Promise<TaskInfo[]>;
  /** Runs newest first (the tree's pages and "Cancel All Running Runs…"). */
  listRuns(ref: RegistryRef, options: ListRunsOptions, signal?: AbortSignal): Promise<RunInfo[]>;
  cancelRun(ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void>;
  /** The Entra credential for one registry's token exchange (tenant of its subscription). */
  registryCredential(tenantId: string | undefined): ReturnType<typeof aadCredentialForRegistry>;
  /** Names the signed-in identity for the client pool (cloud, tenant); changes on sign-in changes. */
  identity(): string;
  onDidChange(listener: () => void): { dispose(): void };
}

export function createAzureBrowser(account: AzureAccount, log: Logger): ExtensionAzureBrowser {
  const client = async (signal?: AbortSignal, tenantId?: string | null): Promise<AzureClient> => {
    const cloud = await account.resolveCloud(signal);
    const base = account.getCredential();
    // null: the home tenant (tenants are listed without a tenant pseudo-scope).
    const credential = tenantId === undefined ? base : { getToken: (scopes: string | string[], options?: GetTokenOptions) => base.getToken(scopes, { ...options, tenantId: tenantId ?? undefined }) };
    return new AzureClient({ credential, cloud, logger: log });
  };
  let generation = 0;
  account.onDidChange(() => generation++);
  return {
    isSignedIn: () => account.isSignedIn(),
    tenants: async (signal) => collect((await client(signal, null)).listTenants(signal)),
    subscriptions: async (tenantId, signal) => {
      const all = await collect((await client(signal, tenantId)).listSubscriptions(signal));
      const chosen = account.subscriptionIds;
      const inTenant = tenantId ? all.filter((s) => !s.tenantId || s.tenantId === tenantId) : all;
      if (chosen?.length) return inTenant.filter((s) => chosen.includes(s.id));
      return inTenant.filter((s) => !s.state || s.state.toLowerCase() === 'enabled');
    },
    registries: async (subscriptionId, signal) => (await collect((await client(signal)).listRegistries(subscriptionId, signal))).sort((a, b) => a.name.localeCompare(b.name)),
    storageUsage: async (ref, signal) => (await client(signal)).getStorageUsage(ref, signal),
    management: (signal) => client(signal),
    tasks: async (ref, signal) => (await client(signal)).listTasks(ref, signal),
    listRuns: async (ref, options, signal) => (await client(signal)).listRuns(ref, options, signal),
    cancelRun: async (ref, runId, signal) => (await client(signal)).cancelRun(ref, runId, signal),
    registryCredential: (tenantId) => aadCredentialForRegistry(account.getCredential(), account.cloud, tenantId),
    identity: () => `azure:${account.cloud.name}:${account.tenantId ?? 'home'}:${generation}`,
    onDidChange: (listener) => account.onDidChange(listener),
  };
}
