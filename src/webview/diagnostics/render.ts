/**
 * Builds the panel's DOM. Every string that came from a registry, Azure or a check (summaries,
 * evidence, commands, names) goes in through `textContent` or an attribute, never as markup: this
 * file has no innerHTML, and test/webview/diagnosticsRender.test.ts checks that a summary holding
 * `<img onerror>` or `<script>` stays text. Only the DOM calls in `PageDocument` are used, so the
 * test presents a small document of its own.
 */
import type { CheckArea, CheckFix, CheckResult, CheckStatus } from '../../core/checks/types';
import type { ExplanationView, FixAction, FleetRowView, PendingCheck } from './messages';

/** The part of the DOM this file uses. */
export interface PageElement {
  textContent: string | null;
  className: string;
  setAttribute(name: string, value: string): void;
  append(...nodes: Array<PageElement | string>): void;
  replaceChildren(...nodes: Array<PageElement | string>): void;
  addEventListener(type: 'click' | 'toggle', listener: () => void): void;
}
export interface PageDocument {
  createElement(tag: string): PageElement;
}

export type RowState = CheckStatus | 'pending' | 'running';

export const AREA_TITLES: Record<CheckArea, string> = {
  docker: 'Docker on this machine',
  helm: 'Helm',
  trust: 'Content trust',
  net: 'Network',
  auth: 'Sign-in and tokens',
  registry: 'Registry settings (Azure)',
  rbac: 'Roles (Azure)',
  repo: 'Repository',
  cache: 'Artifact cache',
  tasks: 'ACR Tasks',
};

const ICON: Record<RowState, string> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'error',
  error: 'bug',
  skip: 'circle-slash',
  pending: 'circle-large-outline',
  running: 'loading',
};

export const STATE_LABEL: Record<RowState, string> = { pass: 'Passed', warn: 'Warning', fail: 'Failed', error: 'Could not run', skip: 'Skipped', pending: 'Waiting', running: 'Running' };

/** What the page asks the host for when a button is pressed. */
export interface RowHandlers {
  rerun(id: string): void;
  fix(id: string, index: number, action: FixAction): void;
}

