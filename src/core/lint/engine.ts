import { LineIndex } from '../text/lineIndex';
import { languageFor } from './catalogue';
import { detectFileKind } from './fileKind';
import { INTERNAL_ERROR_CODE, internalErrorFinding, internalErrorMeta, makeFinding, type RuleFailure } from './finding';
import type { Companions, FileKind, Finding, LintLanguage, LintResult, LintSettings, Report, Rule, RuleContext, RuleMeta, Severity } from './types';
import { DEFAULT_LINT_SETTINGS } from './types';

export interface LintInput {
  fileName: string;
  text: string;
  /** Forces a file kind (e.g. from the editor's language id); otherwise detected. */
  kind?: FileKind;
  settings?: LintSettings;
  companions?: Companions;
  /** Told about every rule (or parser) that throws, besides the ACR000 finding; adapters log it. */
  onRuleError?: (failure: RuleFailure) => void;
}

function ruleSetting(settings: LintSettings, meta: RuleMeta): 'off' | Severity | undefined {
  return settings.rules[meta.code] ?? settings.rules[meta.name];
}

const IGNORE_DIRECTIVE = /\b(acr-doctor|hadolint)\s+ignore\s*=\s*([A-Za-z0-9_,\s-]+)/i;

/** Codes suppressed for each line by a directive comment on the line above it. */
function suppressionsByLine(lines: LineIndex, commentPrefix: string | null, allMeta: readonly RuleMeta[]): Map<number, Set<string>> {
  const byLine = new Map<number, Set<string>>();
  if (!commentPrefix) return byLine;
  const hadolintToCode = new Map<string, string[]>();
  for (const meta of allMeta) {
    for (const id of meta.hadolint ?? []) hadolintToCode.set(id.toUpperCase(), [...(hadolintToCode.get(id.toUpperCase()) ?? []), meta.code]);
  }
  const nameToCode = new Map(allMeta.map((m) => [m.name.toLowerCase(), m.code]));
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line).trimStart();
    if (!text.startsWith(commentPrefix)) continue;
    const match = IGNORE_DIRECTIVE.exec(text);
    if (!match) continue;
    const codes = new Set<string>();
    for (const raw of match[2].split(/[\s,]+/)) {
      const id = raw.trim();
      if (!id) continue;
      if (match[1].toLowerCase() === 'hadolint') for (const code of hadolintToCode.get(id.toUpperCase()) ?? []) codes.add(code);
      else codes.add(nameToCode.get(id.toLowerCase()) ?? id.toUpperCase());
    }
    // The directive covers the next non-comment line (comment runs may stack directives).
    let target = line + 1;
    while (target < lines.lineCount && lines.lineText(target).trimStart().startsWith(commentPrefix)) target++;
    const existing = byLine.get(target) ?? new Set<string>();
    for (const code of codes) existing.add(code);
    byLine.set(target, existing);
  }
  return byLine;
}

/** Runs one rule; when it throws, returns the failure (the findings it made before stand). */
function runRule<Doc>(language: LintLanguage<Doc>, rule: Rule<Doc>, doc: Doc, base: Omit<RuleContext, 'report'>, severity: Severity | undefined, out: Finding[]): RuleFailure | undefined {
  let lastLine = 0;
  const context: RuleContext = {
    ...base,
    report(raw: Report) {
      const report = language.judge ? language.judge(doc, raw, rule.meta) : raw;
      if (!report) return;
      const finding = makeFinding(rule.meta, report);
      if (severity) finding.severity = severity;
      lastLine = report.range.start.line;
      out.push(finding);
    },
  };
  try {
    rule.check(doc, context);
    return undefined;
  } catch (error) {
    // A rule must never throw (tests prove it for the shipped ones); if one still does, say so rather than hide it.
    return { fileName: base.fileName, rule: rule.meta.code, line: lastLine + 1, error };
  }
}

export function lintWithLanguage<Doc>(language: LintLanguage<Doc>, input: LintInput): Finding[] {
  const settings = input.settings ?? DEFAULT_LINT_SETTINGS;
  // Positions are relative to the text without a BOM, as editors show it; the CLI strips and restores it around --fix.
  const text = stripBom(input.text);
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const internalSetting = ruleSetting(settings, internalErrorMeta);
  const failed = (failure: RuleFailure, ruleName: string | undefined) => {
    input.onRuleError?.(failure);
    if (internalSetting === 'off') return;
    const finding = internalErrorFinding(failure, language.kind, ruleName);
    findings.push(internalSetting ? { ...finding, severity: internalSetting } : finding);
  };
  let parsed;
  try {
    parsed = language.parse(text, lines, input.fileName);
  } catch (error) {
    failed({ fileName: input.fileName, rule: undefined, line: 1, error }, undefined);
    return findings;
  }
  for (const finding of parsed.findings) {
    const meta = language.parseRules?.find((m) => m.code === finding.code);
    const setting = meta ? ruleSetting(settings, meta) : undefined;
    if (setting === 'off') continue;
    findings.push(setting ? { ...finding, severity: setting } : finding);
  }
  if (parsed.doc !== undefined) {
    const base = { text, fileName: input.fileName, settings, lines, companions: input.companions ?? {} };
    for (const rule of language.rules) {
      const setting = ruleSetting(settings, rule.meta);
      if (setting === 'off') continue;
      const failure = runRule(language, rule, parsed.doc, base, setting, findings);
      if (failure) failed(failure, rule.meta.name);
    }
  }
  const allMeta = [...language.rules.map((r) => r.meta), ...(language.parseRules ?? [])];
  const suppressed = suppressionsByLine(lines, language.commentPrefix, allMeta);
  // An internal error is not the file's problem, so a directive in the file does not hide it.
  const kept = findings.filter((f) => f.code === INTERNAL_ERROR_CODE || !suppressed.get(f.range.start.line)?.has(f.code));
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return kept;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lints one file's text. Pure: no I/O, never throws. */
export function lintText(input: LintInput): LintResult {
  const kind = input.kind ?? detectFileKind(input.fileName, input.text);
  if (!kind) return { kind: undefined, findings: [] };
  const settings = input.settings ?? DEFAULT_LINT_SETTINGS;
  if (settings.enabledKinds[kind] === false) return { kind, findings: [] };
  return { kind, findings: lintWithLanguage(languageFor(kind), { ...input, settings }) };
}
