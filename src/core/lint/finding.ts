/**
 * How a finding is built from a rule's report: the one builder the engine and the
 * parse-level findings (daemon.json, ARM syntax) share. A leaf module (it imports only
 * types and the docs URL), so the languages can use it without importing the engine.
 */
import { docsUrl } from './docs';
import type { Finding, Report, RuleMeta } from './types';

/** Replaces `{{name}}` in a message template. Unknown names stay visible rather than vanish. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** Builds a finding from a report; shared by rules and parse-level findings. */
export function makeFinding(meta: RuleMeta, report: Report): Finding {
  const template = meta.messages[report.messageId] ?? report.messageId;
  return {
    code: meta.code,
    severity: report.severity ?? meta.severity,
    message: formatMessage(template, report.data),
    range: report.range,
    docs: docsUrl(meta.code),
    faq: meta.faq,
    fixes: report.fixes ?? [],
  };
}
