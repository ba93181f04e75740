import { Secret } from '../../../src/core/secret';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks, runAllChecks, selectChecks, unknownCheckIds, type RunOptions } from '../../../src/core/checks/engine';
import type { Check, CheckEvent, CheckResult } from '../../../src/core/checks/types';
import { emptySystem, gate, presentedNetwork, stubCheck } from './support';

const TARGET = { registry: 'myreg.azurecr.io' };

function options(checks: Check[], extra: Partial<RunOptions> = {}): RunOptions {
  return { target: TARGET, checks, system: emptySystem(), network: presentedNetwork({}), ...extra };
}

function byId(results: CheckResult[]): Record<string, CheckResult> {
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

test('a dependency runs before its dependent; results come back in catalogue order', async () => {
  const started: string[] = [];
  const record = (id: string) => async () => {
    started.push(id);
    await new Promise((r) => setTimeout(r, 5));
    return { status: 'pass' as const, summary: `${id} ok` };
  };
  const checks = [stubCheck('net.c', record('net.c'), { dependsOn: ['net.b'] }), stubCheck('net.b', record('net.b'), { dependsOn: ['net.a'] }), stubCheck('net.a', record('net.a'))];
  const results = await runAllChecks(options(checks));
  assert.deepEqual(started, ['net.a', 'net.b', 'net.c']);
  assert.deepEqual(results.map((r) => r.id), ['net.c', 'net.b', 'net.a']);
  assert.ok(results.every((r) => r.status === 'pass'));
});

test('dependents of a failed check are skipped naming it, transitively; independent checks still run', async () => {
  const checks = [
    stubCheck('net.a', () => ({ status: 'fail', summary: 'a is broken' })),
    stubCheck('net.b', () => ({ status: 'pass', summary: 'never' }), { dependsOn: ['net.a'] }),
    stubCheck('net.c', () => ({ status: 'pass', summary: 'never' }), { dependsOn: ['net.b'] }),
    stubCheck('net.d', () => ({ status: 'warn', summary: 'd warns' })),
    stubCheck('net.e', () => ({ status: 'pass', summary: 'e ran' }), { dependsOn: ['net.d'] }),
  ];
  const r = byId(await runAllChecks(options(checks)));
  assert.equal(r['net.b'].status, 'skip');
  assert.match(r['net.b'].summary, /net\.a failed/);
  assert.equal(r['net.c'].status, 'skip');
  assert.match(r['net.c'].summary, /net\.b was skipped/);
  assert.equal(r['net.e'].status, 'pass', 'a warning does not block dependents');
});

test('unmet needs skip with the reason: Azure sign-in, repository, tag, opt-in, non-ACR registry', async () => {
  const ran: string[] = [];
  const ok = (id: string) => () => {
    ran.push(id);
    return { status: 'pass' as const, summary: 'ok' };
  };
  const checks = [
    stubCheck('registry.x', ok('registry.x'), { area: 'registry', needs: ['azure'] }),
    stubCheck('repo.x', ok('repo.x'), { area: 'repo', needs: ['repository'] }),
    stubCheck('repo.y', ok('repo.y'), { area: 'repo', needs: ['tag'] }),
    stubCheck('docker.pull', ok('docker.pull'), { area: 'docker', needs: ['opt-in'] }),
    stubCheck('net.acr-only', ok('net.acr-only'), { needs: ['acr'] }),
  ];
  // 127.0.0.1:9 (discard) is closed: the ACR probe fails, so the registry is not an ACR.
  const r = byId(await runAllChecks(options(checks, { target: { registry: '127.0.0.1:9' }, azureUnavailableReason: 'no credential' })));
  assert.deepEqual(ran, []);
  assert.match(r['registry.x'].summary, /needs Azure sign-in \(no credential\)/);
  assert.match(r['repo.x'].summary, /needs a repository/);
  assert.match(r['repo.y'].summary, /needs a tag/);
  assert.match(r['docker.pull'].summary, /opt-in/);
  assert.match(r['net.acr-only'].summary, /not applicable to a non-ACR registry/);
  assert.ok(Object.values(r).every((x) => x.status === 'skip'));
});

test('a check that ignores its signal and never finishes becomes error at its timeout; the run goes on', async () => {
  const checks = [
    stubCheck('net.hang', () => new Promise(() => undefined), { timeoutMs: 30 }),
    stubCheck('net.after', () => ({ status: 'pass', summary: 'ok' }), { dependsOn: ['net.hang'] }),
    stubCheck('net.other', () => ({ status: 'pass', summary: 'ok' })),
  ];
  const r = byId(await runAllChecks(options(checks)));
  assert.equal(r['net.hang'].status, 'error');
  assert.match(r['net.hang'].summary, /net\.hang did not finish within 30 ms/);
  assert.equal(r['net.after'].status, 'skip');
  assert.match(r['net.after'].summary, /net\.hang could not run/);
  assert.equal(r['net.other'].status, 'pass');
});

test('a throwing check becomes error with its id and message; others are unaffected', async () => {
  const checks = [stubCheck('net.boom', () => Promise.reject(new Error('kaput'))), stubCheck('net.fine', () => ({ status: 'pass', summary: 'ok' }))];
  const r = byId(await runAllChecks(options(checks)));
  assert.equal(r['net.boom'].status, 'error');
  assert.match(r['net.boom'].summary, /net\.boom could not run: kaput/);
  assert.equal(r['net.fine'].status, 'pass');
});

test('cancelling stops running checks (error) and skips the rest; the run resolves', async () => {
  const controller = new AbortController();
  const entered = gate();
  let sawAbort = false;
  const checks = [
    stubCheck('net.long', (signal) => {
      entered.open();
      return new Promise((resolve) => signal.addEventListener('abort', () => {
        sawAbort = true;
        resolve({ status: 'pass', summary: 'late' });
      }));
    }),
    stubCheck('net.next', () => ({ status: 'pass', summary: 'never' }), { dependsOn: ['net.long'] }),
  ];
  const run = runChecks(options(checks, { signal: controller.signal }));
  await entered.promise;
  controller.abort();
  const r = byId(await run.done);
  assert.ok(sawAbort, 'the running check got the abort');
  assert.equal(r['net.long'].status, 'error');
  assert.match(r['net.long'].summary, /cancelled/);
  assert.equal(r['net.next'].status, 'skip');
  assert.match(r['net.next'].summary, /cancelled/);
});

test('results stream as they finish: a fast check is reported while a slow one still runs', async () => {
  const slowGate = gate();
  const checks = [stubCheck('net.slow', async () => (await slowGate.promise, { status: 'pass', summary: 'slow' })), stubCheck('net.fast', () => ({ status: 'pass', summary: 'fast' }))];
  const run = runChecks(options(checks));
  const seen: string[] = [];
  for await (const event of run) {
    if (event.type === 'finished') {
      seen.push(event.result.id);
      if (event.result.id === 'net.fast') slowGate.open();
    }
    if (event.type === 'done') seen.push('done');
  }
  assert.deepEqual(seen, ['net.fast', 'net.slow', 'done']);
});

test('no more than `concurrency` checks run at once, and that many do', async () => {
  let inFlight = 0;
  let peak = 0;
  const checks = Array.from({ length: 9 }, (_, i) =>
    stubCheck(`net.c${i}`, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return { status: 'pass', summary: 'ok' };
    }),
  );
  const results = await runAllChecks(options(checks, { concurrency: 3 }));
  assert.equal(results.length, 9);
  assert.equal(peak, 3);
});

