/**
 * What the diagnostics panel does, without VS Code: it streams a run's engine events to the page,
 * answers the page's messages (re-run one check and its dependents, re-run all, cancel, a fix,
 * copy the report) and keeps the results the fixes are looked up in. panel.ts gives it the webview's
 * `postMessage` and the editor actions (terminal, clipboard, files, settings, links) as the small
 * `PanelActions` interface, so unit tests drive it with the real engine and a recording of actions.
 */
import { redact, REDACTED } from '../../core/log';
import { withDependents } from '../../core/checks/engine';
import type { CheckRun } from '../../core/checks/engine';
import { managementChecks, type FleetEvent, type FleetReport, type FleetRow } from '../../core/checks/fleet';
import { checksMarkdown, countsLine, fleetAreas, fleetMarkdown, fleetProblems } from '../../core/checks/report';
import { CHECK_AREAS, type Check, type CheckArea, type CheckEvent, type CheckFix, type CheckResult } from '../../core/checks/types';
import { concreteFix, decidingChecks, describeFacts, judgeCauses, messageMarkdown, verdictSentence, type Judgement, type Recognition } from '../../core/explain/index';
import { FIX_ACTIONS, parseFromPage, type ExplanationView, type FixAction, type FleetRowView, type PanelTarget, type PendingCheck, type ToPage } from '../../webview/diagnostics/messages';

/** The editor actions a fix or a button needs; each asks or says what it does itself. */
export interface PanelActions {
  /** Shows the command and runs it in a terminal once the person agrees. */
  runInTerminal(command: string, title: string): Promise<void>;
  copy(text: string, what: string): Promise<void>;
  openFile(file: string, line: number | undefined, ruleCode: string | undefined): Promise<void>;
  changeSetting(setting: string, value: unknown, title: string): Promise<void>;
  openLink(url: string): Promise<void>;
  /** A fleet row's button: that registry's full report. */
  openRegistry(loginServer: string): Promise<void>;
}

export type Post = (message: ToPage) => void;

export interface RunRequest {
  rerun?: { previous: readonly CheckResult[]; ids: readonly string[] };
  signal: AbortSignal;
  onEvent: (event: CheckEvent) => void;
}

/** Starts the engine for this panel's registry (panel.ts supplies system, network, credentials, Azure). */
export type StartRun = (request: RunRequest) => { run: CheckRun; checks: readonly Check[] };

/** The error a panel was opened to explain ("Explain an Error…"), and why no check runs, if none does. */
export interface PanelExplanation {
  recognition: Recognition;
  notChecked?: string;
}

function pending(check: Check): PendingCheck {
  return { id: check.meta.id, title: check.meta.title, area: check.meta.area, ...(check.meta.azTitles?.[0] ? { azTitle: check.meta.azTitles[0] } : {}) };
}

/**
 * A command that holds something secret-shaped, or a secret the engine already redacted, is never
 * run or copied: the first would leak it into a terminal's history, the second cannot work as shown.
 */
export function holdsSecret(text: string): boolean {
  return redact(text) !== text || text.includes(REDACTED);
}

export class DiagnosticsSession {
  private results = new Map<string, CheckResult>();
  private checks: readonly Check[] = [];
  private controller?: AbortController;
  private running?: Promise<void>;
  /** Shown above the results as its own section: the explained error, judged once its checks ran. */
  explanation?: PanelExplanation;

  /** Without `start` the panel only explains (the message names no registry of yours to check). */
  constructor(
    readonly target: PanelTarget,
    private readonly post: Post,
    private readonly actions: PanelActions,
    private readonly start?: StartRun,
  ) {}

  get isRunning(): boolean {
    return this.controller !== undefined;
  }

