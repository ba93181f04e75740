/**
 * The diagnostics panel's page (bundled by esbuild into media/diagnostics.js; runs in the webview,
 * never in the extension host). It keeps what the host sent and redraws from it; every string from
 * the host is set as text (render.ts). Messages both ways are typed in messages.ts.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { CHECK_AREAS, type CheckArea, type CheckResult } from '../../core/checks/types';
import type { ExplanationView, FromPage, FleetRowView, PendingCheck, ToPage } from './messages';
import { areaSection, explanationSection, fleetTable, resultItem, type LiveCheck, type PageDocument, type RowHandlers, type RowState } from './render';

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void };

const vscode = acquireVsCodeApi();
const send = (message: FromPage) => vscode.postMessage(message);
const doc = document as unknown as PageDocument;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const title = byId('title');
const statusLine = byId('status');
const notice = byId('notice');
const progress = byId('progress');
const body = byId('results');
const rerunAll = byId('rerun-all');
const cancel = byId('cancel');
const copyReport = byId('copy-report');

let mode: 'registry' | 'fleet' = 'registry';
let checks: PendingCheck[] = [];
const states = new Map<string, RowState>();
const results = new Map<string, CheckResult>();
let running = false;
let fleetAreas: CheckArea[] = [];
const fleetRows = new Map<string, FleetRowView>();
let frame = 0;
let explanation: ExplanationView | undefined;

/** A deciding check as this run has it: listed (with its state and result) or not part of the run. */
const live: LiveCheck = (id) => {
  const check = checks.find((c) => c.id === id);
  if (!check) return { state: 'not-run' };
  return { state: states.get(id) ?? 'pending', title: check.title, result: results.get(id) };
};

const handlers: RowHandlers = {
  rerun: (id) => send({ type: 'rerun', id }),
  fix: (id, index, action) => send({ type: 'fix', id, index, action }),
};

function setRunning(value: boolean): void {
  running = value;
  progress.hidden = !value;
  cancel.toggleAttribute('disabled', !value);
  rerunAll.toggleAttribute('disabled', value);
}

/** Redraws at most once per frame: results arrive in bursts. Focus is kept on the same button when it survives. */
function scheduleDraw(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    draw();
  });
}

function draw(): void {
  const focused = document.activeElement;
  const focusKey = focused?.closest('[data-check-id]')?.getAttribute('data-check-id');
  if (mode === 'fleet') {
    body.replaceChildren(fleetTable(doc, fleetAreas, [...fleetRows.values()], (loginServer) => send({ type: 'open-registry', loginServer })) as unknown as Node);
    return;
  }
  const sections: Node[] = explanation ? [explanationSection(doc, explanation, live) as unknown as Node] : [];
  for (const area of CHECK_AREAS) {
    const inArea = checks.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    const items = inArea.map((check) => resultItem(doc, check, states.get(check.id) ?? 'pending', results.get(check.id), handlers, running && states.get(check.id) !== undefined && !results.has(check.id)));
    const problems = inArea.filter((c) => ['fail', 'error'].includes(results.get(c.id)?.status ?? '')).length;
    sections.push(areaSection(doc, area, items, problems) as unknown as Node);
  }
  body.replaceChildren(...sections);
  if (focusKey && focused instanceof HTMLElement && !document.contains(focused)) {
    body.querySelector<HTMLElement>(`[data-check-id="${CSS.escape(focusKey)}"] vscode-button`)?.focus();
  }
}

function show(message: ToPage): void {
  switch (message.type) {
    case 'run-started': {
      mode = 'registry';
      checks = message.checks;
      title.textContent = `Diagnostics: ${message.target.registry}${message.target.repository ? ` (${message.target.repository}${message.target.reference ? `:${message.target.reference}` : ''})` : ''}`;
      const again = new Set(message.rerun);
      for (const check of checks) {
        if (message.rerun.length === 0 || again.has(check.id)) {
          states.set(check.id, 'pending');
          results.delete(check.id);
        }
      }
      statusLine.textContent = message.rerun.length ? `Re-running ${message.rerun.join(', ')}…` : `Running ${checks.length} checks…`;
      setRunning(true);
      break;
    }
    case 'check-started':
      states.set(message.id, 'running');
      break;
    case 'check-finished':
      states.set(message.result.id, message.result.status);
      results.set(message.result.id, message.result);
      statusLine.textContent = `${results.size} of ${checks.length} checks finished…`;
      break;
    case 'run-finished':
      setRunning(false);
      statusLine.textContent = `${message.cancelled ? 'Cancelled. ' : ''}${message.counts}.`;
      break;
    case 'fleet-started':
      mode = 'fleet';
      fleetRows.clear();
      title.textContent = 'Check all registries';
      statusLine.textContent = 'Listing registries…';
      setRunning(true);
      break;
    case 'fleet-listed':
      fleetAreas = message.areas;
      for (const row of message.rows) fleetRows.set(row.loginServer, row);
      statusLine.textContent = `Checking ${message.rows.length} registries…`;
      if (message.errors.length) notice.textContent = message.errors.join(' ');
      break;
    case 'fleet-row':
      fleetRows.set(message.row.loginServer, message.row);
      break;
    case 'fleet-finished':
      setRunning(false);
      statusLine.textContent = message.summary;
      break;
    case 'explanation':
      explanation = message.explanation;
      // Nothing to run: the message names no registry of yours.
      if (explanation.notChecked) rerunAll.toggleAttribute('disabled', true);
      break;
    case 'notice':
      notice.textContent = message.text;
      notice.className = `notice notice-${message.level}`;
      return;
  }
  scheduleDraw();
}

window.addEventListener('message', (event: MessageEvent<ToPage>) => show(event.data));
rerunAll.addEventListener('click', () => send({ type: 'rerun-all' }));
cancel.addEventListener('click', () => send({ type: 'cancel' }));
copyReport.addEventListener('click', () => send({ type: 'copy-report' }));
setRunning(false);
send({ type: 'ready' });
