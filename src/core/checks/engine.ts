/**
 * Runs checks as a dependency graph (unlike az, which runs in order and stops at the first error):
 * independent checks in parallel up to a bound, each under its own timeout; a check whose `needs`
 * are not met, or whose dependency did not pass, is skipped with the reason; a check that throws
 * or times out becomes `error` and the run goes on. Results stream as they finish.
 * Every outcome is sanitised here (log redactor, known secrets, control characters) before it is
 * emitted, so no adapter can leak what a check saw.
 */
import { setMaxListeners } from 'node:events';
import { CancelledError } from '../errors';
import { redact, REDACTED, type Logger } from '../log';
import type { RegistryCredential } from '../registry';
import { allChecks } from './catalogue';
import { createFacts, type CheckFacts, type ChecksAzure, type NetworkProbe } from './facts';
import { nodeNetwork } from './nodeNetwork';
import type { Check, CheckContext, CheckEvent, CheckEvidence, CheckFix, CheckNeed, CheckOutcome, CheckResult, CheckTarget, SystemProbe } from './types';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

export interface RunOptions {
  target: CheckTarget;
  /** The checks to choose from; default the catalogue. */
  checks?: readonly Check[];
  /** Only these ids (and the checks they depend on, so their results are real). */
  only?: readonly string[];
  /** Leave these out; their dependents are skipped naming them. */
  skip?: readonly string[];
  /** Checks running at once; default 8. */
  concurrency?: number;
  /** Timeout of a check without `meta.timeoutMs`; default 20 s. */
  defaultTimeoutMs?: number;
  /** Overrides every check's own timeout (the CLI's --timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
  system: SystemProbe;
  /** DNS/TCP/TLS; default node's. */
  network?: NetworkProbe;
  /** The data-plane credential; default anonymous. */
  credential?: RegistryCredential;
  /** Absent: checks needing Azure are skipped with `azureUnavailableReason`. */
  azure?: ChecksAzure;
  azureUnavailableReason?: string;
  /** Run opt-in checks (state-changing or bandwidth-heavy). */
  optIn?: boolean;
  now?: () => Date;
  logger?: Logger;
  /** Called for every event as it happens (the same events the run's iterator yields). */
  onEvent?: (event: CheckEvent) => void;
  /** Re-run `ids` and their dependents only; every other result is reused from `previous`. */
  rerun?: { previous: readonly CheckResult[]; ids: readonly string[] };
  /** Pre-made facts (tests); default fresh ones for this run. */
  facts?: CheckFacts;
}

/** A running (or finished) run: iterate its events, or await `done` for every result in catalogue order. */
export interface CheckRun extends AsyncIterable<CheckEvent> {
  readonly done: Promise<CheckResult[]>;
}

