/**
 * The Markdown report of a run (and of a fleet run): one renderer for the CLI's `--format markdown`
 * and the panel's "Copy report as Markdown", so a support ticket reads the same wherever it came from.
 * Results are sanitised by the engine already; every string is redacted again here (defence in
 * depth: a report is pasted into tickets) and escaped for Markdown, so text a registry sent cannot
 * become a table break, a link or HTML in the rendered ticket.
 */
import { redact } from '../log';
import type { FleetReport, FleetRow } from './fleet';
import { CHECK_AREAS, type CheckArea, type CheckResult, type CheckStatus } from './types';

export const STATUS_MARK: Record<CheckStatus, string> = { pass: '✔ pass', warn: '⚠ warn', fail: '✖ FAIL', skip: '○ skip', error: '‼ ERROR' };

/** Worst first: what a summary cell shows when an area holds several results. */
export const STATUS_SEVERITY: readonly CheckStatus[] = ['fail', 'error', 'warn', 'pass', 'skip'];

export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus | undefined {
  let worst: CheckStatus | undefined;
  for (const status of statuses) if (worst === undefined || STATUS_SEVERITY.indexOf(status) < STATUS_SEVERITY.indexOf(worst)) worst = status;
  return worst;
}

export function countsLine(results: readonly CheckResult[]): string {
  const by = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return `${by('pass')} passed, ${by('warn')} warnings, ${by('fail')} failed, ${by('error')} errors, ${by('skip')} skipped`;
}

/** Text for a Markdown table cell or line: redacted, one line, no table breaks, no HTML, no links. */
export function markdownText(text: string): string {
  return redact(text)
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|])/g, '\\$1');
}

/** Inline code: backticks inside are replaced, so the span cannot be closed early. */
function code(text: string): string {
  return `\`${redact(text).replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

export interface MarkdownReportOptions {
  /** Adds a "Details" section: fixes and evidence of every result that did not pass. */
  details?: boolean;
  /** A line under the title (tool version, time). */
  subtitle?: string;
  /** Markdown of our own, already escaped, between the subtitle and the results (an explained error). */
  preface?: string;
}

/** `# check-health REGISTRY`, a table per area, the counts; with `details`, what to do about each problem. */
export function checksMarkdown(registry: string, results: readonly CheckResult[], options: MarkdownReportOptions = {}): string {
  const lines: string[] = [`# check-health ${markdownText(registry)}`];
  if (options.subtitle) lines.push('', markdownText(options.subtitle));
  if (options.preface) lines.push('', options.preface.replace(/\n+$/, ''));
  for (const area of CHECK_AREAS) {
    const inArea = results.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    lines.push('', `## ${area}`, '', '| Status | Check | Summary | az title | FAQ |', '|---|---|---|---|---|');
    for (const r of inArea) lines.push(`| ${STATUS_MARK[r.status]} | \`${r.id}\` | ${markdownText(r.summary)} | ${r.azTitle ?? ''} | ${r.faq.join(', ')} |`);
  }
  lines.push('', countsLine(results));
  const problems = results.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error');
  if (options.details && problems.length > 0) {
    lines.push('', '## Details');
    for (const r of problems) {
      lines.push('', `### ${STATUS_MARK[r.status]} \`${r.id}\`: ${markdownText(r.title)}`, '', markdownText(r.summary));
      for (const fix of r.fixes ?? []) {
        if (fix.kind === 'command') lines.push(`- ${markdownText(fix.title)}: ${code(fix.command)}`);
        else if (fix.kind === 'setting') lines.push(`- ${markdownText(fix.title)}: ${code(`${fix.setting} = ${JSON.stringify(fix.value)}`)}`);
        else if (fix.kind === 'file-edit') lines.push(`- ${markdownText(fix.title)}: ${code(`${fix.file}${fix.line ? `:${fix.line}` : ''}`)}`);
        else lines.push(`- ${markdownText(fix.title)}: <${encodeURI(redact(fix.url)).replace(/[<>]/g, '')}>`);
      }
      if (r.evidence && Object.keys(r.evidence).length > 0) {
        // A fence longer than any backtick run inside, so evidence cannot close it.
        const json = redact(JSON.stringify(r.evidence, null, 2));
        const fence = '`'.repeat(Math.max(3, ...[...json.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        lines.push('', '<details><summary>Evidence</summary>', '', `${fence}json`, json, fence, '', '</details>');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Per area, the worst status of the results in it (absent: no check of that area ran). */
export function worstByArea(results: readonly CheckResult[]): Partial<Record<CheckArea, CheckStatus>> {
  const out: Partial<Record<CheckArea, CheckStatus>> = {};
  for (const area of CHECK_AREAS) {
    const worst = worstStatus(results.filter((r) => r.area === area).map((r) => r.status));
    if (worst) out[area] = worst;
  }
  return out;
}

/** The areas a fleet report has columns for: those of the checks it ran, in report order. */
export function fleetAreas(report: Pick<FleetReport, 'rows'>): CheckArea[] {
  const seen = new Set(report.rows.flatMap((row) => row.results.map((r) => r.area)));
  return CHECK_AREAS.filter((area) => seen.has(area));
}

/** One row per registry (worst status per area), problems named; then subscriptions that could not be listed. */
export function fleetMarkdown(report: FleetReport, options: { subtitle?: string } = {}): string {
  const areas = fleetAreas(report);
  const lines = [`# check-health --all: ${report.rows.length} registr${report.rows.length === 1 ? 'y' : 'ies'} in ${report.subscriptions.length} subscription${report.subscriptions.length === 1 ? '' : 's'}`];
  if (options.subtitle) lines.push('', markdownText(options.subtitle));
  lines.push('', `| Registry | Subscription | Status | ${areas.join(' | ')} | Problems |`, `|---|---|---|${areas.map(() => '---|').join('')}---|`);
  for (const row of report.rows) {
    const cells = areas.map((area) => (row.worst[area] ? STATUS_MARK[row.worst[area]] : ''));
    lines.push(`| ${markdownText(row.registry.loginServer)} | ${markdownText(row.registry.subscriptionName ?? row.registry.subscriptionId)} | ${STATUS_MARK[row.status]} | ${cells.join(' | ')} | ${markdownText(fleetProblems(row))} |`);
  }
  const failing = report.rows.filter((row) => row.status === 'fail' || row.status === 'error').length;
  lines.push('', `${report.rows.length - failing} of ${report.rows.length} registries without failures.`);
  for (const error of report.errors) lines.push('', `Subscription ${markdownText(error.subscriptionName ?? error.subscriptionId)} could not be listed: ${markdownText(error.message)}`);
  return `${lines.join('\n')}\n`;
}

/** What is wrong with a registry, in one line: the failing checks (ids), or why it could not be read. */
export function fleetProblems(row: FleetRow): string {
  if (row.problem) return row.problem;
  const failing = row.results.filter((r) => r.status === 'fail' || r.status === 'error');
  const warning = row.results.filter((r) => r.status === 'warn');
  return [failing.length ? `fails ${failing.map((r) => r.id).join(', ')}` : '', warning.length ? `warns ${warning.map((r) => r.id).join(', ')}` : ''].filter(Boolean).join('; ');
}