  /** Every result so far, in the order the checks are listed. */
  currentResults(): CheckResult[] {
    const order = this.checks.map((c) => c.meta.id);
    return [...this.results.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  }

  /** Runs every check (cancelling a run in progress). Resolves when the run has finished. */
  runAll(): Promise<void> {
    return this.begin(undefined);
  }

  /** Re-runs `id` and the checks that depend on it; every other result stays. */
  rerun(id: string): Promise<void> {
    if (!this.checks.some((c) => c.meta.id === id)) return Promise.resolve();
    return this.begin([id]);
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** The Markdown report of what is shown (secrets redacted by the engine and again by the renderer). */
  report(): string {
    const target = `${this.target.registry}${this.target.repository ? ` (repository ${this.target.repository}${this.target.reference ? `:${this.target.reference}` : ''})` : ''}`;
    const subtitle = `ACR Doctor diagnostics, ${new Date().toISOString()}`;
    if (!this.start) return `# ACR Doctor: explained error\n\n${subtitle}\n\n${this.explanationMarkdown() ?? ''}`;
    return checksMarkdown(target, this.currentResults(), { details: true, subtitle, preface: this.explanationMarkdown() });
  }

  /** The causes judged by this panel's results, once a run finished (never while one runs). */
  private judgement(finished: boolean): Judgement | undefined {
    const explanation = this.explanation;
    if (!explanation || explanation.notChecked || !finished || this.results.size === 0) return undefined;
    const recognition = explanation.recognition;
    return { ran: decidingChecks(recognition).filter((id) => this.results.has(id)), judged: judgeCauses(recognition, this.currentResults()) };
  }

  /** What the page shows of the explained error; the deciding checks' live results are the page's own. */
  explanationView(finished = !this.isRunning): ExplanationView | undefined {
    if (!this.explanation) return undefined;
    const { recognition: r, notChecked } = this.explanation;
    const judgement = this.judgement(finished);
    const causes = judgement
      ? judgement.judged.map(({ cause, verdict }) => ({ summary: cause.summary, checks: cause.checks, fix: concreteFix(cause.fix, r.facts), verdict }))
      : r.causes.map((cause) => ({ summary: cause.summary, checks: cause.checks, fix: concreteFix(cause.fix, r.facts) }));
    return {
      title: r.family.title,
      line: r.line,
      occurrences: r.occurrences,
      excerpt: r.excerpt,
      names: describeFacts(r.facts),
      meaning: r.family.meaning,
      causes,
      ...(judgement ? { verdict: verdictSentence(judgement.judged) } : {}),
      ...(notChecked ? { notChecked } : {}),
      faq: r.family.faq,
    };
  }

  /** The same section in the report; the pasted excerpt redacted like every line of the report. */
  private explanationMarkdown(): string | undefined {
    if (!this.explanation) return undefined;
    const { recognition: r, notChecked } = this.explanation;
    const judgement = this.judgement(!this.isRunning);
    const lines = messageMarkdown(r, judgement ?? (notChecked ? { ran: [], judged: [], notChecked } : undefined), {
      heading: `Explained error (line ${r.line}): ${r.family.title}`,
      verdict: judgement ? verdictSentence(judgement.judged) : notChecked ? `no check ran: ${notChecked}.` : undefined,
    });
    return redact(lines.join('\n'));
  }

  private postExplanation(finished: boolean): void {
    const explanation = this.explanationView(finished);
    if (explanation) this.post({ type: 'explanation', explanation });
  }

  /** A message from the page; anything malformed is ignored. */
  async handle(raw: unknown): Promise<void> {
    const message = parseFromPage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        // The page (re)loaded: show what is known, or start.
        this.postExplanation(!this.isRunning);
        if (this.results.size === 0 && !this.isRunning) return this.runAll();
        this.replay();
        return;
      case 'rerun':
        return this.rerun(message.id);
      case 'rerun-all':
        return this.runAll();
      case 'cancel':
        this.cancel();
        return;
      case 'copy-report':
        await this.actions.copy(this.report(), 'the diagnostics report (Markdown)');
        this.post({ type: 'notice', level: 'info', text: 'The report is on the clipboard (Markdown, secrets redacted).' });
        return;
      case 'fix':
        return this.applyFix(message.id, message.index, message.action);
      case 'open-registry':
        return undefined;
    }
  }

  private async applyFix(id: string, index: number, action: FixAction): Promise<void> {
    const fix: CheckFix | undefined = this.results.get(id)?.fixes?.[index];
    if (!fix || !FIX_ACTIONS[fix.kind].includes(action)) return;
    if (fix.kind === 'command') {
      if (holdsSecret(fix.command)) {
        this.post({ type: 'notice', level: 'error', text: 'This command would carry a secret, so ACR Doctor does not run or copy it. Type it yourself.' });
        return;
      }
      if (action === 'run') await this.actions.runInTerminal(fix.command, fix.title);
      else await this.actions.copy(fix.command, 'the command');
    } else if (fix.kind === 'file-edit') await this.actions.openFile(fix.file, fix.line, fix.ruleCode);
    else if (fix.kind === 'setting') await this.actions.changeSetting(fix.setting, fix.value, fix.title);
    else await this.actions.openLink(fix.url);
  }

  private replay(): void {
    this.post({ type: 'run-started', target: this.target, checks: this.checks.map(pending), rerun: [] });
    for (const result of this.currentResults()) this.post({ type: 'check-finished', result });
    if (!this.isRunning) this.post({ type: 'run-finished', cancelled: false, counts: countsLine(this.currentResults()) });
  }

  private async begin(ids: string[] | undefined): Promise<void> {
    const start = this.start;
    if (!start) return;
    this.controller?.abort();
    await this.running;
    const controller = new AbortController();
    this.controller = controller;
    const previous = this.currentResults();
    // Events may come before `start` returns (a check skipped by selection): held until the page knows the run.
    let announced = false;
    const early: CheckEvent[] = [];
    const show = (event: CheckEvent) => {
      if (this.controller !== controller) return;
      if (event.type === 'started') this.post({ type: 'check-started', id: event.id });
      else if (event.type === 'finished') {
        this.results.set(event.result.id, event.result);
        this.post({ type: 'check-finished', result: event.result });
      }
    };
    const { run, checks } = start({
      ...(ids ? { rerun: { previous, ids } } : {}),
      signal: controller.signal,
      onEvent: (event) => (announced ? show(event) : early.push(event)),
    });
    this.checks = checks;
    const rerun = ids ? [...withDependents(checks, ids)] : checks.map((c) => c.meta.id);
    if (!ids) this.results.clear();
    else for (const id of rerun) this.results.delete(id);
    this.post({ type: 'run-started', target: this.target, checks: checks.map(pending), rerun: ids ? rerun : [] });
    if (ids) for (const result of this.currentResults()) this.post({ type: 'check-finished', result });
    this.postExplanation(false);
    announced = true;
    for (const event of early.splice(0)) show(event);
    this.running = run.done.then(
      (results) => {
        for (const result of results) this.results.set(result.id, result);
        if (this.controller === controller) this.postExplanation(true);
        this.post({ type: 'run-finished', cancelled: controller.signal.aborted, counts: countsLine(this.currentResults()) });
      },
      (error: unknown) => {
        this.post({ type: 'notice', level: 'error', text: `The run stopped: ${error instanceof Error ? error.message : String(error)}` });
        this.post({ type: 'run-finished', cancelled: true, counts: countsLine(this.currentResults()) });
      },
    ).finally(() => {
      if (this.controller === controller) this.controller = undefined;
    });
    return this.running;
  }

  dispose(): void {
    this.controller?.abort();
  }
}

export function fleetRowView(row: FleetRow): FleetRowView {
  return { name: row.registry.name, loginServer: row.registry.loginServer, subscription: row.registry.subscriptionName ?? row.registry.subscriptionId, status: row.status, worst: row.worst, problems: fleetProblems(row) };
}

/** Starts a fleet run (panel.ts supplies the Azure client and the subscriptions). */
export type StartFleet = (request: { signal: AbortSignal; onEvent: (event: FleetEvent) => void }) => Promise<FleetReport>;

/** "Check all registries": one row per registry as each finishes; a row's button opens its full report. */
export class FleetSession {
  private finished?: FleetReport;
  private rows = new Map<string, FleetRow>();
  private controller?: AbortController;
  private running?: Promise<void>;