function el(doc: PageDocument, tag: string, className?: string, text?: string): PageElement {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function statusIcon(doc: PageDocument, state: RowState): PageElement {
  const icon = el(doc, 'span', `codicon codicon-${ICON[state]} state-${state}${state === 'running' ? ' codicon-modifier-spin' : ''}`);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

function button(doc: PageDocument, label: string, onClick: () => void, options: { secondary?: boolean; icon?: string; title?: string } = {}): PageElement {
  const b = el(doc, 'vscode-button', undefined, label);
  if (options.secondary) b.setAttribute('secondary', '');
  if (options.icon) b.setAttribute('icon', options.icon);
  if (options.title) b.setAttribute('title', options.title);
  b.addEventListener('click', onClick);
  return b;
}

/** The buttons of one fix, by kind; the host looks the fix up by (check id, index), never by its text. */
export function fixRow(doc: PageDocument, checkId: string, fix: CheckFix, index: number, handlers: RowHandlers): PageElement {
  const row = el(doc, 'div', `fix fix-${fix.kind}`);
  row.append(el(doc, 'span', 'fix-title', fix.title));
  const send = (action: FixAction) => () => handlers.fix(checkId, index, action);
  if (fix.kind === 'command') {
    row.append(el(doc, 'code', 'fix-command', fix.command));
    row.append(button(doc, 'Run in terminal', send('run'), { icon: 'terminal', title: 'Shows the command, then runs it in a terminal' }), button(doc, 'Copy', send('copy'), { secondary: true, icon: 'copy' }));
  } else if (fix.kind === 'file-edit') {
    row.append(el(doc, 'code', 'fix-file', `${fix.file}${fix.line ? `:${fix.line}` : ''}`));
    row.append(button(doc, fix.ruleCode ? 'Open with its quick fix' : 'Open file', send('open'), { icon: 'go-to-file' }));
  } else if (fix.kind === 'setting') {
    row.append(el(doc, 'code', 'fix-setting', `${fix.setting} = ${JSON.stringify(fix.value)}`));
    row.append(button(doc, 'Change setting', send('setting'), { icon: 'settings-gear' }));
  } else {
    row.append(button(doc, 'Open', send('link'), { secondary: true, icon: 'link-external', title: fix.url }));
  }
  return row;
}

/** One check: icon, title, id, az title, summary, fixes, evidence folded, "re-run this check". */
export function resultItem(doc: PageDocument, check: PendingCheck, state: RowState, result: CheckResult | undefined, handlers: RowHandlers, busy: boolean): PageElement {
  const item = el(doc, 'li', `result state-${state}`);
  item.setAttribute('data-check-id', check.id);
  const head = el(doc, 'div', 'result-head');
  const label = el(doc, 'span', 'visually-hidden', `${STATE_LABEL[state]}: `);
  head.append(statusIcon(doc, state), label, el(doc, 'span', 'result-title', check.title), el(doc, 'code', 'result-id', check.id));
  if (check.azTitle) {
    const badge = el(doc, 'vscode-badge', 'az-title', check.azTitle);
    badge.setAttribute('title', 'The az acr check-health error this check corresponds to');
    head.append(badge);
  }
  if (result && !busy) head.append(button(doc, 'Re-run', () => handlers.rerun(check.id), { secondary: true, icon: 'refresh', title: 'Re-run this check and the checks that depend on it' }));
  item.append(head);
  if (!result) return item;
  item.append(el(doc, 'p', 'result-summary', result.summary));
  // A problem shows every fix; a pass or skip only its links (documentation).
  const problem = result.status === 'fail' || result.status === 'warn' || result.status === 'error';
  const shown = (result.fixes ?? []).map((fix, index) => ({ fix, index })).filter(({ fix }) => problem || fix.kind === 'link');
  if (shown.length > 0) {
    const list = el(doc, 'div', 'fixes');
    for (const { fix, index } of shown) list.append(fixRow(doc, check.id, fix, index, handlers));
    item.append(list);
  }
  if (result.evidence && Object.keys(result.evidence).length > 0) {
    const details = el(doc, 'details', 'evidence');
    details.append(el(doc, 'summary', undefined, 'Evidence'), el(doc, 'pre', undefined, JSON.stringify(result.evidence, null, 2)));
    item.append(details);
  }
  const meta = el(doc, 'div', 'result-meta', `${result.faq.length ? `FAQ ${result.faq.join(', ')} · ` : ''}${result.durationMs} ms`);
  item.append(meta);
  return item;
}

/** A section per area, in the order given (catalogue order), with a count of problems. */
export function areaSection(doc: PageDocument, area: CheckArea, items: PageElement[], problems: number): PageElement {
  const section = el(doc, 'section', 'area');
  section.setAttribute('aria-label', AREA_TITLES[area]);
  const heading = el(doc, 'h2', undefined, AREA_TITLES[area]);
  if (problems > 0) {
    const badge = el(doc, 'vscode-badge', 'problems', String(problems));
    badge.setAttribute('title', `${problems} problem${problems === 1 ? '' : 's'}`);
    heading.append(' ', badge);
  }
  const list = el(doc, 'ul', 'results');
  list.append(...items);
  section.append(heading, list);
  return section;
}

/** The fleet table: one row per registry, worst status per area, a button to its full report. */
export function fleetTable(doc: PageDocument, areas: readonly CheckArea[], rows: readonly FleetRowView[], open: (loginServer: string) => void): PageElement {
  const table = el(doc, 'table', 'fleet');
  const head = el(doc, 'tr');
  for (const title of ['Registry', 'Subscription', 'Status', ...areas.map((a) => a), 'Problems', '']) {
    const th = el(doc, 'th', undefined, title);
    th.setAttribute('scope', 'col');
    head.append(th);
  }
  const thead = el(doc, 'thead');
  thead.append(head);
  const tbody = el(doc, 'tbody');
  for (const row of rows) {
    const tr = el(doc, 'tr', `state-${row.status}`);
    tr.setAttribute('data-login-server', row.loginServer);
    const cell = (content: PageElement | string, className?: string) => {
      const td = el(doc, 'td', className);
      td.append(content);
      tr.append(td);
    };
    cell(row.loginServer, 'registry');
    cell(row.subscription);
    cell(stateCell(doc, row.problems === 'Checking…' ? 'running' : row.status));
    for (const area of areas) cell(row.worst[area] ? stateCell(doc, row.worst[area]) : '–');
    cell(row.problems, 'problems');
    cell(button(doc, 'Full report', () => open(row.loginServer), { secondary: true, icon: 'go-to-file', title: `Run every check on ${row.loginServer}` }));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return table;
}

function stateCell(doc: PageDocument, state: RowState): PageElement {
  const wrap = el(doc, 'span', `state state-${state}`);
  wrap.append(statusIcon(doc, state), ` ${STATE_LABEL[state]}`);
  return wrap;
}

const CAUSE_VERDICT: Record<NonNullable<ExplanationView['causes'][number]['verdict']>, string> = { confirmed: 'It is this', 'ruled-out': 'Ruled out', undecided: 'Undecided' };

/** What the page knows of a deciding check: its state in this run, and its result once it finished. */
export type LiveCheck = (id: string) => { state: RowState | 'not-run'; title?: string; result?: CheckResult };

/**
 * The explained error, above the results: the message recognised (with its line), what it means, the
 * causes in order, each with the checks that decide it and their live results, the verdict once those
 * ran, and the next step. Every string is text (the excerpt is what someone pasted).
 */
export function explanationSection(doc: PageDocument, view: ExplanationView, live: LiveCheck): PageElement {
  const section = el(doc, 'section', 'explanation');
  section.setAttribute('aria-label', 'Explained error');
  section.append(el(doc, 'h2', undefined, `Explained error: ${view.title}`));
  section.append(el(doc, 'p', 'explanation-line', `Line ${view.line}${view.occurrences > 1 ? ` (${view.occurrences} times)` : ''} of the text you gave:`));
  section.append(el(doc, 'pre', 'explanation-excerpt', view.excerpt));
  if (view.names) section.append(el(doc, 'p', 'explanation-names', `Names: ${view.names}`));
  section.append(el(doc, 'p', 'explanation-meaning', view.meaning));
  if (view.verdict) {
    const verdict = el(doc, 'p', 'explanation-verdict');
    verdict.append(el(doc, 'strong', undefined, 'Verdict: '), view.verdict);
    section.append(verdict);
  }
  if (view.notChecked) section.append(el(doc, 'p', 'explanation-not-checked', `Not checked: ${view.notChecked}`));
  section.append(el(doc, 'h3', undefined, view.causes.some((c) => c.verdict) ? 'Causes, as the checks decided' : 'Likely causes, most likely first'));
  const causes = el(doc, 'ol', 'causes');
  for (const cause of view.causes) {
    const item = el(doc, 'li', `cause${cause.verdict ? ` verdict-${cause.verdict}` : ''}`);
    const head = el(doc, 'div', 'cause-head');
    if (cause.verdict) head.append(el(doc, 'vscode-badge', 'cause-verdict', CAUSE_VERDICT[cause.verdict]), ' ');
    head.append(el(doc, 'span', 'cause-summary', cause.summary));
    item.append(head);
    if (cause.checks.length > 0) {
      const checks = el(doc, 'ul', 'cause-checks');
      checks.setAttribute('aria-label', 'Checks that decide it');
      for (const id of cause.checks) {
        const { state, title, result } = live(id);
        const row = el(doc, 'li', `deciding-check state-${state}`);
        row.setAttribute('data-deciding-check', id);
        const label = state === 'not-run' ? 'Not run' : STATE_LABEL[state];
        row.append(statusIcon(doc, state === 'not-run' ? 'skip' : state), el(doc, 'span', 'visually-hidden', `${label}: `), el(doc, 'code', 'result-id', id));
        if (title) row.append(' ', el(doc, 'span', 'deciding-title', title));
        // The icon (and the hidden label) give the state; a finished check says what it found.
        row.append(el(doc, 'span', result ? 'deciding-summary' : 'deciding-state', result ? result.summary : label));
        checks.append(row);
      }
      item.append(checks);
    } else {
      item.append(el(doc, 'p', 'cause-undecidable', 'No check decides this one.'));
    }
    if (cause.verdict !== 'ruled-out') {
      const fix = el(doc, 'p', 'cause-fix');
      fix.append('Next step: ', el(doc, 'code', undefined, cause.fix));
      item.append(fix);
    }
    causes.append(item);
  }
  section.append(causes);
  if (view.faq.length > 0) section.append(el(doc, 'p', 'explanation-faq', `FAQ ${view.faq.join(', ')}`));
  return section;
}
