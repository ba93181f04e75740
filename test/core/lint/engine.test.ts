import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import { formatMessage, type RuleFailure } from '../../../src/core/lint/finding';
import type { LintLanguage, Rule, RuleMeta } from '../../../src/core/lint/types';

// A tiny language for the engine's own tests: it reports every word "bad", has a
// parse-level finding for "!!", and one rule that throws on "boom".
const badMeta: RuleMeta = {
  code: 'ACR901',
  name: 'forbidden-word',
  kind: 'dockerfile',
  type: 'problem',
  severity: 'warning',
  description: 'test rule',
  faq: ['F33'],
  hadolint: ['DL9999'],
  fixable: true,
  messages: { bad: "'{{word}}' is bad at column {{column}}." },
};
const noBad: Rule<string[]> = {
  meta: badMeta,
  check(lines, ctx) {
    lines.forEach((line, index) => {
      const column = line.indexOf('bad');
      if (column >= 0) {
        const range = { start: { line: index, character: column }, end: { line: index, character: column + 3 } };
        ctx.report({ range, messageId: 'bad', data: { word: 'bad', column }, fixes: [{ title: 'Make it good', safe: true, edits: [{ range, newText: 'good' }] }] });
      }
    });
  },
};
const throwing: Rule<string[]> = {
  meta: { ...badMeta, code: 'ACR902', name: 'throws', messages: { x: 'x' } },
  check(lines) {
    if (lines.some((l) => l.includes('boom'))) throw new Error('rule bug');
  },
};
const parseMeta: RuleMeta = { ...badMeta, code: 'ACR900', name: 'syntax', severity: 'error', messages: { syntax: 'syntax' } };
const language: LintLanguage<string[]> = {
  kind: 'dockerfile',
  commentPrefix: '#',
  parseRules: [parseMeta],
  rules: [noBad, throwing],
  parse(text, lines) {
    const bang = text.indexOf('!!');
    const findings =
      bang >= 0 ? [{ code: 'ACR900', severity: 'error' as const, message: 'syntax', range: lines.rangeAt(bang, 2), docs: '', faq: [], fixes: [] }] : [];
    return { doc: text.split(/\r?\n/), findings };
  },
};

const lintCodes = (text: string, rules: Record<string, 'off' | 'error' | 'warning' | 'info' | 'hint'> = {}) =>
  lintWithLanguage(language, { fileName: 'Dockerfile', text, settings: { enabledKinds: {}, rules, allowedRegistries: [] } });

