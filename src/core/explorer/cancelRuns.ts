/**
 * "Cancel All Running Runs…" (FAQ F35) without VS Code: which runs to cancel, the confirmation that
 * lists each one and says what changes, cancelling them a few at a time, and the outcome in words.
 *
 * The FAQ's command (`az acr task list-runs --run-status Running … | xargs az acr task cancel-run`)
 * cancels the Running ones. Queued and Started runs are listed too (Runs_Cancel takes any run): left
 * alone, a queued run starts the moment an agent is free, which is what the person asked to stop.
 * The confirmation names each run's status, so nothing is cancelled unseen.
 */
import { ACTIVE_RUN_STATUSES, type ListRunsOptions, type RegistryRef, type RunInfo } from '../azure/types';
import { mapLimit } from '../concurrency';
import { isAbortError, isAcrDoctorError } from '../errors';
import { absoluteTime, escapeName, relativeTime } from './format';

/** What cancelling needs of the Azure client (AzureClient has it). */
export interface RunsControl {
  listRuns(ref: RegistryRef, options: ListRunsOptions, signal?: AbortSignal): Promise<RunInfo[]>;
  cancelRun(ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void>;
}

/** At most this many cancel requests at once (ARM throttles per principal; the runs are few). */
export const CANCEL_CONCURRENCY = 4;
/** Runs listed one by one in the confirmation; the rest are counted. */
const LISTED = 15;

export interface CancelPlan {
  runs: RunInfo[];
  /** The modal's message (one line); for no runs, the information to show instead. */
  message: string;
  /** The modal's detail: each run, then exactly what changes. Empty for no runs. */
  detail: string;
  /** The confirm button. Empty for no runs. */
  confirm: string;
}

function runLine(run: RunInfo, now: Date): string {
  const id = escapeName(run.runId).text;
  const task = run.taskName ? `task ${escapeName(run.taskName).text}` : 'no task';
  const started = run.startTime ? `started ${relativeTime(run.startTime, now)} (${absoluteTime(run.startTime)})` : run.createTime ? `queued ${relativeTime(run.createTime, now)} (${absoluteTime(run.createTime)})` : 'time unknown';
  return `• ${id} · ${task} · ${run.status ?? 'unknown'} · ${started}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The confirmation for cancelling `runs` in a registry. */
export function describeCancel(registryName: string, runs: RunInfo[], now: Date): CancelPlan {
  const registry = escapeName(registryName).text;
  if (runs.length === 0) return { runs, message: `No task runs are queued or running in ${registry}: nothing to cancel.`, detail: '', confirm: '' };
  const byStatus = new Map<string, number>();
  for (const run of runs) byStatus.set(run.status ?? 'unknown', (byStatus.get(run.status ?? 'unknown') ?? 0) + 1);
  const counts = [...byStatus].map(([status, count]) => `${count} ${status.toLowerCase()}`).join(', ');
  const listed = runs.slice(0, LISTED).map((run) => runLine(run, now));
  if (runs.length > LISTED) listed.push(`…and ${runs.length - LISTED} more`);
  const detail = [
    ...listed,
    '',
    `Each of these runs is cancelled and ends with status Canceled: a build in progress stops and pushes no image; a queued run never starts. A run that finishes before its cancel arrives keeps its result.`,
    'Nothing else changes: the tasks, their triggers and schedules stay, and the next trigger starts a new run.',
  ].join('\n');
  return { runs, message: `Cancel ${plural(runs.length, 'task run')} in ${registry} (${counts})?`, detail, confirm: `Cancel ${plural(runs.length, 'Run')}` };
}

/** Lists the queued, started and running runs (every page, one request per page) and describes them. */
export async function planCancelRuns(control: RunsControl, ref: RegistryRef, options: { now?: Date; signal?: AbortSignal } = {}): Promise<CancelPlan> {
  const runs = await control.listRuns(ref, { status: ACTIVE_RUN_STATUSES }, options.signal);
  return describeCancel(ref.name, runs, options.now ?? new Date());
}

export interface CancelFailure {
  run: RunInfo;
  /** Why, in words (the error's message). */
  reason: string;
  /** The next step the error names. */
  hint?: string;
  code?: string;
}

export interface CancelOutcome {
  cancelled: RunInfo[];
  failed: CancelFailure[];
  /** Not asked: the person stopped before their turn, or the request was in flight when they did. */
  notCancelled: RunInfo[];
}

/** Cancels each run, at most `concurrency` at once; one run's failure never stops the others. */
export async function cancelRuns(control: RunsControl, ref: RegistryRef, runs: RunInfo[], options: { concurrency?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<CancelOutcome> {
  const cancelled = new Set<RunInfo>();
  const failed: CancelFailure[] = [];
  let done = 0;
  try {
    await mapLimit(runs, options.concurrency ?? CANCEL_CONCURRENCY, async (run) => {
      try {
        await control.cancelRun(ref, run.runId, options.signal);
        cancelled.add(run);
      } catch (error) {
        if (isAbortError(error)) return;
        failed.push({ run, reason: error instanceof Error ? error.message : String(error), hint: isAcrDoctorError(error) ? error.hint : undefined, code: isAcrDoctorError(error) ? error.code : undefined });
      } finally {
        options.onProgress?.(++done, runs.length);
      }
    }, options.signal);
  } catch (error) {
    if (!isAbortError(error)) throw error;
  }
  const failedRuns = new Set(failed.map((f) => f.run));
  // In input order, so the report reads like the confirmation did.
  return { cancelled: runs.filter((run) => cancelled.has(run)), failed: runs.flatMap((run) => failed.filter((f) => f.run === run)), notCancelled: runs.filter((run) => !cancelled.has(run) && !failedRuns.has(run)) };
}

/** The outcome in one message: what was cancelled, each failure with its reason, the next step. */
export function describeOutcome(registryName: string, outcome: CancelOutcome): { severity: 'info' | 'warning'; message: string } {
  const registry = escapeName(registryName).text;
  const parts = [`Cancelled ${plural(outcome.cancelled.length, 'task run')} in ${registry}.`];
  if (outcome.failed.length) {
    parts.push(`${plural(outcome.failed.length, 'run')} could not be cancelled: ${outcome.failed.map((f) => `${escapeName(f.run.runId).text}: ${f.reason}`).join('; ')}`);
    const hints = [...new Set(outcome.failed.map((f) => f.hint).filter((h): h is string => Boolean(h)))];
    if (hints.length) parts.push(`Next step: ${hints.join(' ')}`);
  }
  if (outcome.notCancelled.length) parts.push(`Stopped before ${outcome.notCancelled.map((run) => escapeName(run.runId).text).join(', ')}: ${outcome.notCancelled.length === 1 ? 'it was' : 'they were'} not cancelled (a request already sent may still have been).`);
  return { severity: outcome.failed.length || outcome.notCancelled.length ? 'warning' : 'info', message: parts.join(' ') };
}