  constructor(
    private readonly post: Post,
    private readonly actions: PanelActions,
    private readonly start: StartFleet,
  ) {}

  markdown(): string {
    const rows = this.finished?.rows ?? [...this.rows.values()];
    return fleetMarkdown(this.finished ?? { subscriptions: [], rows, errors: [], checkIds: [] }, { subtitle: `ACR Doctor, ${new Date().toISOString()}` });
  }

  async handle(raw: unknown): Promise<void> {
    const message = parseFromPage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      if (!this.finished && !this.controller) return this.run();
      return;
    }
    if (message.type === 'rerun-all') return this.run();
    if (message.type === 'cancel') this.controller?.abort();
    if (message.type === 'copy-report') {
      await this.actions.copy(this.markdown(), 'the fleet summary (Markdown)');
      this.post({ type: 'notice', level: 'info', text: 'The summary is on the clipboard (Markdown).' });
    }
    // Only a registry this fleet listed: the page cannot aim the panel elsewhere.
    if (message.type === 'open-registry' && this.rows.has(message.loginServer)) await this.actions.openRegistry(message.loginServer);
  }

  async run(): Promise<void> {
    this.controller?.abort();
    await this.running;
    const controller = new AbortController();
    this.controller = controller;
    this.finished = undefined;
    this.rows.clear();
    this.post({ type: 'fleet-started', subscriptions: [] });
    this.running = this.start({
      signal: controller.signal,
      onEvent: (event) => {
        if (this.controller !== controller) return;
        if (event.type === 'listed') {
          const placeholder = (r: (typeof event.registries)[number]): FleetRowView => ({ name: r.name, loginServer: r.loginServer, subscription: r.subscriptionName ?? r.subscriptionId, status: 'skip', worst: {}, problems: 'Checking…' });
          for (const r of event.registries) this.rows.set(r.loginServer, { registry: r, status: 'skip', worst: {}, results: [] });
          this.post({ type: 'fleet-listed', rows: event.registries.map(placeholder), areas: fleetAreasOfChecks(), errors: event.errors.map((e) => `Subscription ${e.subscriptionName ?? e.subscriptionId} could not be listed: ${e.message}`) });
        } else if (event.type === 'registry-finished') {
          this.rows.set(event.row.registry.loginServer, event.row);
          this.post({ type: 'fleet-row', row: fleetRowView(event.row) });
        }
      },
    }).then(
      (report) => {
        this.finished = report;
        const failing = report.rows.filter((r) => r.status === 'fail' || r.status === 'error').length;
        this.post({ type: 'fleet-finished', cancelled: false, summary: `${report.rows.length - failing} of ${report.rows.length} registries without failures (${fleetAreas(report).join(', ') || 'no'} checks).` });
      },
      (error: unknown) => {
        const cancelled = controller.signal.aborted;
        if (!cancelled) this.post({ type: 'notice', level: 'error', text: `Checking all registries stopped: ${error instanceof Error ? error.message : String(error)}` });
        this.post({ type: 'fleet-finished', cancelled, summary: cancelled ? 'Cancelled.' : 'Stopped.' });
      },
    ).finally(() => {
      if (this.controller === controller) this.controller = undefined;
    });
    return this.running;
  }

  dispose(): void {
    this.controller?.abort();
  }
}

/** The areas the management checks belong to (the fleet table's columns before any row finished). */
function fleetAreasOfChecks(): CheckArea[] {
  const areas = new Set(managementChecks().map((c) => c.meta.area));
  return CHECK_AREAS.filter((area) => areas.has(area));
}
