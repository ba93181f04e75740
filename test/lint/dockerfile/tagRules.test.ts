import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import { latestTagRule } from '../../../src/core/lint/dockerfile/rules/latestTag';
import { missingTagRule } from '../../../src/core/lint/dockerfile/rules/missingTag';
import { runRuleTests } from './ruleTester';

const HEX64 = '0123456789abcdef'.repeat(4);

runRuleTests(missingTagRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { text: `FROM ubuntu@sha256:${HEX64}\n` },
    { text: 'FROM scratch\n' },
    { text: 'FROM golang:1.22 AS build\nFROM build\n' },
    { name: 'stage names are case-insensitive', text: 'FROM golang:1.22 AS Build\nFROM build\nCOPY --from=BUILD /a /b\n' },
    { name: 'fully a variable without default', text: 'ARG BASE\nFROM $BASE\n' },
    { name: 'tag is a variable without default', text: 'ARG TAG\nFROM ubuntu:$TAG\n' },
    { name: 'invalid references are ACR104 only', text: 'FROM foo//bar\n' },
    { text: 'FROM --platform=$BUILDPLATFORM golang:1.22\n' },
  ],
  invalid: [
    { text: 'FROM ubuntu\n', errors: [{ range: [0, 5, 0, 11], message: ['"ubuntu" has no tag', 'Pin a version tag'], fix: null }] },
    { text: 'FROM localhost:5000/foo\n', errors: [{ range: [0, 5, 0, 23] }] },
    { name: 'from an ARG default', text: 'ARG BASE=ubuntu\nFROM ${BASE} AS base\n', errors: [{ range: [1, 5, 1, 12], message: '"ubuntu" (the value of "${BASE}")' }] },
    { text: 'FROM alpine:3.20\nCOPY --from=nginx /etc/nginx /etc/nginx\n', errors: [{ range: [1, 12, 1, 17] }] },
  ],
});

runRuleTests(latestTagRule, {
  valid: [
    { text: 'FROM ubuntu:22.04\n' },
    { name: 'pinned by digest', text: `FROM ubuntu:latest@sha256:${HEX64}\n` },
    { name: 'tags are case-sensitive', text: 'FROM ubuntu:Latest\n' },
    { text: 'FROM ubuntu\n' },
    { text: 'ARG TAG\nFROM ubuntu:${TAG}\n' },
  ],
  invalid: [
    { text: 'FROM ubuntu:latest\n', errors: [{ range: [0, 12, 0, 18], message: ['"ubuntu:latest"', '"latest" tag', 'Pin a version tag or a digest'] }] },
    { text: 'ARG TAG=latest\nFROM ubuntu:${TAG}\n', errors: [{ range: [1, 5, 1, 18] }] },
    { name: 'also beside an upper-case path (ACR101), so one pass shows both', text: 'FROM Ubuntu:latest\n', errors: [{ range: [0, 12, 0, 18] }] },
    { text: 'FROM alpine:3.20\nRUN --mount=type=bind,from=golang:latest,target=/go true\n', errors: [{ range: [1, 34, 1, 40] }] },
  ],
});

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