test('re-running one check re-runs it and its dependents only, reusing the other results', async () => {
  const runs: Record<string, number> = {};
  let firewallOpen = false;
  const count = (id: string, outcome: () => { status: 'pass' | 'fail'; summary: string }) => () => {
    runs[id] = (runs[id] ?? 0) + 1;
    return outcome();
  };
  const checks = [
    stubCheck('net.firewall', count('net.firewall', () => (firewallOpen ? { status: 'pass', summary: 'open' } : { status: 'fail', summary: 'blocked' }))),
    stubCheck('auth.token', count('auth.token', () => ({ status: 'pass', summary: 'ok' })), { area: 'auth', dependsOn: ['net.firewall'] }),
    stubCheck('net.dns', count('net.dns', () => ({ status: 'pass', summary: 'ok' }))),
  ];
  const first = await runAllChecks(options(checks));
  assert.equal(byId(first)['auth.token'].status, 'skip');
  firewallOpen = true;
  const events: CheckEvent[] = [];
  const second = await runAllChecks(options(checks, { rerun: { previous: first, ids: ['net.firewall'] }, onEvent: (e) => events.push(e) }));
  assert.deepEqual(runs, { 'net.firewall': 2, 'auth.token': 1, 'net.dns': 1 });
  assert.equal(byId(second)['auth.token'].status, 'pass');
  assert.strictEqual(byId(second)['net.dns'], byId(first)['net.dns'], 'reused, not re-run');
  assert.deepEqual(events.filter((e) => e.type === 'finished').map((e) => (e.type === 'finished' ? e.result.id : '')).sort(), ['auth.token', 'net.firewall']);
});

