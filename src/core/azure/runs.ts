/**
 * ACR Tasks runs: listing them (newest first, OData-filtered) and cancelling one.
 *
 * The shapes follow azure-rest-api-specs, containerregistry 2019-06-01-preview
 * (containerregistry_build.json: Runs_List, RunProperties, RunFilter; examples RunsList.json,
 * RunsCancel.json). Filters are built the way `az acr task list-runs` builds them
 * (acr/task.py `_add_run_filter`: `TaskName eq 'x'`, `Status eq 'Running'`, joined with `and`);
 * the service returns runs newest first (the CLI's `acr task logs` asks for `$top=1` and calls it
 * "the last created run"), so nothing here sorts.
 */
import { obj, type ArmSession, type Json } from './armSession';
import { AzureError } from './errors';
import { registryId } from './resourceIds';
import type { ListRunsOptions, RegistryRef, RunImage, RunInfo } from './types';

/** ACR tasks/runs are not in @azure/arm-containerregistry 12: plain REST at this version. */
export const RUNS_API_VERSION = '2019-06-01-preview';

/** Bound on pages followed by our own REST paging, against a server repeating nextLink. */
const MAX_PAGES = 100;

/** Run types without a task (az acr build / az acr run); AutoBuild and AutoRun belong to a task. */
export const QUICK_RUN_TYPES = ['QuickBuild', 'QuickRun'] as const;

function runsUrl(arm: ArmSession, ref: RegistryRef): string {
  return `${arm.cloud.resourceManagerEndpoint}${registryId(ref)}/runs`;
}

/** An OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function anyOf(property: string, values: readonly string[]): string {
  const parts = values.map((value) => `${property} eq ${literal(value)}`);
  return parts.length > 1 ? `(${parts.join(' or ')})` : (parts[0] ?? '');
}

/** The `$filter` for these options (undefined = every run). Property names as the az CLI sends them. */
export function runsFilter(options: ListRunsOptions): string | undefined {
  const clauses: string[] = [];
  if (options.taskName !== undefined) clauses.push(`TaskName eq ${literal(options.taskName)}`);
  if (options.quick) clauses.push(anyOf('RunType', QUICK_RUN_TYPES));
  const statuses = options.status === undefined ? [] : typeof options.status === 'string' ? [options.status] : options.status;
  if (statuses.length) clauses.push(anyOf('Status', statuses));
  return clauses.length ? clauses.join(' and ') : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function image(value: unknown): RunImage {
  const i = obj(value) ?? {};
  return { registry: text(i.registry), repository: text(i.repository), tag: text(i.tag), digest: text(i.digest) };
}

function images(value: unknown): RunImage[] {
  return Array.isArray(value) ? value.map(image) : [];
}

/** One Runs_List item (a Run resource) as RunInfo. */
export function runInfo(item: Json): RunInfo {
  const props = obj(item.properties) ?? {};
  const platform = obj(props.platform);
  const source = obj(props.sourceTrigger);
  const imageUpdate = obj(props.imageUpdateTrigger);
  const timer = obj(props.timerTrigger);
  return {
    runId: text(props.runId) ?? String(item.name ?? ''),
    status: text(props.status),
    runType: text(props.runType),
    taskName: text(props.task),
    createTime: text(props.createTime),
    startTime: text(props.startTime),
    finishTime: text(props.finishTime),
    lastUpdatedTime: text(props.lastUpdatedTime),
    platform: platform ? { os: text(platform.os), architecture: text(platform.architecture), variant: text(platform.variant) } : undefined,
    agentPoolName: text(props.agentPoolName),
    sourceTrigger: source ? { eventType: text(source.eventType), commitId: text(source.commitId), pullRequestId: text(source.pullRequestId), repositoryUrl: text(source.repositoryUrl), branchName: text(source.branchName), providerType: text(source.providerType) } : undefined,
    imageUpdateTrigger: imageUpdate ? { timestamp: text(imageUpdate.timestamp), images: images(imageUpdate.images) } : undefined,
    timerTrigger: timer ? { timerTriggerName: text(timer.timerTriggerName), scheduleOccurrence: text(timer.scheduleOccurrence) } : undefined,
    outputImages: images(props.outputImages),
    runErrorMessage: text(props.runErrorMessage),
  };
}

/** Task runs, newest first (the service's order), filtered on the server. */
export async function listRuns(arm: ArmSession, ref: RegistryRef, options: ListRunsOptions = {}, signal?: AbortSignal): Promise<RunInfo[]> {
  const top = options.top === undefined ? undefined : Math.max(1, Math.trunc(options.top));
  const filter = runsFilter(options);
  const query = [`api-version=${RUNS_API_VERSION}`, filter ? `$filter=${encodeURIComponent(filter)}` : undefined, top ? `$top=${top}` : undefined].filter(Boolean).join('&');
  const what = options.taskName !== undefined ? `the runs of task ${options.taskName}` : options.quick ? 'the runs without a task' : 'the task runs';
  const items = await arm.restList(ref.subscriptionId, `list ${what} of ${ref.name}`, `${runsUrl(arm, ref)}?${query}`, signal, MAX_PAGES, top);
  return items.map(runInfo);
}

/** ACR task runs with status Running (what the FAQ's F35 command cancels). */
export function listRunningRuns(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<RunInfo[]> {
  return listRuns(arm, ref, { status: 'Running' }, signal);
}

export async function cancelRun(arm: ArmSession, ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void> {
  if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new AzureError('AZURE_BAD_RUN_ID', `'${runId}' is not an ACR run id.`, { hint: 'Run ids look like ca1 or cab2; list the running runs first.' });
  await arm.run(`cancel run ${runId} of ${ref.name}`, signal, () => arm.rest(ref.subscriptionId, 'POST', `${runsUrl(arm, ref)}/${runId}/cancel?api-version=${RUNS_API_VERSION}`, signal));
}
