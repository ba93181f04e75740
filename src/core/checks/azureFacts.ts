/**
 * Management-plane facts beyond the ones facts.ts names (cache rules, tokens, tasks, policies …),
 * memoised per run through `facts.memo` so every check shares one ARM call. The run's Azure client
 * is typed by facts.ts as a Pick of AzureClient; these methods are AzureClient's too, so they are
 * looked up at run time and a client without them is reported, not guessed around.
 */
import type { AzureClient, RoleAssignmentInfo } from '../azure';
import { AcrDoctorError, CancelledError } from '../errors';
import type { CheckFacts } from './facts';
import type { CheckOutcome } from './types';

type ExtraMethod = 'listCacheRules' | 'listCredentialSets' | 'listConnectedRegistries' | 'listScopedTokens' | 'listTasks' | 'listAgentPools' | 'listPolicyAssignments' | 'getDefenderForContainers' | 'listRoleAssignmentsFor';
type Extras = Pick<AzureClient, ExtraMethod>;

function extras(facts: CheckFacts, method: ExtraMethod): Extras {
  const client = facts.azure?.client as Partial<Extras> | undefined;
  if (!client) throw new AcrDoctorError('AZURE_UNAVAILABLE', 'Not signed in to Azure.');
  if (typeof client[method] !== 'function') throw new AcrDoctorError('AZURE_CLIENT_INCOMPLETE', `The Azure client of this run cannot ${method}.`);
  return client as Extras;
}

async function perRegistry<T>(facts: CheckFacts, method: Exclude<ExtraMethod, 'getDefenderForContainers' | 'listRoleAssignmentsFor'>): Promise<T> {
  return facts.memo(`arm:${method}`, async (signal) => {
    const client = extras(facts, method);
    const ref = await facts.registryRef();
    return (client[method] as (r: typeof ref, s: AbortSignal) => Promise<T>).call(client, ref, signal);
  });
}

export const armFacts = {
  cacheRules: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listCacheRules']>>>(facts, 'listCacheRules'),
  credentialSets: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listCredentialSets']>>>(facts, 'listCredentialSets'),
  connectedRegistries: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listConnectedRegistries']>>>(facts, 'listConnectedRegistries'),
  scopedTokens: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listScopedTokens']>>>(facts, 'listScopedTokens'),
  tasks: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listTasks']>>>(facts, 'listTasks'),
  agentPools: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listAgentPools']>>>(facts, 'listAgentPools'),
  policyAssignments: (facts: CheckFacts) => perRegistry<Awaited<ReturnType<AzureClient['listPolicyAssignments']>>>(facts, 'listPolicyAssignments'),
  defender: (facts: CheckFacts) =>
    facts.memo('arm:defender', async (signal) => extras(facts, 'getDefenderForContainers').getDefenderForContainers((await facts.registryRef()).subscriptionId, signal)),
  roleAssignmentsFor: (facts: CheckFacts, principalId: string): Promise<RoleAssignmentInfo[]> =>
    facts.memo(`arm:roles:${principalId.toLowerCase()}`, async (signal) => extras(facts, 'listRoleAssignmentsFor').listRoleAssignmentsFor(await facts.registryRef(), principalId, signal)),
};

/**
 * Runs a management check's judgement; an Azure failure reading a fact becomes a `skip` that says what
 * could not be read and why (a missing permission, a SKU without the feature), never a thrown error.
 */
export async function judging(what: string, judge: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await judge();
  } catch (error) {
    if (error instanceof CancelledError || !(error instanceof AcrDoctorError)) throw error;
    return { status: 'skip', summary: `Could not read ${what}: ${error.toUserMessage()}`, evidence: { errorCode: error.code } };
  }
}

/** Minutes between `iso` and `now` (negative for the future), or undefined. */
export function ageMinutes(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : Math.floor((now.getTime() - at) / 60_000);
}

export const LOGIN_SERVER_CHECK = 'registry.login-server';
