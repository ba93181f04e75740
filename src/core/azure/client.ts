/**
 * The Azure management plane for ACR Doctor: subscriptions, registries and one
 * registry's properties, usage, replicas, webhooks, your role assignments and
 * task runs. Every call goes through the real Azure SDK clients, built with the
 * chosen cloud's endpoint and token scope; every call takes an AbortSignal and
 * turns failures into typed AzureErrors.
 *
 * AzureClient is the one entry point; each resource lives in its own module
 * (subscriptions, registries, registryUsage, adminCredentials, roleAssignments,
 * runs) over the shared ArmSession, so new checks add a module, not methods here.
 */
import { getAdminCredentials } from './adminCredentials';
import { ArmSession, type AzureClientOptions } from './armSession';
import type { AzureCloud } from './clouds';
import { addIpRule, findRegistry, getRegistry, listRegistries, setAdminUserEnabled, setAnonymousPullEnabled } from './registries';
import { getStorageUsage, listReplications, listWebhooks } from './registryUsage';
import { RoleAssignments } from './roleAssignments';
import { getDefenderForContainers, listAgentPools, listCacheRules, listConnectedRegistries, listCredentialSets, listPolicyAssignments, listScopedTokens, listTasks } from './managementFacts';
import { cancelRun, listRunningRuns, listRuns } from './runs';
import { listSubscriptions, listTenants } from './subscriptions';
import type {
  AdminCredentials,
  AgentPoolInfo,
  CacheRuleInfo,
  ConnectedRegistryInfo,
  CredentialSetInfo,
  DefenderPricingInfo,
  ListRunsOptions,
  PolicyAssignmentInfo,
  ScopedTokenInfo,
  TaskInfo,
  RegistryDetails,
  RegistryRef,
  RegistrySummary,
  ReplicationInfo,
  RoleAssignmentInfo,
  RunInfo,
  StorageUsage,
  SubscriptionSummary,
  TenantSummary,
  WebhookInfo,
} from './types';

export { collect, type AzureClientOptions } from './armSession';
export { normaliseIpRule } from './registries';
export { usagePercent } from './registryUsage';
export { isGuid, parseResourceId, registryId, scopeKindOf } from './resourceIds';
export { QUICK_RUN_TYPES, RUNS_API_VERSION, runsFilter } from './runs';
export { POLICY_API_VERSION, SECURITY_PRICING_API_VERSION } from './managementFacts';

export class AzureClient {
  readonly cloud: AzureCloud;
  private readonly arm: ArmSession;
  private readonly roleAssignments: RoleAssignments;

  constructor(options: AzureClientOptions) {
    this.arm = new ArmSession(options);
    this.cloud = this.arm.cloud;
    this.roleAssignments = new RoleAssignments(this.arm);
  }

  /** The signed-in principal's object id, from the ARM token's `oid` claim (token not kept). */
  principalId(signal?: AbortSignal): Promise<string> {
    return this.arm.principalId(signal);
  }

  listSubscriptions(signal?: AbortSignal): AsyncGenerator<SubscriptionSummary> {
    return listSubscriptions(this.arm, signal);
  }

  listTenants(signal?: AbortSignal): AsyncGenerator<TenantSummary> {
    return listTenants(this.arm, signal);
  }

  listRegistries(subscriptionId: string, signal?: AbortSignal): AsyncGenerator<RegistrySummary> {
    return listRegistries(this.arm, subscriptionId, signal);
  }

  getRegistry(ref: RegistryRef, signal?: AbortSignal): Promise<RegistryDetails> {
    return getRegistry(this.arm, ref, signal);
  }

  getStorageUsage(ref: RegistryRef, signal?: AbortSignal): Promise<StorageUsage[]> {
    return getStorageUsage(this.arm, ref, signal);
  }

  /** Replications (Premium only), the home replica marked: its location equals the registry's. */
  listReplications(registry: RegistryRef & { location: string }, signal?: AbortSignal): Promise<ReplicationInfo[]> {
    return listReplications(this.arm, registry, signal);
  }

