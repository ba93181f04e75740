import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { latestTagRule } from '../../src/core/lint/dockerfile/rules/latestTag';
import { runCli } from '../support/cliHarness';

// A shipped rule made to throw for these tests only (restored after): the CLI must not hide it.
let root: string;
const originalCheck = latestTagRule.check;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'acr-doctor-rule-failure-'));
  writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\nFROM ubuntu:latest\n');
  latestTagRule.check = (doc, context) => {
    originalCheck.call(latestTagRule, doc, context);
    throw new TypeError('deliberate failure in a test');
  };
});
after(() => {
  latestTagRule.check = originalCheck;
  rmSync(root, { recursive: true, force: true });
});

test('a rule that throws is printed as ACR000 (report and stderr) and the run exits 2', async () => {
  const run = await runCli(['lint', 'Dockerfile'], { cwd: root });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stdout, /^Dockerfile:2:13 {2}warning .*ACR107$/m, 'the findings made before the throw stand');
  assert.match(run.stdout, /^Dockerfile:2:1 {2}info {2}Internal error: rule ACR107 \(latest-tag\) failed on line 2: TypeError: deliberate failure in a test\. .* {2}ACR000$/m);
  assert.equal(run.stderr, `acr-doctor lint: Dockerfile: Internal error: rule ACR107 (latest-tag) failed on line 2: TypeError: deliberate failure in a test. This is a bug in ACR Doctor, not a problem in this file, and ACR107 may have missed problems here. Please report it with the file (or a shortened copy), or turn ACR107 off until it is fixed.\n`);
});

test('JSON output carries the failed rule in data.rule', async () => {
  const run = await runCli(['lint', 'Dockerfile', '--format', 'json'], { cwd: root });
  assert.equal(run.code, 2);
  const internal = JSON.parse(run.stdout).findings.filter((f: { code: string }) => f.code === 'ACR000');
  assert.deepEqual(internal.map((f: { severity: string; data: unknown }) => [f.severity, f.data]), [['info', { rule: 'ACR107', error: 'TypeError: deliberate failure in a test' }]]);
});
