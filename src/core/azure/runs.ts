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
  return arm.run(`list the running task runs of ${ref.name}`, signal, async () => {
    const runs: RunInfo[] = [];
    let url: string | undefined = `${runsUrl(arm, ref)}?api-version=${RUNS_API_VERSION}&$filter=${encodeURIComponent("status eq 'Running'")}`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const body = obj(await arm.rest(ref.subscriptionId, 'GET', url, signal));
      const value = Array.isArray(body?.value) ? body.value : [];
      for (const item of value) {
        const props = obj(obj(item)?.properties) ?? {};
        const text = (key: string) => (typeof props[key] === 'string' ? (props[key] as string) : undefined);
        runs.push({ runId: text('runId') ?? String(obj(item)?.name ?? ''), status: text('status'), runType: text('runType'), taskName: text('task'), createTime: text('createTime'), startTime: text('startTime'), lastUpdatedTime: text('lastUpdatedTime') });
      }
      url = typeof body?.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
    }
    return runs;
  });
}

export async function cancelRun(arm: ArmSession, ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void> {
  if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new AzureError('AZURE_BAD_RUN_ID', `'${runId}' is not an ACR run id.`, { hint: 'Run ids look like ca1 or cab2; list the running runs first.' });
  await arm.run(`cancel run ${runId} of ${ref.name}`, signal, () => arm.rest(ref.subscriptionId, 'POST', `${runsUrl(arm, ref)}/${runId}/cancel?api-version=${RUNS_API_VERSION}`, signal));
}
