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

/** The code of the finding that reports a rule (or a parser) that threw. */
export const INTERNAL_ERROR_CODE = 'ACR000';

/** A rule or parser that threw: a bug in ACR Doctor, reported rather than hidden. */
export const internalErrorMeta: RuleMeta = {
  code: INTERNAL_ERROR_CODE,
  name: 'internal-error',
  kind: 'any',
  type: 'problem',
  severity: 'info',
  description: 'A rule (or the parser) failed on this file. A bug in ACR Doctor, not a problem in the file: the other rules’ findings stand, that rule’s may be missing.',
  faq: [],
  fixable: false,
  messages: {
    ruleFailed: 'Internal error: rule {{rule}} ({{ruleName}}) failed on line {{line}}: {{error}}. This is a bug in ACR Doctor, not a problem in this file, and {{rule}} may have missed problems here. Please report it with the file (or a shortened copy), or turn {{rule}} off until it is fixed.',
    parseFailed: 'Internal error: the {{kind}} parser failed on line {{line}}: {{error}}. This is a bug in ACR Doctor, not necessarily a problem in this file, and no rule checked it. Please report it with the file (or a shortened copy).',
  },
};

/** What the engine tells `onRuleError` about a rule (or parser) that threw. */
export interface RuleFailure {
  fileName: string;
  /** The rule's code (`ACR101`), or undefined when the parser threw. */
  rule: string | undefined;
  /** 1-based: the line of the rule's last report before it threw, else 1. */
  line: number;
  error: unknown;
}

const MAX_ERROR_CHARS = 300;

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  // One line, no control characters: it is printed in a terminal and an editor's problem list.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() || 'no message';
  return flat.length > MAX_ERROR_CHARS ? `${flat.slice(0, MAX_ERROR_CHARS)}…` : flat;
}

/** The ACR000 finding for a failure, at the start of its line; `data.rule` holds the rule's code. */
export function internalErrorFinding(failure: RuleFailure, kind: string, ruleName: string | undefined): Finding {
  const line = Math.max(0, failure.line - 1);
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  const error = errorText(failure.error);
  const finding = failure.rule
    ? makeFinding(internalErrorMeta, { range, messageId: 'ruleFailed', data: { rule: failure.rule, ruleName: ruleName ?? failure.rule, line: failure.line, error } })
    : makeFinding(internalErrorMeta, { range, messageId: 'parseFailed', data: { kind, line: failure.line, error } });
  return { ...finding, data: { rule: failure.rule ?? `${kind}-parser`, error } };
}
