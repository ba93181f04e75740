import type { Severity } from '../types';
import type { FileReport } from './model';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

/** Human output, grouped by file: `path:line:col  severity  message  CODE`, 1-based like compilers print. */
export function toTextReport(reports: readonly FileReport[], options: { color?: boolean } = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  let count = 0;
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const report of reports) {
    if (report.notice) lines.push(`${report.file}: ${report.ioError ? paint('31', 'error') : paint('2', 'skipped')}: ${report.notice}`);
    for (const fix of report.fixed ?? []) lines.push(`${report.file}: ${paint('32', 'fixed')} ${fix.code}: ${fix.title}`);
    for (const f of report.findings) {
      count++;
      totals[f.severity]++;
      const where = `${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const fixable = f.fixes.some((x) => x.safe) ? ' (fixable with --fix)' : '';
      lines.push(`${where}  ${paint(severityColor[f.severity], LABEL[f.severity])}  ${f.message}  ${paint('2', f.code)}${fixable}`);
    }
  }
  const unreadable = reports.filter((r) => r.ioError).length;
  const problems =
    count === 0
      ? 'No problems found'
      : `${count} problem${count === 1 ? '' : 's'} (${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.info + totals.hint} info)`;
  // After an error, "No problems found." would read as "all is well".
  lines.push(unreadable === 0 ? `${problems}.` : `${unreadable} path${unreadable === 1 ? '' : 's'} could not be linted (see above)${count === 0 ? '.' : `; ${problems.charAt(0).toLowerCase()}${problems.slice(1)} in the others.`}`);
  return `${lines.join('\n')}\n`;
}
