import type { LineIndex, Range, TextEdit } from '../text/lineIndex';

export type { Position, Range, TextEdit } from '../text/lineIndex';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** The file types we lint. Stable: used in settings (`acrDoctor.lint.<kind>.enabled`). */
export type FileKind = 'dockerfile' | 'dockerignore' | 'daemon-json' | 'arm-template' | 'sysconfig-docker';

export const FILE_KINDS: readonly FileKind[] = ['dockerfile', 'dockerignore', 'daemon-json', 'arm-template', 'sysconfig-docker'];

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `acr-doctor lint --fix`; others are only offered in the editor. */
  safe: boolean;
  /** The fix the editor offers first. */
  preferred?: boolean;
}

export interface RuleMeta {
  /** Stable code, e.g. `ACR101`. Never reused for another meaning. */
  code: string;
  /** Short kebab-case name, e.g. `repository-uppercase`. */
  name: string;
  /** `any`: reported on every kind (ACR000, a rule that failed). */
  kind: FileKind | 'any';
  type: 'problem' | 'suggestion';
  severity: Severity;
  /** One sentence for the rules table. */
  description: string;
  /** FAQ ids from shared/faq/FAQ-MAP.md this rule answers. */
  faq: string[];
  /** hadolint ids this rule is the equivalent of; `# hadolint ignore=` honours them. */
  hadolint?: string[];
  fixable: boolean;
  /**
   * Message templates by id; `{{name}}` is replaced from report data. Each says what
   * is wrong, why it matters, and the next step.
   */
  messages: Record<string, string>;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  docs: string;
  faq: string[];
  fixes: Fix[];
  /** Machine-readable details; for ACR000 the failed rule's code under `rule`. */
  data?: Record<string, string>;
}

export interface LintSettings {
  /** Per file kind on/off. Missing means enabled. */
  enabledKinds: Partial<Record<FileKind, boolean>>;
  /** Per rule: 'off' or a severity override. Keys are codes (`ACR101`) or names. */
  rules: Record<string, 'off' | Severity>;
  /** Registry host patterns allowed in FROM (`*.azurecr.io`, `mcr.microsoft.com`); empty = no restriction. */
  allowedRegistries: string[];
}

export const DEFAULT_LINT_SETTINGS: LintSettings = { enabledKinds: {}, rules: {}, allowedRegistries: [] };

export interface Report {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  /** Overrides meta.severity for this one finding (e.g. info for a softer variant). */
  severity?: Severity;
}

/**
 * Texts of related files a rule may need (pure data, read by the adapter): for a
 * `.dockerignore`, the Dockerfile of the same build context under the key `dockerfile`
 * (and its file name under `dockerfileName`). A rule that needs a missing companion reports nothing.
 */
export interface Companions {
  dockerfile?: string;
  dockerfileName?: string;
}

export interface RuleContext {
  readonly text: string;
  readonly fileName: string;
  readonly settings: LintSettings;
  readonly companions: Companions;
  readonly lines: LineIndex;
  report(report: Report): void;
}

/** ESLint-style rule module: metadata beside logic. */
export interface Rule<Doc> {
  meta: RuleMeta;
  /** Must never throw; on input it does not understand it reports nothing. */
  check(doc: Doc, context: RuleContext): void;
}

export interface ParseResult<Doc> {
  /** Undefined when the text could not be parsed at all; rules are then skipped. */
  doc: Doc | undefined;
  /** Parse problems reported as findings (e.g. JSON syntax errors), already complete. */
  findings: Finding[];
}

/** A file type: how to recognise it, parse it once, and which rules run on it. */
export interface LintLanguage<Doc> {
  kind: FileKind;
  /** Line-comment prefix for `acr-doctor ignore=` suppressions; null where the format has none. */
  commentPrefix: string | null;
  parse(text: string, lines: LineIndex, fileName: string): ParseResult<Doc>;
  rules: readonly Rule<Doc>[];
  /** Extra rule metadata for findings produced by `parse` (e.g. syntax errors), for docs and settings. */
  parseRules?: readonly RuleMeta[];
  /**
   * Judges each rule's report in the light of the whole document before it becomes a finding:
   * returns it (possibly with another severity) or undefined to drop it. ARM judges a resource
   * under its `condition`.
   */
  judge?(doc: Doc, report: Report, meta: RuleMeta): Report | undefined;
}

export interface LintResult {
  kind: FileKind | undefined;
  findings: Finding[];
}
