/**
 * The messages between the diagnostics panel's page (media/diagnostics.js, built from this folder)
 * and the extension host (src/extension/checks/). One file, imported by both sides, so a change to a
 * message breaks the build of both. No `vscode` and no DOM here.
 *
 * The page never names a command, a file or a setting: it names a result and the index of one of
 * its fixes, and the host looks the fix up in its own copy of the results. So a page that was made
 * to misbehave (the HTML-injection case) could at most ask for a fix the engine already offered.
 */
import type { CheckArea, CheckFix, CheckResult, CheckStatus } from '../../core/checks/types';

/** What the page shows of a registry run. */
export interface PanelTarget {
  registry: string;
  repository?: string;
  reference?: string;
}

/** One check as listed before it ran (so the page can show it as pending). */
export interface PendingCheck {
  id: string;
  title: string;
  area: CheckArea;
  azTitle?: string;
}

/** What the page may do with a fix, by kind. */
export type FixAction = 'run' | 'copy' | 'open' | 'setting' | 'link';

export const FIX_ACTIONS: Record<CheckFix['kind'], FixAction[]> = {
  command: ['run', 'copy'],
  'file-edit': ['open'],
  setting: ['setting'],
  link: ['link'],
};

export interface FleetRowView {
  name: string;
  loginServer: string;
  subscription: string;
  status: CheckStatus;
  worst: Partial<Record<CheckArea, CheckStatus>>;
  problems: string;
}

/** One cause of an explained error, with the checks that decide it (their live results are the page's). */
export interface ExplainedCauseView {
  summary: string;
  checks: string[];
  /** The next step, with what the message named filled in. */
  fix: string;
  /** Once the deciding checks ran. */
  verdict?: 'confirmed' | 'ruled-out' | 'undecided';
}

/** The error "Explain an Error…" recognised, shown above the results as its own section. */
export interface ExplanationView {
  title: string;
  line: number;
  occurrences: number;
  /** The message as it was pasted (trimmed around the match). */
  excerpt: string;
  /** What the message names, on one line (registry, repository, tag, client IP…); may be empty. */
  names: string;
  meaning: string;
  /** Most likely first; once the checks ran, in the order they decided. */
  causes: ExplainedCauseView[];
  /** Which cause it is, once the deciding checks ran. */
  verdict?: string;
  /** Why no check runs (the message names no registry of yours). */
  notChecked?: string;
  faq: string[];
}

/** Host → page. */
export type ToPage =
  | { type: 'run-started'; target: PanelTarget; checks: PendingCheck[]; rerun: string[] }
  | { type: 'check-started'; id: string }
  | { type: 'check-finished'; result: CheckResult }
  | { type: 'run-finished'; cancelled: boolean; counts: string }
  | { type: 'fleet-started'; subscriptions: string[] }
  | { type: 'fleet-listed'; rows: FleetRowView[]; areas: CheckArea[]; errors: string[] }
  | { type: 'fleet-row'; row: FleetRowView }
  | { type: 'fleet-finished'; cancelled: boolean; summary: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  | { type: 'explanation'; explanation: ExplanationView };

/** Page → host. */
export type FromPage =
  | { type: 'ready' }
  | { type: 'rerun'; id: string }
  | { type: 'rerun-all' }
  | { type: 'cancel' }
  | { type: 'fix'; id: string; index: number; action: FixAction }
  | { type: 'copy-report' }
  | { type: 'open-registry'; loginServer: string };

const ID = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*$/;

/** The page's message, checked field by field; anything else is undefined (and ignored by the host). */
export function parseFromPage(raw: unknown): FromPage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'rerun-all':
    case 'cancel':
    case 'copy-report':
      return { type: m.type };
    case 'rerun':
      return typeof m.id === 'string' && ID.test(m.id) ? { type: 'rerun', id: m.id } : undefined;
    case 'fix': {
      const actions: readonly unknown[] = ['run', 'copy', 'open', 'setting', 'link'];
      if (typeof m.id !== 'string' || !ID.test(m.id) || !Number.isInteger(m.index) || (m.index as number) < 0 || (m.index as number) > 100 || !actions.includes(m.action)) return undefined;
      return { type: 'fix', id: m.id, index: m.index as number, action: m.action as FixAction };
    }
    case 'open-registry':
      return typeof m.loginServer === 'string' && m.loginServer.length > 0 && m.loginServer.length <= 300 ? { type: 'open-registry', loginServer: m.loginServer } : undefined;
    default:
      return undefined;
  }
}
