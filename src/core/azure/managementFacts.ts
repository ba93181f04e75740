/**
 * Management-plane facts the diagnostics checks read (src/core/checks): cache rules, credential sets,
 * connected registries, scoped tokens, tasks, agent pools, policy assignments and Defender's plan.
 * Names, states and expiries only: never a secret.
 */
import { collect, iso, obj, type ArmSession } from './armSession';
import { registryId } from './resourceIds';
import { RUNS_API_VERSION } from './runs';
import type { AgentPoolInfo, CacheRuleInfo, ConnectedRegistryInfo, CredentialSetInfo, DefenderPricingInfo, PolicyAssignmentInfo, RegistryRef, ScopedTokenInfo, TaskInfo, TaskTrigger } from './types';

/** Policy assignments (REST; no policy SDK among our dependencies). */
export const POLICY_API_VERSION = '2022-06-01';
/** Defender for Cloud pricings (REST). */
export const SECURITY_PRICING_API_VERSION = '2024-01-01';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function listCacheRules(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<CacheRuleInfo[]> {
  return collect(arm.iterate(`list the cache rules of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).cacheRules.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (r) => ({
    name: r.name ?? '',
    sourceRepository: r.sourceRepository,
    targetRepository: r.targetRepository,
    credentialSetResourceId: r.credentialSetResourceId,
    provisioningState: r.provisioningState,
  })));
}

export function listCredentialSets(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<CredentialSetInfo[]> {
  return collect(arm.iterate(`list the credential sets of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).credentialSets.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (c) => ({
    id: c.id,
    name: c.name ?? '',
    loginServer: c.loginServer,
    identityType: c.identity?.type,
    credentials: (c.authCredentials ?? []).map((a) => ({ name: a.name, healthStatus: a.credentialHealth?.status, errorCode: a.credentialHealth?.errorCode, errorMessage: a.credentialHealth?.errorMessage })),
  })));
}

export function listConnectedRegistries(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<ConnectedRegistryInfo[]> {
  return collect(arm.iterate(`list the connected registries of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).connectedRegistries.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (c) => ({
    name: c.name ?? '',
    mode: c.mode,
    connectionState: c.connectionState,
    activationStatus: c.activation?.status,
    lastActivityTime: iso(c.lastActivityTime),
    statusDetails: (c.statusDetails ?? []).map((d) => ({ type: d.type, code: d.code, description: d.description, correlationId: d.correlationId })),
  })));
}

/** Scoped (repository-permission) tokens; password names and expiries only, never values. */
export function listScopedTokens(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<ScopedTokenInfo[]> {
  return collect(arm.iterate(`list the tokens of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).tokens.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (t) => ({
    name: t.name ?? '',
    status: t.status,
    scopeMapId: t.scopeMapId,
    passwords: (t.credentials?.passwords ?? []).map((p) => ({ name: p.name, expiry: iso(p.expiry) })),
  })));
}

/**
 * ACR Tasks (REST, api-version 2019-06-01-preview; Tasks_List, TaskProperties, example TasksList.json)
 * with their identities, platform, step and triggers. Secrets in a task body are never read: source
 * triggers' auth tokens, base-image webhook URLs (they may carry user:password), encoded task content.
 */