test('shared facts are computed once per run however many checks ask', async () => {
  let computed = 0;
  const ask = (id: string): Check => ({
    meta: { id, area: 'net', title: id, faq: [] },
    run: async (context) => ({ status: 'pass', summary: String(await context.facts.memo('shared', async () => ++computed)) }),
  });
  const results = await runAllChecks(options([ask('net.a'), ask('net.b'), ask('net.c')]));
  assert.equal(computed, 1);
  assert.deepEqual(results.map((r) => r.summary), ['1', '1', '1']);
});

test('evidence, summaries and fixes are redacted before they are emitted (canary secrets)', async () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ';
  const password = 'CANARY-pass-7d1f';
  const leaky = stubCheck('auth.leaky', () => ({
    status: 'fail',
    summary: `refused with ${password} and Authorization: Bearer ${jwt}`,
    evidence: { token: 'CANARY-plain-token', nested: { refresh_token: 'CANARY-rt', note: `body {"access_token":"CANARY-at"}` }, list: [`password=CANARY-form`, jwt], control: 'a\u001b[31mred' },
    fixes: [{ kind: 'command', title: 'log in', command: `docker login -p ${password} myreg.azurecr.io` }],
  }), { area: 'auth' });
  const events: CheckEvent[] = [];
  const results = await runAllChecks(options([leaky], { credential: { kind: 'basic', username: 'u', password: new Secret(password) }, onEvent: (e) => events.push(e) }));
  const emitted = JSON.stringify(events) + JSON.stringify(results);
  for (const canary of [password, jwt, 'CANARY-plain-token', 'CANARY-rt', 'CANARY-at', 'CANARY-form']) assert.ok(!emitted.includes(canary), `${canary} leaked`);
  assert.ok(!emitted.includes('\\u001b'), 'control characters stripped');
  assert.match(results[0].summary, /\[redacted\]/);
});

test('--only pulls in what the chosen checks depend on; --skip leaves a check out and its dependents say why', async () => {
  const pass = () => ({ status: 'pass' as const, summary: 'ok' });
  const checks = [stubCheck('net.dns', pass), stubCheck('net.tcp', pass, { dependsOn: ['net.dns'] }), stubCheck('net.tls', pass, { dependsOn: ['net.tcp'] }), stubCheck('auth.aad', pass, { area: 'auth' })];
  assert.deepEqual(selectChecks(checks, ['net.tcp']).map((c) => c.meta.id), ['net.dns', 'net.tcp']);
  assert.deepEqual(selectChecks(checks, ['net']).map((c) => c.meta.id), ['net.dns', 'net.tcp', 'net.tls']);
  assert.deepEqual(unknownCheckIds(checks, ['net.tcp', 'nope.x']), ['nope.x']);
  const r = byId(await runAllChecks(options(checks, { skip: ['net.tcp'] })));
  assert.match(r['net.tcp'].summary, /--skip/);
  assert.match(r['net.tls'].summary, /net\.tcp was skipped/);
  assert.equal(r['auth.aad'].status, 'pass');
});
