import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import { formatMessage } from '../../../src/core/lint/finding';
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
  assert.deepEqual(findings.map((f) => f.code), ['ACR901']);
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
