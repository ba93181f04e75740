/**
 * The one rule tester, after ESLint's RuleTester: `run(language, rule, { valid, invalid })`.
 * Each case lints its text with that rule alone through the real engine (parse,
 * suppression, settings); a valid case gives no finding of the rule, an invalid case
 * gives exactly its `errors`, each with its code, exact range, message, severity and
 * fix output. The tester also checks the tests: every error of a fixable rule says
 * its fix output (`output: null` when that finding has none), no case appears twice,
 * and the rule's `fixable` matches what it does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintWithLanguage } from '../../src/core/lint/engine';
import { INTERNAL_ERROR_CODE } from '../../src/core/lint/finding';
import type { Companions, FileKind, Finding, Fix, LintLanguage, LintSettings, Range, Rule, RuleMeta, Severity, TextEdit } from '../../src/core/lint/types';
import { DEFAULT_LINT_SETTINGS } from '../../src/core/lint/types';
import { applyTextEdits, LineIndex } from '../../src/core/text/lineIndex';

/** [startLine, startCharacter, endLine, endCharacter], 0-based. */
export type RangeTuple = [number, number, number, number];
/** [startLine, startCharacter, endLine, endCharacter, newText]. */
export type EditTuple = [number, number, number, number, string];

export interface ExpectedFix {
  title?: string;
  safe?: boolean;
  /** The exact edits. */
  edits?: Array<TextEdit | EditTuple>;
  /** The whole text after applying this fix. */
  output: string;
}

export interface ExpectedError {
  /** Exact range. */
  range: Range | RangeTuple;
  /** The exact message, or substrings that must all appear in it. */
  message: string | string[];
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** The text after applying the finding's first fix; `null`: the finding has no fix. */
  output?: string | null;
  /** Every fix, in order, when more than the first matters. */
  fixes?: ExpectedFix[];
}

