import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { lintWithLanguage } from '../../../src/core/lint/engine';

// Directives and settings on the Dockerfile tag rules (ACR106, ACR107) through the whole language.
const TWO_IMAGES = 'FROM ubuntu:latest\nFROM alpine\n';

test('suppression: "# acr-doctor ignore=ACR107" and "# hadolint ignore=DL3007" on the line above', () => {
  const run = (text: string) => lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text }).map((f) => `${f.range.start.line}:${f.code}`);
  assert.deepEqual(run(TWO_IMAGES), ['0:ACR107', '1:ACR106']);
  assert.deepEqual(run(`# acr-doctor ignore=ACR107\n${TWO_IMAGES}`), ['2:ACR106']);
  assert.deepEqual(run(`# hadolint ignore=DL3007\n${TWO_IMAGES}`), ['2:ACR106']);
  assert.deepEqual(run(`# acr-doctor ignore=latest-tag\n${TWO_IMAGES}`), ['2:ACR106']);
  assert.deepEqual(run(`FROM ubuntu:latest\n# hadolint ignore=DL3006\nFROM alpine\n`), ['0:ACR107']);
  // A directive for another rule suppresses nothing here.
  assert.deepEqual(run(`# hadolint ignore=DL3026\n${TWO_IMAGES}`), ['1:ACR107', '2:ACR106']);
});

test('severity overrides and "off" from settings apply to these rules', () => {
  const findings = lintWithLanguage(dockerfileLanguage, { fileName: 'Dockerfile', text: TWO_IMAGES, settings: { enabledKinds: {}, allowedRegistries: [], rules: { ACR106: 'off', 'latest-tag': 'error' } } });
  assert.deepEqual(findings.map((f) => `${f.code}:${f.severity}`), ['ACR107:error']);
});
