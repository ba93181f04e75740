import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { parseDockerfile } from '../../../src/core/lint/dockerfile/document';
import { lintText, lintWithLanguage } from '../../../src/core/lint/engine';
import type { Range, RuleContext } from '../../../src/core/lint/types';
import { DEFAULT_LINT_SETTINGS } from '../../../src/core/lint/types';
import { LineIndex } from '../../../src/core/text/lineIndex';

const SETTINGS = { ...DEFAULT_LINT_SETTINGS, allowedRegistries: ['*.azurecr.io', 'docker.io'] };

/** Runs every rule directly (a throw fails the test at once, with its stack) and checks every range. */
function checkAllRules(text: string): void {
  const lines = new LineIndex(text);
  const doc = parseDockerfile(text, lines);
  const inside = (range: Range) => {
    const start = lines.offsetAt(range.start);
    const end = lines.offsetAt(range.end);
    assert.ok(start <= end, `range ${JSON.stringify(range)} is reversed`);
    assert.deepEqual(lines.positionAt(start), range.start, `start ${JSON.stringify(range.start)} is outside the text`);
    assert.deepEqual(lines.positionAt(end), range.end, `end ${JSON.stringify(range.end)} is outside the text`);
  };
  for (const rule of dockerfileLanguage.rules) {
    const context: RuleContext = {
      text,
      fileName: 'Dockerfile',
      settings: SETTINGS,
      companions: {},
      lines,
      report(report) {
        inside(report.range);
        for (const fix of report.fixes ?? []) for (const edit of fix.edits) inside(edit.range);
      },
    };
    rule.check(doc, context);
  }
}

const fragment = fc.constantFrom(
  'FROM ', 'FROM --platform=$BUILDPLATFORM ', ' AS ', 'ARG ', 'COPY --from=', 'RUN --mount=type=bind,from=', 'ADD --from=', 'ENV ', '\n', '\r\n', '\\\n', ' ',
  '${BASE}', '$TAG', '${X:-y}', 'BASE=', 'TAG=', '"', "'", '=', ':', '@', '/', '//', 'sha256:', '0123456789abcdef'.repeat(4), 'latest',
  'MyOrg', 'ubuntu', 'MyReg.azurecr.io', 'https://', 'localhost:5000', '[::1]', 'build', 'scratch', 'mcr.microsoft.com/windows/servercore', '#', '# escape=`\n', '`', 'é', '\u{1F600}',
);

test('no Dockerfile rule throws and every range is inside the text, for arbitrary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (text) => checkAllRules(text)), { numRuns: 400 });
});

test('no Dockerfile rule throws and every range is inside the text, for Dockerfile-like fragments', () => {
  fc.assert(fc.property(fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')), (text) => checkAllRules(text)), { numRuns: 1500 });
});

test('no Dockerfile rule throws for arbitrary FROM lines after ARGs', () => {
  const word = fc.string({ maxLength: 40 });
  fc.assert(fc.property(word, word, fc.boolean(), (argValue, image, quote) => {
    const value = quote ? `"${argValue}"` : argValue;
    checkAllRules(`ARG BASE=${value}\nFROM ${image}\nFROM \${BASE}\nCOPY --from=${image} /a /b\n`);
  }), { numRuns: 800 });
});

test('every fix applied alone leaves a reference that the same rule no longer reports', () => {
  const samples = [
    'FROM Ubuntu:22.04\n',
    'ARG BASE=MyOrg/App:1\nFROM ${BASE}\n',
    'FROM MyReg.azurecr.io/Team/App:1\n',
    'FROM https://myreg.azurecr.io/app:1\n',
    'ARG TEAM=Web\nFROM myreg.azurecr.io/${TEAM}/App:1\n',
  ];
  for (const text of samples) {
    const findings = lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text });
    const fixable = findings.filter((f) => f.fixes.length > 0);
    assert.ok(fixable.length > 0, text);
    for (const finding of fixable) {
      const lines = new LineIndex(text);
      const edits = finding.fixes[0].edits.map((e) => ({ offset: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
      let fixed = text;
      for (const edit of edits.sort((a, b) => b.offset - a.offset)) fixed = fixed.slice(0, edit.offset) + edit.newText + fixed.slice(edit.end);
      const after = lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text: fixed });
      assert.ok(!after.some((f) => f.code === finding.code), `${finding.code} still reported after its fix on ${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
    }
  }
});

test('the catalogue wires the Dockerfile language: lintText finds, documents and fixes through it', () => {
  const result = lintText({ fileName: 'build/Dockerfile.prod', text: 'FROM MyReg.azurecr.io/Team/App:latest\n' });
  assert.equal(result.kind, 'dockerfile');
  assert.deepEqual(result.findings.map((f) => f.code), ['ACR102', 'ACR101', 'ACR107']);
  for (const finding of result.findings) assert.match(finding.docs, /#acr10\d$/);
  assert.deepEqual(result.findings.find((f) => f.code === 'ACR102')?.faq, ['F25']);
});

test('a Windows Dockerfile with a backtick escape directive lints without false positives', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\nCOPY --from=mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022 C:\\ps C:\\ps\n';
  const findings = lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text });
  // The floating ltsc2022 image has no foreign layers (since June 2023), so ACR109 is quiet too.
  assert.deepEqual(findings.map((f) => `${f.range.start.line}:${f.code}:${f.severity}`), []);
});

test('COPY --from=NAME names a stage when a stage AS NAME exists, even when its FROM is templated', () => {
  const text = 'FROM {{ .Registry }}/{{ .Image }}:{{ .Tag }} AS build\nFROM myreg.azurecr.io/dotnet/runtime:8.0\nCOPY --from=build /app /app\nCOPY --from=Build /x /x\n';
  const findings = lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text, settings: SETTINGS });
  assert.deepEqual(findings.filter((f) => f.range.start.line > 0).map((f) => `${f.range.start.line}:${f.code}`), []);
});