export interface ValidCase {
  name?: string;
  text: string;
  fileName?: string;
  settings?: Partial<LintSettings>;
  companions?: Companions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

const DEFAULT_FILE_NAMES: Record<FileKind, string> = {
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  'daemon-json': 'daemon.json',
  'arm-template': 'azuredeploy.json',
  'sysconfig-docker': '/etc/sysconfig/docker',
};

/** Lints a text with the language's rules (or only `rules`), as the engine does for that kind. */
export function lintAs<Doc>(language: LintLanguage<Doc>, c: ValidCase, rules: readonly Rule<Doc>[] = language.rules): Finding[] {
  return lintWithLanguage({ ...language, rules }, {
    fileName: c.fileName ?? DEFAULT_FILE_NAMES[language.kind],
    text: c.text,
    settings: { ...DEFAULT_LINT_SETTINGS, ...c.settings },
    companions: c.companions,
  });
}

/** Applies a fix to a text; fails the test when edits overlap. */
export function applyFix(text: string, fix: Fix): string {
  const { text: out, skipped } = applyTextEdits(text, fix.edits);
  assert.equal(skipped.length, 0, `fix "${fix.title}" has overlapping edits`);
  return out;
}

/** Range of the n-th occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' occurrence ${occurrence} not in text`);
  }
  return new LineIndex(text).rangeAt(at, needle.length);
}

function toRange(range: Range | RangeTuple): Range {
  return Array.isArray(range) ? { start: { line: range[0], character: range[1] }, end: { line: range[2], character: range[3] } } : range;
}

function toEdit(edit: TextEdit | EditTuple): TextEdit {
  return Array.isArray(edit) ? { range: toRange([edit[0], edit[1], edit[2], edit[3]]), newText: edit[4] } : edit;
}

function describeFinding(f: Finding): string {
  const r = f.range;
  return `[${r.start.line}, ${r.start.character}, ${r.end.line}, ${r.end.character}] ${f.severity} ${JSON.stringify(f.message)}${f.fixes.length ? ` fixes: ${f.fixes.length}` : ''}`;
}

function title(c: ValidCase): string {
  return c.name ?? c.text.replace(/\r/g, '␍').replace(/\n/g, '⏎').slice(0, 90);
}

function caseKey(c: ValidCase): string {
  return JSON.stringify([c.text, c.fileName ?? '', c.settings ?? {}, c.companions ?? {}]);
}

function isRule<Doc>(rule: Rule<Doc> | RuleMeta): rule is Rule<Doc> {
  return 'meta' in rule;
}

function checkError(meta: RuleMeta, c: InvalidCase, finding: Finding, expected: ExpectedError, where: string): void {
  assert.equal(finding.code, meta.code, `${where}: code`);
  assert.deepEqual(finding.range, toRange(expected.range), `${where}: range`);
  if (typeof expected.message === 'string') assert.equal(finding.message, expected.message, `${where}: message`);
  else for (const part of expected.message) assert.ok(finding.message.includes(part), `${where}: message ${JSON.stringify(finding.message)} lacks ${JSON.stringify(part)}`);
  assert.ok(!/\{\{\s*\w+\s*\}\}/.test(finding.message), `${where}: unfilled placeholder in ${JSON.stringify(finding.message)}`);
  assert.equal(finding.severity, expected.severity ?? meta.severity, `${where}: severity`);
  if (meta.fixable) {
    assert.ok(expected.output !== undefined || expected.fixes !== undefined, `${where}: ${meta.code} is fixable, so the case must give its output (or output: null for no fix)`);
  } else {
    assert.ok(!expected.output && !expected.fixes?.length, `${where}: ${meta.code} is not fixable, yet the case expects a fix`);
    assert.equal(finding.fixes.length, 0, `${where}: ${meta.code} says fixable: false but offers a fix`);
  }
  if (expected.output === null) assert.equal(finding.fixes.length, 0, `${where}: no fix expected, got ${finding.fixes.map((f) => f.title).join(', ')}`);
  if (typeof expected.output === 'string') {
    assert.ok(finding.fixes.length > 0, `${where}: a fix is expected`);
    assert.equal(applyFix(c.text, finding.fixes[0]), expected.output, `${where}: output of the first fix`);
  }
  if (expected.fixes) {
    assert.equal(finding.fixes.length, expected.fixes.length, `${where}: number of fixes`);
    expected.fixes.forEach((fx, j) => {
      const fix = finding.fixes[j];
      assert.ok(fix.title.length > 0, `${where}: fix ${j} has a title`);
      if (fx.title !== undefined) assert.equal(fix.title, fx.title, `${where}: fix ${j} title`);
      if (fx.safe !== undefined) assert.equal(fix.safe, fx.safe, `${where}: fix ${j} safe`);
      if (fx.edits) assert.deepEqual(fix.edits, fx.edits.map(toEdit), `${where}: fix ${j} edits`);
      assert.equal(applyFix(c.text, fix), fx.output, `${where}: fix ${j} output`);
    });
  }
}

/**
 * Tests one rule (or a parse-level rule's metadata, whose findings come from the
 * language's parser) on valid and invalid cases.
 */
export function run<Doc>(language: LintLanguage<Doc>, rule: Rule<Doc> | RuleMeta, tests: RuleTests): void {
  const meta = isRule(rule) ? rule.meta : rule;
  const rules = isRule(rule) ? [rule] : [];
  const findingsOf = (c: ValidCase) => {
    const all = lintAs(language, c, rules);
    const internal = all.filter((f) => f.code === INTERNAL_ERROR_CODE);
    assert.deepEqual(internal.map((f) => f.message), [], `${meta.code} threw`);
    return all.filter((f) => f.code === meta.code);
  };
  describe(`${meta.code} ${meta.name}`, () => {
    test('the cases are well-formed: none twice, and the rule’s fixable matches what it does', () => {
      assert.ok(tests.invalid.length > 0, 'a rule needs at least one invalid case');
      const seen = new Set<string>();
      for (const c of [...tests.valid, ...tests.invalid]) {
        const key = caseKey(c);
        assert.ok(!seen.has(key), `duplicate case: ${title(c)}`);
        seen.add(key);
      }
      const offersFixes = tests.invalid.some((c) => findingsOf(c).some((f) => f.fixes.length > 0));
      assert.equal(offersFixes, meta.fixable, meta.fixable ? `${meta.code} says fixable: true but no invalid case gets a fix` : `${meta.code} says fixable: false but offers fixes`);
    });
    for (const c of tests.valid) {
      test(`valid: ${title(c)}`, () => {
        assert.deepEqual(findingsOf(c).map(describeFinding), []);
      });
    }
    for (const c of tests.invalid) {
      test(`invalid: ${title(c)}`, () => {
        assert.ok(c.errors.length > 0, 'an invalid case expects at least one error');
        const findings = findingsOf(c);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n') || '(none)'}`);
        c.errors.forEach((expected, i) => checkError(meta, c, findings[i], expected, `error ${i} (${describeFinding(findings[i])})`));
      });
    }
  });
}
