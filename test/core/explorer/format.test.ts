import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteTime, ClientPool, codeSpan, escapeName, formatDuration, formatSize, isActiveRun, isQuarantined, lockState, nextSteps, relativeTime, runIcon, runTrigger, shortDigest } from '../../../src/core/explorer/index';
import { AuthError, ForbiddenError, NetworkError } from '../../../src/core/registry/index';

test('names with control characters, bidi overrides and look-alikes are shown escaped and flagged', () => {
  assert.deepEqual(escapeName('team/web-app_1.0'), { text: 'team/web-app_1.0', suspicious: false });
  assert.deepEqual(escapeName('evil\x1b[31mred'), { text: 'evil\\x1b[31mred', suspicious: true });
  // Cyrillic "е" (U+0435) imitating Latin "e".
  assert.deepEqual(escapeName('nginx-rel\u0435ase'), { text: 'nginx-rel\\u{435}ase', suspicious: true });
  assert.deepEqual(escapeName('a\u202eb'), { text: 'a\\u{202e}b', suspicious: true });
  assert.deepEqual(escapeName('zero\u200bwidth'), { text: 'zero\\u{200b}width', suspicious: true });
  assert.deepEqual(escapeName('tab\there\n'), { text: 'tab\\x09here\\x0a', suspicious: true });
  // A literal backslash is escaped too, so "\x1b" typed by a registry cannot pass for an escape we made.
  assert.deepEqual(escapeName('a\\x1b'), { text: 'a\\\\x1b', suspicious: true });
});

test('sizes, dates, digests', () => {
  assert.equal(formatSize(999), '999 B');
  assert.equal(formatSize(1500), '1.5 kB');
  assert.equal(formatSize(228_854_998), '229 MB');
  assert.equal(formatSize(undefined), undefined);
  const now = new Date('2025-06-10T12:00:00Z');
  assert.equal(relativeTime('2025-06-10T11:59:50Z', now), 'just now');
  assert.equal(relativeTime('2025-06-10T11:55:00Z', now), '5 minutes ago');
  assert.equal(relativeTime('2025-06-07T12:00:00Z', now), '3 days ago');
  assert.equal(relativeTime('2024-06-10T12:00:00Z', now), '1 year ago');
  assert.equal(relativeTime('2025-06-10T14:00:00Z', now), 'in 2 hours');
  assert.equal(relativeTime('not a date', now), undefined);
  assert.equal(absoluteTime('2025-06-07T12:34:56.789Z'), '2025-06-07 12:34:56 UTC');
  assert.equal(shortDigest(`sha256:${'ab'.repeat(32)}`), 'sha256:abababababab');
});

test('locks and quarantine (FAQ F32, F17)', () => {
  assert.deepEqual(lockState({ deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true }), { locked: false, text: 'unlocked' });
  assert.deepEqual(lockState({ deleteEnabled: false, writeEnabled: false, readEnabled: true, listEnabled: true }), { locked: true, text: 'locked: no delete, no write' });
  assert.equal(lockState(undefined).locked, false);
  assert.equal(isQuarantined('Passed'), false);
  assert.equal(isQuarantined('Pending'), true);
  assert.equal(isQuarantined(undefined), false);
});

test('next steps per error: credentials for a configured registry, sign-in for Azure, the firewall for a named IP', () => {
  const configured = { host: 'r.example', insecureHttp: false, source: 'configured' as const };
  const azure = { host: 'r.azurecr.io', insecureHttp: false, source: 'azure' as const, azure: { subscriptionId: 's', resourceGroup: 'g', name: 'r', id: '/x', sku: 'Premium', location: 'westeurope' } };
  assert.equal(nextSteps(new AuthError('401'), { what: 'x', registry: configured })[0].kind, 'enterCredentials');
  assert.equal(nextSteps(new AuthError('401'), { what: 'x', registry: azure })[0].kind, 'signIn');
  const firewall = new ForbiddenError('403', { clientIp: '203.0.113.7' });
  assert.deepEqual(nextSteps(firewall, { what: 'x', registry: azure })[0], { kind: 'addFirewallRule', title: 'Add 203.0.113.7 to the registry firewall', clientIp: '203.0.113.7' });
  assert.equal(nextSteps(new NetworkError('refused'), { what: 'x', registry: configured })[0].kind, 'runDiagnostics');
});

test('client pool: one client per (login server, identity), case-insensitive host; a sign-in change drops that identity only', () => {
  let created = 0;
  const pool = new ClientPool((host, identity) => ({ host, identity, n: ++created }));
  const a = pool.get('MyReg.azurecr.io', 'azure:alice');
  assert.equal(pool.get('myreg.azurecr.io', 'azure:alice'), a);
  assert.notEqual(pool.get('myreg.azurecr.io', 'azure:bob'), a);
  pool.get('127.0.0.1:5000', 'configured');
  assert.equal(pool.size, 3);
  assert.equal(pool.dropIdentities((identity) => identity.startsWith('azure:')), 2);
  assert.equal(pool.size, 1);
  assert.notEqual(pool.get('myreg.azurecr.io', 'azure:alice'), a, 'a new client after the sign-in change');
  pool.dropHost('127.0.0.1:5000');
  assert.equal(pool.size, 1);
});

test('run durations, triggers and icons', () => {
  assert.equal(formatDuration('2025-01-01T00:00:00Z', '2025-01-01T00:00:45Z'), '45s');
  assert.equal(formatDuration('2025-01-01T00:00:00Z', '2025-01-01T00:03:20Z'), '3m 20s');
  assert.equal(formatDuration('2025-01-01T00:00:00Z', '2025-01-01T02:05:59Z'), '2h 5m');
  assert.equal(formatDuration('2025-01-01T00:00:10Z', '2025-01-01T00:00:00Z'), undefined, 'a finish before the start is not a duration');
  assert.equal(formatDuration(undefined, '2025-01-01T00:00:00Z'), undefined);
  assert.equal(runTrigger({ runId: 'ca1', sourceTrigger: { eventType: 'pullrequest', pullRequestId: '42', branchName: 'main' } }), 'pull request 42 on main');
  assert.equal(runTrigger({ runId: 'ca1', sourceTrigger: { eventType: 'commit', commitId: '0123456789abcdef' } }), 'commit 0123456789');
  assert.equal(runTrigger({ runId: 'ca1', imageUpdateTrigger: { images: [{ registry: 'mcr.microsoft.com', repository: 'dotnet/runtime', tag: '8.0' }] } }), 'base image update: mcr.microsoft.com/dotnet/runtime:8.0');
  assert.equal(runTrigger({ runId: 'ca1', timerTrigger: { timerTriggerName: 'nightly' } }), 'timer nightly');
  assert.equal(runTrigger({ runId: 'ca1', runType: 'QuickBuild' }), 'manual');
  assert.deepEqual(['Succeeded', 'Failed', 'Error', 'Timeout', 'Running', 'Started', 'Queued', 'Canceled', 'Paused', undefined].map(runIcon), ['run-succeeded', 'run-failed', 'run-failed', 'run-failed', 'run-running', 'run-running', 'run-queued', 'run-canceled', 'run-other', 'run-other']);
  assert.deepEqual(['queued', 'Started', 'RUNNING', 'Succeeded', undefined].map(isActiveRun), [true, true, true, false, false]);
});

test('code spans show names literally: no backslashes (md() inside a code span shows them), backticks fenced out', () => {
  assert.equal(codeSpan('registry-rg'), '`registry-rg`');
  assert.equal(codeSpan('team/web_app.1'), '`team/web_app.1`');
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`edge``'), '``` `edge`` ```');
});
