import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import Ajv from 'ajv';
import { toJsonReport } from '../../../src/core/lint/report/json';
import type { FileReport } from '../../../src/core/lint/report/model';
import { toSarifReport } from '../../../src/core/lint/report/sarif';
import { toTextReport } from '../../../src/core/lint/report/text';

const require = createRequire(__filename);
// The SARIF 2.1.0 JSON schema, as published by Microsoft in @microsoft/jest-sarif.
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const reports: FileReport[] = [
  {
    file: 'app/Dockerfile',
    kind: 'dockerfile',
    findings: [
      {
        code: 'ACR101',
        severity: 'error',
        message: 'Repository path has upper case.',
        range: { start: { line: 0, character: 5 }, end: { line: 0, character: 10 } },
        docs: 'https://example.invalid/rules.md#acr101',
        faq: ['F33'],
        fixes: [{ title: 'Lowercase', safe: true, edits: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 10 } }, newText: 'myorg' }] }],
      },
      {
        code: 'ACR107',
        severity: 'warning',
        message: 'Pin a tag.',
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } },
        docs: 'https://example.invalid/rules.md#acr107',
        faq: [],
        fixes: [],
      },
    ],
  },
  { file: 'blob.bin', findings: [], notice: 'skipped: binary file.' },
];

test('SARIF output validates against the SARIF 2.1.0 schema and uses 1-based regions', () => {
  const sarif = JSON.parse(toSarifReport(reports, { version: '1.2.3' }));
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The published schema uses draft-04 style `id`; ajv 8 wants `$id`. Rename, nothing else.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  const valid = validate(structuredClone(sarif)); // a clone: the type guard would narrow `sarif` to unknown
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0];
  assert.equal(run.results.length, 2);
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 11 });
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'app/Dockerfile');
  assert.equal(run.results[1].level, 'warning');
  const rule = run.tool.driver.rules[run.results[0].ruleIndex];
  assert.equal(rule.id, 'ACR101', 'ruleIndex points at the rule');
  assert.match(rule.helpUri, /^https:\/\//);
  assert.equal(run.invocations[0].toolExecutionNotifications.length, 1);
});

test('JSON output has the documented shape with 0-based positions', () => {
  const json = JSON.parse(toJsonReport(reports));
  assert.deepEqual(Object.keys(json.findings[0]).sort(), ['code', 'docs', 'file', 'fixes', 'message', 'range', 'severity']);
  assert.deepEqual(json.findings[0].range.start, { line: 0, character: 5 });
  assert.deepEqual(json.findings[0].fixes[0], { title: 'Lowercase', edits: [{ range: reports[0].findings[0].range, newText: 'myorg' }] });
  assert.deepEqual(json.notices, [{ file: 'blob.bin', message: 'skipped: binary file.', ioError: false }]);
});

test('text output is 1-based, says what is fixable and sums up', () => {
  const text = toTextReport(reports);
  assert.match(text, /^app\/Dockerfile:1:6 {2}error {2}Repository path has upper case\. {2}ACR101 \(fixable with --fix\)$/m);
  assert.match(text, /^blob\.bin: skipped: skipped: binary file\.$/m);
  assert.match(text, /2 problems \(1 error, 1 warning, 0 info\)\./);
  assert.match(toTextReport([]), /No problems found\./);
});
