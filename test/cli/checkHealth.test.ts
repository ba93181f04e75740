// `acr-doctor check-health` end to end through main(), against the ACR-compatible front. No Azure
// sign-in (the harness refuses one), so no request leaves loopback.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AcrFrontInternals } from '../fixtures/registry/index';
import { runCli } from '../support/cliHarness';
import { USER, startSeededFront } from '../core/checks/support';

let front: AcrFrontInternals;
before(async () => {
  front = await startSeededFront();
});
after(async () => {
  await front?.stop();
});
beforeEach(() => front.clearFaults());

const login = (): string[] => ['--username', USER.username, '--password-stdin'];

test('JSON: every check with the documented fields; a healthy registry exits 0; Azure checks say why they skipped', async () => {
  // The machine's own checks (docker, helm, trust) read this host, whatever it has: they are tested with presented machines.
  const run = await runCli(['check-health', front.host, '--repository', 'app/web:1.0', '--format', 'json', '--skip', 'docker,helm,trust', ...login()], { stdin: USER.password });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const report = JSON.parse(run.stdout) as { registry: string; checks: Array<Record<string, unknown>> };
  assert.equal(report.registry, front.host);
  for (const check of report.checks) assert.deepEqual(Object.keys(check).sort(), ['azTitle', 'durationMs', 'evidence', 'faq', 'fixes', 'id', 'status', 'summary', 'title']);
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  assert.equal(byId['repo.tag-exists']?.status, 'pass');
  assert.equal(byId['net.dns']?.azTitle, 'CONNECTIVITY_DNS_ERROR');
  assert.match(String(byId['auth.token-audience']?.summary), /needs Azure sign-in \(not an Azure Container Registry host\)/);
  assert.ok(!run.stdout.includes(USER.password) && !run.stderr.includes(USER.password), 'the password never reaches output');
});

test('text: marks per result as they finish, a summary by area, and exit 1 when a check failed (firewall 403)', async () => {
  front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'DENIED', message: "client with IP '198.51.100.4' is not allowed access." }] }) } });
  const run = await runCli(['check-health', front.host, '--only', 'net'], {});
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /✖ FAIL +net\.firewall +.*198\.51\.100\.4.*\[CONNECTIVITY_FORBIDDEN_ERROR\]/);
  assert.match(run.stdout, /→ Add 198\.51\.100\.4 to the firewall: az acr network-rule add --name 127 --ip-address 198\.51\.100\.4/);
  assert.match(run.stdout, /✔ pass +net\.dns/);
  assert.match(run.stdout, /^net +.*✖ firewall/m);
  assert.match(run.stdout, /\d+ passed, \d+ warnings, [1-9]\d* failed/);
});

test('markdown: a table per area', async () => {
  const run = await runCli(['check-health', front.host, '--only', 'net.challenge', '--format', 'markdown'], {});
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^## net$/m);
  assert.match(run.stdout, /\| ✔ pass \| `net\.challenge` \| 401 with a Bearer challenge/);
});

test('usage errors exit 2: unknown check id, bad format, bad timeout, missing REGISTRY', async () => {
  for (const args of [['--only', 'net.nope'], ['--format', 'yaml'], ['--timeout', '-3'], []]) {
    const run = await runCli(['check-health', ...(args.length ? [front.host, ...args] : [])], {});
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
  }
  const unknown = await runCli(['check-health', front.host, '--skip', 'net.nope'], {});
  assert.match(unknown.stderr, /unknown check id: net\.nope/);
});