test('formatMessage fills placeholders and keeps unknown ones visible', () => {
  assert.equal(formatMessage('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'two' }), '1 and two and {{c}}');
});

test('findings carry code, message, docs, faq and fixes', () => {
  const [finding] = lintCodes('FROM bad');
  assert.equal(finding.code, 'ACR901');
  assert.equal(finding.message, "'bad' is bad at column 5.");
  assert.match(finding.docs, /rules\.md#acr901$/);
  assert.deepEqual(finding.faq, ['F33']);
  assert.equal(finding.fixes[0].edits[0].newText, 'good');
});

test('a throwing rule does not hide the other rules’ findings', () => {
  const findings = lintCodes('bad boom');
  assert.deepEqual(findings.map((f) => f.code), ['ACR000', 'ACR901']);
});

test('a throwing rule is reported as an ACR000 info finding with the rule in data, and through onRuleError', () => {
  const failures: RuleFailure[] = [];
  const findings = lintWithLanguage(language, { fileName: 'Dockerfile', text: 'ok\nbad\nboom', onRuleError: (failure) => failures.push(failure) });
  const internal = findings.filter((f) => f.code === 'ACR000');
  assert.equal(internal.length, 1);
  assert.equal(internal[0].severity, 'info');
  assert.equal(internal[0].message, 'Internal error: rule ACR902 (throws) failed on line 1: rule bug. This is a bug in ACR Doctor, not a problem in this file, and ACR902 may have missed problems here. Please report it with the file (or a shortened copy), or turn ACR902 off until it is fixed.');
  assert.deepEqual(internal[0].data, { rule: 'ACR902', error: 'rule bug' });
  assert.deepEqual(internal[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.match(internal[0].docs, /rules\.md#acr000$/);
  assert.equal(failures.length, 1);
  assert.equal(failures[0].rule, 'ACR902');
  assert.equal(failures[0].fileName, 'Dockerfile');
  assert.equal(failures[0].line, 1);
  assert.equal((failures[0].error as Error).message, 'rule bug');
  assert.deepEqual(findings.filter((f) => f.code === 'ACR901').map((f) => f.range.start.line), [1], 'the other rule still reports');
});

test('ACR000 names the line of the rule’s last report, flattens the error to one line, and no directive hides it', () => {
  const reportsThenThrows: Rule<string[]> = {
    meta: { ...badMeta, code: 'ACR903', name: 'reports-then-throws' },
    check(lines, ctx) {
      ctx.report({ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, messageId: 'bad', data: { word: 'x', column: 0 } });
      throw new RangeError('line one\n\u001b[31mline two');
    },
  };
  const findings = lintWithLanguage({ ...language, rules: [reportsThenThrows] }, { fileName: 'Dockerfile', text: 'a\n# acr-doctor ignore=ACR000\nc' });
  const internal = findings.find((f) => f.code === 'ACR000');
  assert.ok(internal, JSON.stringify(findings));
  assert.match(internal.message, /^Internal error: rule ACR903 \(reports-then-throws\) failed on line 3: RangeError: line one \[31mline two\. /);
  assert.equal(internal.range.start.line, 2);
});

test('a throwing parser is reported as ACR000 too, and the file gets no other findings', () => {
  const failures: RuleFailure[] = [];
  const broken: LintLanguage<string[]> = { ...language, parse: () => { throw new Error('parser bug'); } };
  const findings = lintWithLanguage(broken, { fileName: 'Dockerfile', text: 'bad', onRuleError: (failure) => failures.push(failure) });
  assert.deepEqual(findings.map((f) => [f.code, f.message.split('. ')[0], f.data?.rule]), [['ACR000', 'Internal error: the dockerfile parser failed on line 1: parser bug', 'dockerfile-parser']]);
  assert.deepEqual(failures.map((f) => [f.rule, f.line]), [[undefined, 1]]);
});

test('acr-doctor and hadolint directives suppress the next line only', () => {
  assert.equal(lintCodes('# acr-doctor ignore=ACR901\nbad\nbad').length, 1);
  assert.equal(lintCodes('# acr-doctor ignore=forbidden-word\nbad').length, 0, 'rule names work too');
  assert.equal(lintCodes('# hadolint ignore=DL9999\nbad').length, 0, 'mapped hadolint ids work');
  assert.equal(lintCodes('# hadolint ignore=DL3000\nbad').length, 1, 'unrelated hadolint ids do not');
  assert.equal(lintCodes('# acr-doctor ignore=ACR901\n# another comment\nbad').length, 0, 'directives reach past stacked comments');
  assert.equal(lintCodes('  # acr-doctor ignore=ACR123, ACR901\n  bad').length, 0, 'lists and indentation');
});

test('settings turn rules off or change their severity, parse rules included', () => {
  assert.equal(lintCodes('bad', { ACR901: 'off' }).length, 0);
  assert.equal(lintCodes('bad', { 'forbidden-word': 'error' })[0].severity, 'error');
  assert.equal(lintCodes('!!').length, 1);
  assert.equal(lintCodes('!!', { ACR900: 'off' }).length, 0);
});

test('a BOM is not part of the positions', () => {
  const [finding] = lintCodes('\ufeffbad');
  assert.deepEqual(finding.range.start, { line: 0, character: 0 });
});
