/**
 * ESLint RuleTester-style tables for one Dockerfile rule: each case runs the rule alone
 * through the real engine (parse, suppression, severity) and compares exact findings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import type { DockerfileDoc } from '../../../src/core/lint/dockerfile';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import type { Finding, LintSettings, Rule, Severity } from '../../../src/core/lint/types';
import { DEFAULT_LINT_SETTINGS } from '../../../src/core/lint/types';
import { applyFix } from '../ruleTester';

/** [startLine, startCharacter, endLine, endCharacter], 0-based. */
export type RangeTuple = [number, number, number, number];

export interface ExpectedFix {
  /** Exact edits as [startLine, startChar, endLine, endChar, newText]. */
  edits?: [number, number, number, number, string][];
  /** The whole text after applying this fix's edits. */
  output: string;
  safe?: boolean;
}

export interface ExpectedFinding {
  range?: RangeTuple;
  /** A substring the message must contain (several: all must appear). */
  message?: string | string[];
  severity?: Severity;
  /** The first fix; `null` asserts there is none. */
  fix?: ExpectedFix | null;
}

export interface ValidCase {
  name?: string;
  text: string;
  settings?: Partial<LintSettings>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export function lintOne(rule: Rule<DockerfileDoc>, text: string, settings: Partial<LintSettings> = {}): Finding[] {
  return lintWithLanguage({ ...dockerfileLanguage, rules: [rule] }, {
    fileName: 'Dockerfile',
    text,
    settings: { ...DEFAULT_LINT_SETTINGS, ...settings },
  });
}

function title(c: ValidCase): string {
  return c.name ?? c.text.replace(/\n/g, '⏎').slice(0, 90);
}

export function runRuleTests(rule: Rule<DockerfileDoc>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    for (const c of cases.valid) {
      test(`valid: ${title(c)}`, () => {
        assert.deepEqual(lintOne(rule, c.text, c.settings).map((f) => `${f.code} ${f.message}`), []);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${title(c)}`, () => {
        const findings = lintOne(rule, c.text, c.settings);
        assert.equal(findings.length, c.errors.length, `findings: ${JSON.stringify(findings.map((f) => [f.range, f.message]), null, 1)}`);
        c.errors.forEach((expected, i) => {
          const finding = findings[i];
          assert.equal(finding.code, rule.meta.code);
          if (expected.range) {
            const r = finding.range;
            assert.deepEqual([r.start.line, r.start.character, r.end.line, r.end.character], expected.range, 'range');
          }
          for (const part of [expected.message ?? []].flat()) assert.ok(finding.message.includes(part), `message ${JSON.stringify(finding.message)} lacks ${JSON.stringify(part)}`);
          assert.equal(finding.severity, expected.severity ?? rule.meta.severity);
          if (expected.fix === null) assert.equal(finding.fixes.length, 0, 'no fix expected');
          if (expected.fix) {
            const fix = finding.fixes[0];
            assert.ok(fix, 'a fix is expected');
            assert.ok(fix.title.length > 0);
            if (expected.fix.edits) {
              assert.deepEqual(fix.edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]), expected.fix.edits, 'edits');
            }
            if (expected.fix.safe !== undefined) assert.equal(fix.safe, expected.fix.safe, 'safe');
            assert.equal(applyFix(c.text, fix), expected.fix.output);
          }
        });
        // Fixable rules offer fixes and others do not, as meta says.
        if (!rule.meta.fixable) for (const f of findings) assert.equal(f.fixes.length, 0);
      });
    }
  });
}
