/**
 * Table-driven helpers for lint rule tests: lint a text as a given kind, compare
 * findings by code, range, message substrings and fixes, and apply a fix's edits.
 * Shared by the linters' tests; it imports only the public engine surface.
 */
import assert from 'node:assert/strict';
import { lintText } from '../../src/core/lint/engine';
import type { Companions, FileKind, Finding, Fix, LintSettings, Range, Severity, TextEdit } from '../../src/core/lint/types';
import { applyTextEdits } from '../../src/core/text/lineIndex';

export interface LintCase {
  kind: FileKind;
  text: string;
  fileName?: string;
  companions?: Companions;
  settings?: LintSettings;
}

export interface ExpectedFix {
  title?: string;
  safe?: boolean;
  /** The exact edits the fix makes. */
  edits?: TextEdit[];
  /** The whole text after applying the fix. */
  output?: string;
}

export interface ExpectedFinding {
  code: string;
  /** Exact range, or just the start line when only that matters. */
  range?: Range;
  line?: number;
  severity?: Severity;
  /** Each substring must appear in the message. */
  message?: string | string[];
  /** Expected fixes in order; omitted = not checked, [] = no fixes. */
  fixes?: ExpectedFix[];
}

const DEFAULT_FILE_NAMES: Record<FileKind, string> = {
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  'daemon-json': 'daemon.json',
  'arm-template': 'azuredeploy.json',
  'sysconfig-docker': '/etc/sysconfig/docker',
};

/** Lints a text as `kind` (no file-name detection) and returns the findings. */
export function lint(input: LintCase): Finding[] {
  const result = lintText({
    fileName: input.fileName ?? DEFAULT_FILE_NAMES[input.kind],
    text: input.text,
    kind: input.kind,
    settings: input.settings,
    companions: input.companions,
  });
  return result.findings;
}

/** Applies a fix to a text; fails the test when edits overlap. */
export function applyFix(text: string, fix: Fix): string {
  const { text: out, skipped } = applyTextEdits(text, fix.edits);
  assert.equal(skipped.length, 0, `fix "${fix.title}" has overlapping edits`);
  return out;
}

function describeFinding(f: Finding): string {
  const r = f.range;
  return `${f.code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.severity} ${f.message}`;
}

/**
 * Asserts the findings with the given codes are exactly `expected` (in order of
 * position). Findings of other codes are ignored when `onlyCodes` is given.
 */
export function expectFindings(input: LintCase, expected: ExpectedFinding[], onlyCodes?: string[]): Finding[] {
  const codes = onlyCodes ?? [...new Set(expected.map((e) => e.code))];
  const all = lint(input);
  const actual = codes.length ? all.filter((f) => codes.includes(f.code)) : all;
  assert.equal(actual.length, expected.length, `expected ${expected.length} finding(s), got:\n${actual.map(describeFinding).join('\n') || '(none)'}`);
  expected.forEach((exp, i) => {
    const got = actual[i];
    const where = `finding ${i} (${describeFinding(got)})`;
    assert.equal(got.code, exp.code, where);
    if (exp.range) assert.deepEqual(got.range, exp.range, `${where}: range`);
    if (exp.line !== undefined) assert.equal(got.range.start.line, exp.line, `${where}: line`);
    if (exp.severity) assert.equal(got.severity, exp.severity, `${where}: severity`);
    for (const part of typeof exp.message === 'string' ? [exp.message] : exp.message ?? []) {
      assert.ok(got.message.includes(part), `${where}: message lacks ${JSON.stringify(part)}`);
    }
    assert.ok(!/\{\{\s*\w+\s*\}\}/.test(got.message), `${where}: unfilled placeholder`);
    if (exp.fixes) {
      assert.equal(got.fixes.length, exp.fixes.length, `${where}: number of fixes`);
      exp.fixes.forEach((fx, j) => {
        const fix = got.fixes[j];
        if (fx.title !== undefined) assert.equal(fix.title, fx.title, `${where}: fix ${j} title`);
        if (fx.safe !== undefined) assert.equal(fix.safe, fx.safe, `${where}: fix ${j} safe`);
        if (fx.edits) assert.deepEqual(fix.edits, fx.edits, `${where}: fix ${j} edits`);
        if (fx.output !== undefined) assert.equal(applyFix(input.text, fix), fx.output, `${where}: fix ${j} output`);
      });
    }
  });
  return actual;
}

/** Asserts no finding with any of `codes` is reported. */
export function expectNoFindings(input: LintCase, codes: string[]): void {
  const found = lint(input).filter((f) => codes.includes(f.code));
  assert.equal(found.length, 0, `expected no ${codes.join('/')} findings, got:\n${found.map(describeFinding).join('\n')}`);
}

/** Shorthand for a range on one line. */
export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
