import type { FileReport } from './model';

/**
 * The CLI's JSON shape: `{"findings":[{file, range, code, severity, message, docs, data?, fixes}]}`,
 * 0-based LSP positions; skipped files are listed under `notices`.
 */
export function toJsonReport(reports: readonly FileReport[]): string {
  const findings = reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.file,
      range: f.range,
      code: f.code,
      severity: f.severity,
      message: f.message,
      docs: f.docs,
      ...(f.data ? { data: f.data } : {}),
      fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
    })),
  );
  const notices = reports.filter((r) => r.notice).map((r) => ({ file: r.file, message: r.notice, ioError: r.ioError === true }));
  const fixed = reports.filter((r) => r.fixed && r.fixed.length > 0).map((r) => ({ file: r.file, fixes: r.fixed }));
  return `${JSON.stringify({ findings, notices, ...(fixed.length ? { fixed } : {}) }, null, 2)}\n`;
}
