// The panel's message handling with the real engine (stub checks, as the engine tests use) and a
// recording of the editor actions: streaming, re-run of one check and its dependents, cancel, fixes
// looked up by (id, index), a command with a secret refused, the report redacted and escaped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runChecks, selectChecks } from '../../src/core/checks/engine';
import type { Check } from '../../src/core/checks/types';
import { explainText } from '../../src/core/explain/index';
import { DiagnosticsSession, type PanelActions } from '../../src/extension/checks/diagnosticsSession';
import type { ToPage } from '../../src/webview/diagnostics/messages';
import { emptySystem, gate, stubCheck } from '../core/checks/support';

function harness(checks: Check[], options: { run?: boolean } = {}) {
  const posted: ToPage[] = [];
  const actions: string[] = [];
  const copied: string[] = [];
  const recorder: PanelActions = {
    runInTerminal: async (command) => void actions.push(`terminal ${command}`),
    copy: async (text) => void copied.push(text),
    openFile: async (file, line, rule) => void actions.push(`open ${file}:${line} ${rule}`),
    changeSetting: async (setting, value) => void actions.push(`setting ${setting}=${JSON.stringify(value)}`),
    openLink: async (url) => void actions.push(`link ${url}`),
    openRegistry: async (host) => void actions.push(`registry ${host}`),
  };
  const runs: Array<string[] | undefined> = [];
  const session = new DiagnosticsSession({ registry: 'contoso.azurecr.io' }, (m) => posted.push(m), recorder, options.run === false ? undefined : ({ rerun, signal, onEvent }) => {
    runs.push(rerun ? [...rerun.ids] : undefined);
    return { run: runChecks({ target: { registry: 'contoso.azurecr.io' }, checks, system: emptySystem(), signal, onEvent, rerun }), checks: selectChecks(checks) };
  });
  return { session, posted, actions, copied, runs };
}

let runsOfB = 0;
const checks = (): Check[] => [
  stubCheck('net.dns', () => ({ status: 'pass', summary: 'resolves' })),
  stubCheck('net.firewall', () => {
    runsOfB++;
    return {
      status: 'fail',
      summary: `client with IP '198.51.100.4' is not allowed <img src=x onerror=alert(1)>`,
      evidence: { body: 'denied' },
      fixes: [
        { kind: 'command', title: 'Add the IP', command: 'az acr network-rule add --name contoso --ip-address 198.51.100.4' },
        { kind: 'command', title: 'Leaky', command: 'docker login -p password=hunter2secret contoso.azurecr.io' },
        { kind: 'file-edit', title: 'Open', file: '/etc/sysconfig/docker', line: 4, ruleCode: 'ACR401' },
        { kind: 'link', title: 'Docs', url: 'https://aka.ms/acr/errors' },
      ],
    };
  }, { dependsOn: ['net.dns'] }),
  stubCheck('net.challenge', () => ({ status: 'pass', summary: 'challenge ok' }), { dependsOn: ['net.firewall'] }),
  stubCheck('auth.aad', () => ({ status: 'pass', summary: 'aad ok' }), { area: 'auth' }),
];