export async function listTasks(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<TaskInfo[]> {
  const items = await arm.restList(ref.subscriptionId, `list the tasks of ${ref.name}`, `${arm.cloud.resourceManagerEndpoint}${registryId(ref)}/tasks?api-version=${RUNS_API_VERSION}`, signal);
  return items.map((item) => {
    const props = obj(item.properties) ?? {};
    const identity = obj(item.identity);
    const platform = obj(props.platform);
    const step = obj(props.step);
    return {
      name: String(item.name ?? ''),
      status: text(props.status),
      identityType: text(identity?.type),
      principalId: text(identity?.principalId),
      agentPoolName: text(props.agentPoolName),
      provisioningState: text(props.provisioningState),
      creationDate: text(props.creationDate),
      platform: platform ? { os: text(platform.os), architecture: text(platform.architecture), variant: text(platform.variant) } : undefined,
      stepType: text(step?.type),
      stepFile: text(step?.dockerFilePath) ?? text(step?.taskFilePath),
      timeout: typeof props.timeout === 'number' ? props.timeout : undefined,
      triggers: taskTriggers(obj(props.trigger)),
      isSystemTask: props.isSystemTask === true ? true : undefined,
    };
  });
}

function taskTriggers(trigger: Record<string, unknown> | undefined): TaskTrigger[] {
  if (!trigger) return [];
  const out: TaskTrigger[] = [];
  for (const source of Array.isArray(trigger.sourceTriggers) ? trigger.sourceTriggers.map(obj) : []) {
    if (!source) continue;
    const repo = obj(source.sourceRepository);
    const events = Array.isArray(source.sourceTriggerEvents) ? source.sourceTriggerEvents.filter((e): e is string => typeof e === 'string') : [];
    const where = [text(repo?.sourceControlType), text(repo?.repositoryUrl), text(repo?.branch) ? `(${text(repo?.branch)})` : undefined].filter(Boolean).join(' ');
    out.push({ kind: 'source', name: text(source.name), status: text(source.status), detail: `${where}${events.length ? ` on ${events.join(', ')}` : ''}` || undefined });
  }
  for (const timer of Array.isArray(trigger.timerTriggers) ? trigger.timerTriggers.map(obj) : []) {
    if (timer) out.push({ kind: 'timer', name: text(timer.name), status: text(timer.status), detail: text(timer.schedule) });
  }
  const base = obj(trigger.baseImageTrigger);
  if (base) out.push({ kind: 'baseImage', name: text(base.name), status: text(base.status), detail: text(base.baseImageTriggerType) });
  return out;
}

/** Dedicated agent pools (REST, api-version 2019-06-01-preview). */
export async function listAgentPools(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<AgentPoolInfo[]> {
  const items = await arm.restList(ref.subscriptionId, `list the agent pools of ${ref.name}`, `${arm.cloud.resourceManagerEndpoint}${registryId(ref)}/agentPools?api-version=${RUNS_API_VERSION}`, signal);
  return items.map((item) => {
    const props = obj(item.properties) ?? {};
    return { name: String(item.name ?? ''), count: typeof props.count === 'number' ? props.count : undefined, tier: text(props.tier), os: text(props.os), virtualNetworkSubnetResourceId: text(props.virtualNetworkSubnetResourceId), provisioningState: text(props.provisioningState) };
  });
}

/** Policy assignments that apply to the registry (its own and inherited ones: `atScope()`). */
export async function listPolicyAssignments(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<PolicyAssignmentInfo[]> {
  const url = `${arm.cloud.resourceManagerEndpoint}${registryId(ref)}/providers/Microsoft.Authorization/policyAssignments?api-version=${POLICY_API_VERSION}&$filter=${encodeURIComponent('atScope()')}`;
  const items = await arm.restList(ref.subscriptionId, `list the policy assignments on ${ref.name}`, url, signal);
  return items.map((item) => {
    const props = obj(item.properties) ?? {};
    return { name: String(item.name ?? ''), displayName: text(props.displayName), policyDefinitionId: text(props.policyDefinitionId), scope: text(props.scope), enforcementMode: text(props.enforcementMode) };
  });
}

/** Defender for Containers on the subscription (`pricings/Containers`). */
export async function getDefenderForContainers(arm: ArmSession, subscriptionId: string, signal?: AbortSignal): Promise<DefenderPricingInfo> {
  const url = `${arm.cloud.resourceManagerEndpoint}/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/Containers?api-version=${SECURITY_PRICING_API_VERSION}`;
  const body = obj(await arm.run('read the Defender for Containers plan', signal, () => arm.rest(subscriptionId, 'GET', url, signal)));
  const props = obj(body?.properties) ?? {};
  return { pricingTier: text(props.pricingTier), subPlan: text(props.subPlan) };
}