  listWebhooks(ref: RegistryRef, signal?: AbortSignal): Promise<WebhookInfo[]> {
    return listWebhooks(this.arm, ref, signal);
  }

  /** The admin user's name and passwords: secrets; call only when the person asked for them. */
  getAdminCredentials(ref: RegistryRef, signal?: AbortSignal): Promise<AdminCredentials> {
    return getAdminCredentials(this.arm, ref, signal);
  }

  /** Your role assignments that apply on the registry (at it and above, through groups too), role names resolved. */
  listMyRoleAssignments(registry: RegistryRef, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    return this.roleAssignments.listMine(registry, signal);
  }

  /** ACR task runs newest first: of one task, without a task (quick), in some statuses; `top` bounds them. */
  listRuns(ref: RegistryRef, options: ListRunsOptions = {}, signal?: AbortSignal): Promise<RunInfo[]> {
    return listRuns(this.arm, ref, options, signal);
  }

  /** ACR task runs with status Running. */
  listRunningRuns(ref: RegistryRef, signal?: AbortSignal): Promise<RunInfo[]> {
    return listRunningRuns(this.arm, ref, signal);
  }

  cancelRun(ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void> {
    return cancelRun(this.arm, ref, runId, signal);
  }

  setAdminUserEnabled(ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
    return setAdminUserEnabled(this.arm, ref, enabled, signal);
  }

  setAnonymousPullEnabled(ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
    return setAnonymousPullEnabled(this.arm, ref, enabled, signal);
  }

  /** Adds an IPv4 address/range to the registry firewall, merging into the existing rules (idempotent). */
  addIpRule(ref: RegistryRef, ipAddressOrRange: string, signal?: AbortSignal): Promise<{ changed: boolean; registry: RegistryDetails }> {
    return addIpRule(this.arm, ref, ipAddressOrRange, signal);
  }

  /** Finds a registry by name or login server in the given subscriptions (all visible ones when none are given). */
  findRegistry(nameOrLoginServer: string, subscriptionIds: string[] | undefined, signal?: AbortSignal): Promise<RegistrySummary> {
    return findRegistry(this.arm, nameOrLoginServer, subscriptionIds, signal);
  }

  // Management facts for the diagnostics checks (src/core/checks), from managementFacts.ts.

  listCacheRules(ref: RegistryRef, signal?: AbortSignal): Promise<CacheRuleInfo[]> {
    return listCacheRules(this.arm, ref, signal);
  }

  listCredentialSets(ref: RegistryRef, signal?: AbortSignal): Promise<CredentialSetInfo[]> {
    return listCredentialSets(this.arm, ref, signal);
  }

  listConnectedRegistries(ref: RegistryRef, signal?: AbortSignal): Promise<ConnectedRegistryInfo[]> {
    return listConnectedRegistries(this.arm, ref, signal);
  }

  /** Scoped tokens: password names and expiries only, never values. */
  listScopedTokens(ref: RegistryRef, signal?: AbortSignal): Promise<ScopedTokenInfo[]> {
    return listScopedTokens(this.arm, ref, signal);
  }

  listTasks(ref: RegistryRef, signal?: AbortSignal): Promise<TaskInfo[]> {
    return listTasks(this.arm, ref, signal);
  }

  listAgentPools(ref: RegistryRef, signal?: AbortSignal): Promise<AgentPoolInfo[]> {
    return listAgentPools(this.arm, ref, signal);
  }

  listPolicyAssignments(ref: RegistryRef, signal?: AbortSignal): Promise<PolicyAssignmentInfo[]> {
    return listPolicyAssignments(this.arm, ref, signal);
  }

  getDefenderForContainers(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPricingInfo> {
    return getDefenderForContainers(this.arm, subscriptionId, signal);
  }

  /** Role assignments of another principal (a task's or kubelet's identity) that apply to the registry. */
  listRoleAssignmentsFor(registry: RegistryRef, principalId: string, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    return this.roleAssignments.listOf(registry, principalId, signal);
  }
}