/** Starts a run; it proceeds whether or not anyone iterates its events. */
export function runChecks(options: RunOptions): CheckRun {
  const events: CheckEvent[] = [];
  const waiters: Array<() => void> = [];
  let finished = false;
  const emit = (event: CheckEvent) => {
    events.push(event);
    try {
      options.onEvent?.(event);
    } catch {
      // A renderer's bug must not stop the run.
    }
    for (const wake of waiters.splice(0)) wake();
  };
  const done = execute(options, emit).finally(() => {
    finished = true;
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    done,
    async *[Symbol.asyncIterator]() {
      let index = 0;
      for (;;) {
        while (index < events.length) yield events[index++];
        if (finished) return;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** Runs to the end and returns every result (catalogue order). */
export function runAllChecks(options: RunOptions): Promise<CheckResult[]> {
  return runChecks(options).done;
}

/** `ids` plus every check that depends on one of them, transitively. */
export function withDependents(checks: readonly Check[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const check of checks) {
      if (!out.has(check.meta.id) && check.meta.dependsOn?.some((d) => out.has(d))) {
        out.add(check.meta.id);
        grew = true;
      }
    }
  }
  return out;
}

/** `ids` plus every check they depend on, transitively. */
export function withDependencies(checks: readonly Check[], ids: Iterable<string>): Set<string> {
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  const out = new Set<string>();
  const visit = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const d of byId.get(id)?.meta.dependsOn ?? []) visit(d);
  };
  for (const id of ids) visit(id);
  return out;
}

/** Which ids the options select (unknown ids are the caller's usage error; see `unknownCheckIds`). */
export function selectChecks(checks: readonly Check[], only?: readonly string[], skip?: readonly string[]): Check[] {
  const chosen = only && only.length > 0 ? withDependencies(checks, only.flatMap((id) => expandId(checks, id))) : new Set(checks.map((c) => c.meta.id));
  return checks.filter((c) => chosen.has(c.meta.id) || skip?.some((s) => matchesId(c.meta.id, s)));
}

/** Ids (or area prefixes like `net`) that name no check. */
export function unknownCheckIds(checks: readonly Check[], ids: readonly string[]): string[] {
  return ids.filter((id) => expandId(checks, id).length === 0);
}

/** `net` or `net.*` selects an area; anything else is an exact id. */
function expandId(checks: readonly Check[], id: string): string[] {
  return checks.map((c) => c.meta.id).filter((cid) => matchesId(cid, id));
}

function matchesId(checkId: string, pattern: string): boolean {
  const p = pattern.trim().replace(/\.\*$/, '');
  return checkId === p || checkId.startsWith(`${p}.`);
}

type Emit = (event: CheckEvent) => void;

async function execute(options: RunOptions, emit: Emit): Promise<CheckResult[]> {
  const catalogue = options.checks ?? allChecks();
  const checks = selectChecks(catalogue, options.only, options.skip);
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  const results = new Map<string, CheckResult>();
  const runController = new AbortController();
  // Each running check, the facts and their HTTP requests listen on the run's signal: more than node's default 10.
  setMaxListeners(0, runController.signal);
  const onAbort = () => runController.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) runController.abort();

  const credential = options.credential ?? { kind: 'anonymous' };
  const facts =
    options.facts ??
    createFacts({ target: options.target, credential, network: options.network ?? nodeNetwork, azure: options.azure, signal: runController.signal, logger: options.logger });
  const sanitise = sanitiser(credential, facts);

  // Re-run: keep every result outside the re-run set.
  const toRun = options.rerun ? withDependents(checks, options.rerun.ids) : new Set(byId.keys());
  if (options.rerun) {
    for (const previous of options.rerun.previous) if (!toRun.has(previous.id) && byId.has(previous.id)) results.set(previous.id, previous);
  }

  const pending = checks.filter((c) => toRun.has(c.meta.id) && !results.has(c.meta.id));
  const running = new Map<string, Promise<void>>();
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const aborted = abortPromise(runController.signal);
  const finish = (result: CheckResult) => {
    results.set(result.id, result);
    emit({ type: 'finished', result });
  };

  try {
    while (pending.length > 0 || running.size > 0) {
      if (runController.signal.aborted) break;
      let progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const check = pending[i];
        const skipReason = skippedBySelection(check, options.skip) ?? dependencySkip(check, byId, results);
        if (skipReason === 'wait') continue;
        if (skipReason !== undefined) {
          pending.splice(i--, 1);
          finish(resultOf(check, { status: 'skip', summary: skipReason }, 0));
          progressed = true;
          continue;
        }
        if (running.size >= concurrency) continue;
        pending.splice(i--, 1);
        progressed = true;
        const id = check.meta.id;
        const task = runOne(check, options, facts, results, runController.signal, aborted, emit).then((result) => {
          running.delete(id);
          finish(sanitise(result));
        });
        running.set(id, task);
      }
      if (!progressed) {
        if (running.size === 0) {
          // Only a dependency cycle or a dependency outside the selection can leave checks waiting.
          for (const check of pending.splice(0)) finish(resultOf(check, { status: 'skip', summary: `Skipped: depends on ${(check.meta.dependsOn ?? []).join(', ')}, which cannot run.` }, 0));
          break;
        }
        await Promise.race([...running.values(), aborted]);
      }
    }
    if (runController.signal.aborted) {
      // Running checks got the abort and settle promptly as `error`; never-started ones are skipped.
      for (const check of pending.splice(0)) finish(resultOf(check, { status: 'skip', summary: 'Skipped: the run was cancelled.' }, 0));
      await Promise.all(running.values());
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const ordered = checks.filter((c) => results.has(c.meta.id)).map((c) => results.get(c.meta.id) as CheckResult);
  emit({ type: 'done', results: ordered });
  return ordered;
}

function skippedBySelection(check: Check, skip: readonly string[] | undefined): string | undefined {
  return skip?.some((s) => matchesId(check.meta.id, s)) ? 'Skipped: left out with --skip.' : undefined;
}

/** undefined = may run now; 'wait' = a dependency has not finished; a string = skip with this reason. */
function dependencySkip(check: Check, byId: Map<string, Check>, results: Map<string, CheckResult>): string | 'wait' | undefined {
  for (const dep of check.meta.dependsOn ?? []) {
    if (!byId.has(dep)) continue; // not selected and not in the catalogue: nothing to wait for
    const result = results.get(dep);
    if (!result) return 'wait';
    if (result.status === 'pass' || result.status === 'warn') continue;
    const what = result.status === 'fail' ? 'failed' : result.status === 'error' ? 'could not run (error)' : 'was skipped';
    return `Skipped: ${dep} ${what}.`;
  }
  return undefined;
}

/** Why `needs` are not met, or undefined. */
async function unmetNeed(check: Check, options: RunOptions, facts: CheckFacts): Promise<string | undefined> {
  const needs: readonly CheckNeed[] = check.meta.needs ?? [];
  if (needs.includes('opt-in') && !options.optIn) return 'Skipped: opt-in (it changes state or costs bandwidth); ask for it by id.';
  if (needs.includes('repository') && !options.target.repository) return 'Skipped: needs a repository (--repository REPO).';
  if (needs.includes('tag') && !options.target.reference) return 'Skipped: needs a tag (--repository REPO:TAG).';
  if (needs.includes('azure') && !options.azure) return `Skipped: needs Azure sign-in${options.azureUnavailableReason ? ` (${options.azureUnavailableReason})` : ''}.`;
  if (needs.includes('acr') && !(await facts.isAcr())) return 'Skipped: not applicable to a non-ACR registry.';
  return undefined;
}

async function runOne(check: Check, options: RunOptions, facts: CheckFacts, results: Map<string, CheckResult>, runSignal: AbortSignal, aborted: Promise<void>, emit: Emit): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? check.meta.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const abort = () => controller.abort();
  runSignal.addEventListener('abort', abort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    const work = (async (): Promise<CheckOutcome> => {
      const reason = await unmetNeed(check, options, facts);
      if (reason) return { status: 'skip', summary: reason };
      emit({ type: 'started', id: check.meta.id });
      const context: CheckContext = {
        target: options.target,
        results: new Map((check.meta.dependsOn ?? []).flatMap((d) => (results.has(d) ? [[d, results.get(d) as CheckResult] as const] : []))),
        facts,
        system: options.system,
        now: options.now ?? (() => new Date()),
        optIn: options.optIn ?? false,
      };
      return check.run(context, controller.signal);
    })();
    const outcome = await Promise.race([work, timedOut, aborted.then(() => 'cancelled' as const)]);
    if (outcome === 'timeout') return resultOf(check, { status: 'error', summary: `${check.meta.id} did not finish within ${formatMs(timeoutMs)}; it was stopped.`, evidence: { timeoutMs } }, elapsed());
    if (outcome === 'cancelled') return resultOf(check, { status: 'error', summary: `${check.meta.id} was cancelled before it finished.` }, elapsed());
    return resultOf(check, validOutcome(outcome), elapsed());
  } catch (error) {
    if (runSignal.aborted || error instanceof CancelledError) return resultOf(check, { status: 'error', summary: `${check.meta.id} was cancelled before it finished.` }, elapsed());
    const message = error instanceof Error ? error.message : String(error);
    return resultOf(check, { status: 'error', summary: `${check.meta.id} could not run: ${message}` }, elapsed());
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', abort);
  }
}

function validOutcome(outcome: CheckOutcome): CheckOutcome {
  const statuses = ['pass', 'warn', 'fail', 'skip', 'error'];
  if (!outcome || !statuses.includes(outcome.status) || typeof outcome.summary !== 'string') {
    return { status: 'error', summary: 'The check returned no valid outcome.' };
  }
  return outcome;
}

function abortPromise(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

function resultOf(check: Check, outcome: CheckOutcome, durationMs: number): CheckResult {
  return {
    id: check.meta.id,
    title: check.meta.title,
    area: check.meta.area,
    faq: [...check.meta.faq],
    ...(check.meta.azTitles?.[0] ? { azTitle: check.meta.azTitles[0] } : {}),
    status: outcome.status,
    summary: outcome.summary,
    ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
    ...(outcome.inconclusive ? { inconclusive: true as const } : {}),
    fixes: [...(outcome.fixes ?? []), ...(check.meta.docs && !(outcome.fixes ?? []).some((f) => f.kind === 'link' && f.url === check.meta.docs) ? [{ kind: 'link' as const, title: 'Documentation', url: check.meta.docs }] : [])],
    durationMs,
  };
}

/** Evidence keys whose values are secrets whatever they hold. */
const SECRET_KEY = /^(authorization|password|passwd|secret|client_secret|token|access_token|refresh_token|id_token|identitytoken|auth)$/i;
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Redacts (log redactor + the run's literal secrets) and strips control characters from a result. */
export function sanitiser(credential: RegistryCredential, facts: CheckFacts): (result: CheckResult) => CheckResult {
  const literal = (): string[] => {
    const secrets = [...facts.knownSecrets()];
    if (credential.kind === 'basic') secrets.push(credential.password.reveal());
    if (credential.kind === 'refresh-token') secrets.push(credential.refreshToken.reveal());
    return secrets.filter((s) => s.length >= 4);
  };
  const clean = (text: string, secrets: string[]): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return redact(out).replace(CONTROL, ' ');
  };
  const value = (v: unknown, secrets: string[], key?: string): unknown => {
    if (key !== undefined && SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean') return REDACTED;
    if (typeof v === 'string') return clean(v, secrets);
    if (Array.isArray(v)) return v.map((item) => value(item, secrets));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [clean(k, secrets), value(inner, secrets, k)]));
    return v;
  };
  return (result) => {
    const secrets = literal();
    return {
      ...result,
      summary: clean(result.summary, secrets),
      ...(result.evidence ? { evidence: value(result.evidence, secrets) as CheckEvidence } : {}),
      ...(result.fixes ? { fixes: value(result.fixes, secrets) as CheckFix[] } : {}),
    };
  };
}
