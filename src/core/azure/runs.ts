/** ACR Tasks runs: the running ones, and cancelling one. */
import { obj, type ArmSession } from './armSession';
import { AzureError } from './errors';
import { registryId } from './resourceIds';
import type { RegistryRef, RunInfo } from './types';

/** ACR tasks/runs are not in @azure/arm-containerregistry 12: plain REST at this version. */
export const RUNS_API_VERSION = '2019-06-01-preview';

/** Bound on pages followed by our own REST paging, against a server repeating nextLink. */
const MAX_PAGES = 100;

function runsUrl(arm: ArmSession, ref: RegistryRef): string {
  return `${arm.cloud.resourceManagerEndpoint}${registryId(ref)}/runs`;
}

/** ACR task runs with status Running (REST, api-version 2019-06-01-preview). */
export async function listRunningRuns(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<RunInfo[]> {
  const url = `${runsUrl(arm, ref)}?api-version=${RUNS_API_VERSION}&$filter=${encodeURIComponent("status eq 'Running'")}`;
  const items = await arm.restList(ref.subscriptionId, `list the running task runs of ${ref.name}`, url, signal, MAX_PAGES);
  return items.map((item) => {
    const props = obj(item.properties) ?? {};
    const text = (key: string) => (typeof props[key] === 'string' ? (props[key] as string) : undefined);
    return { runId: text('runId') ?? String(item.name ?? ''), status: text('status'), runType: text('runType'), taskName: text('task'), createTime: text('createTime'), startTime: text('startTime'), lastUpdatedTime: text('lastUpdatedTime') };
  });
}

export async function cancelRun(arm: ArmSession, ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void> {
  if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new AzureError('AZURE_BAD_RUN_ID', `'${runId}' is not an ACR run id.`, { hint: 'Run ids look like ca1 or cab2; list the running runs first.' });
  await arm.run(`cancel run ${runId} of ${ref.name}`, signal, () => arm.rest(ref.subscriptionId, 'POST', `${runsUrl(arm, ref)}/${runId}/cancel?api-version=${RUNS_API_VERSION}`, signal));
}