describe('DiagnosticsSession', () => {
  test('"ready" starts the run; results stream as checks finish, then the counts', async () => {
    const { session, posted } = harness(checks());
    await session.handle({ type: 'ready' });
    assert.equal(posted[0]!.type, 'run-started');
    assert.deepEqual((posted[0] as Extract<ToPage, { type: 'run-started' }>).checks.map((c) => c.id), ['net.dns', 'net.firewall', 'net.challenge', 'auth.aad']);
    const finished = posted.filter((m) => m.type === 'check-finished').map((m) => (m as Extract<ToPage, { type: 'check-finished' }>).result.id);
    assert.deepEqual([...finished].sort(), ['auth.aad', 'net.challenge', 'net.dns', 'net.firewall']);
    assert.ok(posted.findIndex((m) => m.type === 'check-started') > 0, 'started events come after run-started');
    const last = posted.at(-1) as Extract<ToPage, { type: 'run-finished' }>;
    assert.equal(last.type, 'run-finished');
    assert.equal(last.cancelled, false);
    assert.match(last.counts, /2 passed, 0 warnings, 1 failed, 0 errors, 1 skipped/);
  });

  test('re-run this check: it and its dependents run again, the others are kept', async () => {
    const { session, posted, runs } = harness(checks());
    await session.runAll();
    const before = runsOfB;
    posted.length = 0;
    await session.handle({ type: 'rerun', id: 'net.firewall' });
    assert.deepEqual(runs.at(-1), ['net.firewall']);
    assert.equal(runsOfB, before + 1);
    const started = posted.find((m) => m.type === 'run-started') as Extract<ToPage, { type: 'run-started' }>;
    assert.deepEqual(started.rerun.sort(), ['net.challenge', 'net.firewall']);
    assert.ok(!posted.some((m) => m.type === 'check-started' && (m.id === 'net.dns' || m.id === 'auth.aad')), 'net.dns and auth.aad were not run again');
    assert.equal(session.currentResults().length, 4);
    await session.handle({ type: 'rerun', id: 'no.such-check' });
    assert.equal(runs.length, 2, 'an unknown id runs nothing');
  });

  test('fixes are looked up by (id, index) in the host\'s results; the page cannot choose the text', async () => {
    const { session, actions, copied, posted } = harness(checks());
    await session.runAll();
    await session.handle({ type: 'fix', id: 'net.firewall', index: 0, action: 'run' });
    await session.handle({ type: 'fix', id: 'net.firewall', index: 0, action: 'copy' });
    await session.handle({ type: 'fix', id: 'net.firewall', index: 2, action: 'open' });
    await session.handle({ type: 'fix', id: 'net.firewall', index: 3, action: 'link' });
    await session.handle({ type: 'fix', id: 'net.firewall', index: 3, action: 'run' }); // a link cannot be run
    await session.handle({ type: 'fix', id: 'net.firewall', index: 9, action: 'run' }); // no such fix
    await session.handle({ type: 'fix', id: 'net.firewall', index: 0, action: 'run', command: 'rm -rf ~' });
    assert.deepEqual(actions, [
      'terminal az acr network-rule add --name contoso --ip-address 198.51.100.4',
      'open /etc/sysconfig/docker:4 ACR401',
      'link https://aka.ms/acr/errors',
      'terminal az acr network-rule add --name contoso --ip-address 198.51.100.4',
    ]);
    assert.deepEqual(copied, ['az acr network-rule add --name contoso --ip-address 198.51.100.4']);
    // The engine already redacted the password; what is left still looks secret-shaped, so it is refused.
    await session.handle({ type: 'fix', id: 'net.firewall', index: 1, action: 'run' });
    await session.handle({ type: 'fix', id: 'net.firewall', index: 1, action: 'copy' });
    assert.equal(actions.length, 4);
    assert.equal(copied.length, 1);
    assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'error' && /carry a secret/.test(m.text)));
  });

  test('copy report: Markdown with details, HTML escaped, secrets redacted', async () => {
    const { session, copied } = harness(checks());
    await session.runAll();
    await session.handle({ type: 'copy-report' });
    const report = copied[0]!;
    assert.match(report, /^# check-health contoso\.azurecr\.io$/m);
    assert.match(report, /^## net$/m);
    assert.match(report, /\| ✖ FAIL \| `net\.firewall` \| client with IP '198\.51\.100\.4' is not allowed &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(report, /^## Details$/m);
    assert.match(report, /- Add the IP: `az acr network-rule add --name contoso --ip-address 198\.51\.100\.4`/);
    assert.doesNotMatch(report, /hunter2secret/);
    assert.doesNotMatch(report, /<img/);
  });

  test('cancel: the running check stops, the rest are skipped, the page is told', async () => {
    const hold = gate();
    const slow = [stubCheck('net.dns', async (signal) => {
      await Promise.race([hold.promise, new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
      return { status: 'pass', summary: 'late' };
    }), stubCheck('net.tcp', () => ({ status: 'pass', summary: 'x' }), { dependsOn: ['net.dns'] })];
    const { session, posted } = harness(slow);
    const running = session.runAll();
    while (!posted.some((m) => m.type === 'check-started')) await new Promise((r) => setImmediate(r));
    await session.handle({ type: 'cancel' });
    await running;
    hold.open();
    const last = posted.at(-1) as Extract<ToPage, { type: 'run-finished' }>;
    assert.equal(last.type, 'run-finished');
    assert.equal(last.cancelled, true);
    assert.equal(session.isRunning, false);
  });

  test('malformed messages do nothing', async () => {
    const { session, posted, actions } = harness(checks());
    for (const raw of [undefined, 42, { type: 'evil' }, { type: 'fix', id: 'net.firewall' }]) await session.handle(raw);
    assert.deepEqual(posted, []);
    assert.deepEqual(actions, []);
  });
});

describe('DiagnosticsSession explaining an error', () => {
  // As pasted: the firewall 403 (its causes are decided by net.firewall, net.dns, …), with a secret-shaped
  // word and HTML on the line that must not reach the report raw.
  const pasted = `step 1\nError response from daemon: Get "https://contoso.azurecr.io/v2/": denied: client with IP '198.51.100.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access. password=hunter2secret <img src=x>`;
  const explanationOf = (posted: ToPage[]) => posted.filter((m): m is Extract<ToPage, { type: 'explanation' }> => m.type === 'explanation').map((m) => m.explanation);

  test('the explanation is posted when the page is ready, then judged by the run: the verdict names the failing check', async () => {
    const [recognition] = explainText(pasted);
    assert.equal(recognition!.family.id, 'firewall-ip-denied');
    const { session, posted } = harness(checks());
    session.explanation = { recognition: recognition! };
    await session.handle({ type: 'ready' });
    const [first, ...rest] = explanationOf(posted);
    assert.equal(posted[0]!.type, 'explanation', 'shown before the run starts');
    assert.equal(first!.line, 2);
    assert.equal(first!.names, 'contoso.azurecr.io · client IP 198.51.100.4');
    assert.equal(first!.verdict, undefined);
    assert.deepEqual(first!.causes.map((c) => c.checks), recognition!.causes.map((c) => c.checks), 'in the catalogue order before any check ran');
    assert.match(first!.causes[0]!.fix, /198\.51\.100\.4/, 'the next step names the client IP');
    const judged = rest.at(-1)!;
    assert.ok(posted.findIndex((m) => m.type === 'explanation' && m.explanation === judged) < posted.findIndex((m) => m.type === 'run-finished'), 'judged before the run is announced finished');
    assert.equal(judged.causes[0]!.verdict, 'confirmed');
    assert.match(judged.verdict!, /^It is this cause: The client IP named in the message is not in the registry's IP rules, because net\.firewall failed: client with IP '198\.51\.100\.4' is not allowed/);
    assert.deepEqual(judged.causes.map((c) => c.verdict), ['confirmed', 'confirmed', 'undecided', 'undecided']);

    const report = session.report();
    assert.match(report, /^# check-health contoso\.azurecr\.io$/m);
    const section = report.slice(report.indexOf('## Explained error'), report.indexOf('## net'));
    assert.match(section, /^## Explained error \(line 2\): denied: client with IP '…' is not allowed access$/m);
    assert.match(section, /^\*\*Verdict:\*\* It is this cause: The client IP named in the message is not in the registry's IP rules, because net\.firewall failed/m);
    assert.match(section, /^1\. \*\*IT IS THIS\*\*: The client IP named in the message/m);
    assert.match(section, /Next step: az acr network-rule add -n contoso --ip-address 198\.51\.100\.4/);
    assert.ok(report.indexOf('## Explained error') < report.indexOf('## net'), 'the explanation comes before the results');
    assert.doesNotMatch(report, /hunter2secret/);
    // What was pasted stays inside its code block (Markdown shows it as text); nowhere else is there HTML.
    const fenced = /^```\n[^\n]*<img src=x>\n```$/m;
    assert.match(section, fenced);
    assert.doesNotMatch(report.replace(fenced, ''), /<img/);
  });

  test('a re-run shows the causes unjudged while it runs, judged again after', async () => {
    const [recognition] = explainText(pasted);
    const { session, posted } = harness(checks());
    session.explanation = { recognition: recognition! };
    await session.runAll();
    posted.length = 0;
    await session.handle({ type: 'rerun', id: 'net.firewall' });
    const views = explanationOf(posted);
    assert.deepEqual(views.map((v) => v.verdict !== undefined), [false, true]);
  });

  test('a message naming no registry is explained without a run, and the report is the explanation', async () => {
    const [recognition] = explainText("denied: client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.");
    const { session, posted, runs } = harness(checks(), { run: false });
    session.explanation = { recognition: recognition!, notChecked: 'the message names no registry' };
    await session.handle({ type: 'ready' });
    await session.handle({ type: 'rerun-all' });
    assert.deepEqual(runs, []);
    assert.deepEqual(posted.map((m) => m.type), ['explanation']);
    assert.equal(explanationOf(posted)[0]!.notChecked, 'the message names no registry');
    const report = session.report();
    assert.match(report, /^# ACR Doctor: explained error$/m);
    assert.match(report, /^\*\*Verdict:\*\* no check ran: the message names no registry\.$/m);
    assert.match(report, /^Likely causes, most likely first:$/m);
    assert.match(report, /Next step: .*203\.0\.113\.7/);
  });
});
