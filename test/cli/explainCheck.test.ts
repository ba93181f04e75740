// `acr-doctor explain --check`: the deciding checks run against the registry the message names (the
// ACR-compatible front over the real docker-registry, or a presented DNS), and the verdict is the cause
// they confirm. No Azure sign-in (the harness refuses one); no request leaves loopback.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AcrFrontInternals } from '../fixtures/registry/index';
import { runCli } from '../support/cliHarness';
import { USER, emptySystem, presentedNetwork, startSeededFront } from '../core/checks/support';

interface Explained {
  messages: Array<{ id: string; causes: Array<{ id: string; verdict?: string; because?: Array<{ id: string; status: string }> }>; checked?: { ran?: string[]; notChecked?: string } }>;
}

let front: AcrFrontInternals;
before(async () => {
  front = await startSeededFront();
});
after(async () => {
  await front?.stop();
});
beforeEach(() => front.clearFaults());

/** Runs explain --check on TEXT with the front's user; the machine is presented empty (its own checks read nothing). */
async function explainChecked(text: string, extra: string[] = [], network = presentedNetwork({})): Promise<Explained> {
  const run = await runCli(['explain', text, '--check', '--format', 'json', '--insecure-http', '--username', USER.username, '--password-stdin', ...extra], {
    stdin: USER.password,
    probes: { system: emptySystem(), network },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!run.stdout.includes(USER.password) && !run.stderr.includes(USER.password), 'the password never reaches output');
  return JSON.parse(run.stdout) as Explained;
}

describe('acr-doctor explain --check picks the cause', () => {
  test('401 on a repository that does not exist: the missing repository, decided by repo.tag-exists', async () => {
    const out = await explainChecked(`Error response from daemon: Head "http://${front.host}/v2/nosuch/app/manifests/v1": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.`);
    const [message] = out.messages;
    assert.equal(message.id, 'unauthorized');
    assert.equal(message.causes[0].id, 'repository-missing');
    assert.equal(message.causes[0].verdict, 'confirmed');
    assert.deepEqual(message.causes[0].because?.map((b) => [b.id, b.status]), [['repo.tag-exists', 'fail']]);
  });

  test('the same 401 on a repository that exists is not the missing repository', async () => {
    const out = await explainChecked(`Error response from daemon: Head "http://${front.host}/v2/app/web/manifests/1.0": unauthorized: authentication required`);
    const missing = out.messages[0].causes.find((c) => c.id === 'repository-missing');
    assert.equal(missing?.verdict, 'ruled-out');
    assert.notEqual(out.messages[0].causes[0].id, 'repository-missing');
  });

  test('401 from a machine with no login for the registry: not logged in, decided by auth.credentials; the repository check cannot tell and decides nothing', async () => {
    const run = await runCli(['explain', `Error response from daemon: Head "http://${front.host}/v2/app/web/manifests/1.0": unauthorized: authentication required`, '--check', '--format', 'json', '--insecure-http'], {
      probes: { system: emptySystem(), network: presentedNetwork({}) },
    });
    assert.equal(run.code, 0, run.stderr);
    const [message] = (JSON.parse(run.stdout) as Explained).messages;
    assert.equal(message.causes[0].id, 'not-logged-in-or-expired');
    assert.equal(message.causes[0].verdict, 'confirmed');
    assert.deepEqual(message.causes[0].because?.map((b) => [b.id, b.status]), [['auth.credentials', 'fail']]);
    const missing = message.causes.find((c) => c.id === 'repository-missing');
    assert.equal(missing?.verdict, 'undecided', 'an inconclusive repo.tag-exists warning confirms nothing');
  });

  test('403 naming the client IP: the IP is not in the rules, decided by net.firewall', async () => {
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'DENIED', message: "client with IP '198.51.100.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access." }] }) } });
    const out = await explainChecked(`Error response from daemon: Get "http://${front.host}/v2/": denied: client with IP '198.51.100.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`);
    const [message] = out.messages;
    assert.equal(message.id, 'firewall-ip-denied');
    assert.equal(message.causes[0].id, 'ip-not-allowed');
    assert.equal(message.causes[0].verdict, 'confirmed');
    assert.ok(message.causes[0].because?.some((b) => b.id === 'net.firewall' && b.status === 'fail'));
  });

  test('429: the tier limit, decided by net.throttling', async () => {
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 429, headers: { 'retry-after': '30', 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'Too many requests.' }] }) } });
    const out = await explainChecked(`Error response from daemon: Get "http://${front.host}/v2/": toomanyrequests: Too many requests. Please visit https://aka.ms/acr/skus#sku-feature-matrix for more information.`);
    const [message] = out.messages;
    assert.equal(message.id, 'too-many-requests');
    assert.equal(message.causes[0].id, 'tier-limit');
    assert.equal(message.causes[0].verdict, 'confirmed');
  });

  test('a DNS failure: the name is wrong, decided by net.dns (DNS presented: the name has no address)', async () => {
    const network = presentedNetwork({});
    const out = await explainChecked('Error response from daemon: Get "https://nosuchreg.azurecr.io/v2/": dial tcp: lookup nosuchreg.azurecr.io on 10.0.0.2:53: no such host', ['--no-azure'], network);
    const [message] = out.messages;
    assert.equal(message.id, 'dns-no-such-host');
    assert.equal(message.causes[0].id, 'wrong-name');
    assert.equal(message.causes[0].verdict, 'confirmed');
    assert.deepEqual(network.lookups, ['nosuchreg.azurecr.io']);
  });

  test('a message about Docker Hub is explained but not checked, and says why', async () => {
    const out = await explainChecked('The push refers to repository [docker.io/library/app]\ndenied: requested access to the resource is denied');
    assert.match(out.messages[0].checked?.notChecked ?? '', /Docker Hub/);
    assert.equal(out.messages[0].causes[0].verdict, undefined);
  });

  test('text output leads with the verdict', async () => {
    const run = await runCli(['explain', `Error response from daemon: Head "http://${front.host}/v2/nosuch/app/manifests/v1": unauthorized: authentication required`, '--check', '--insecure-http', '--username', USER.username, '--password-stdin'], {
      stdin: USER.password,
      probes: { system: emptySystem(), network: presentedNetwork({}) },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}verdict: The repository or tag does not exist/m);
    assert.match(run.stdout, /1\. \[IT IS THIS\] The repository or tag does not exist.*\n {7}repo\.tag-exists fail: /);
  });

  test('--password-stdin cannot share standard input with the text, and registry options need --check', async () => {
    assert.equal((await runCli(['explain', '-', '--check', '--username', 'u', '--password-stdin'], { stdin: 'x' })).code, 2);
    assert.equal((await runCli(['explain', 'text', '--insecure-http'])).code, 2);
  });
});
