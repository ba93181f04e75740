// net.* against real servers: the ACR-compatible front over docker-registry, a plain docker-registry,
// a closed port, a self-signed TLS listener; DNS answers presented where a name must not resolve.
import { Secret } from '../../../../src/core/secret';
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAllChecks, type RunOptions } from '../../../../src/core/checks/engine';
import type { CheckResult } from '../../../../src/core/checks/types';
import { startDockerRegistry, startCaptureServer, type AcrFrontInternals, type CaptureServer, type RunningRegistry } from '../../../fixtures/registry/index';
import { USER, closedPort, emptySystem, presentedNetwork, startSeededFront, startSelfSignedTls } from '../support';

let front: AcrFrontInternals;
let plain: RunningRegistry;

before(async () => {
  [front, plain] = await Promise.all([startSeededFront(), startDockerRegistry({ auth: 'none' })]);
});
after(async () => {
  await Promise.all([front?.stop(), plain?.stop()]);
});
beforeEach(() => front.clearFaults());

function run(registry: string, extra: Partial<RunOptions> = {}): Promise<Record<string, CheckResult>> {
  return runAllChecks({ target: { registry }, system: emptySystem(), network: presentedNetwork({}), azureUnavailableReason: 'not signed in (test)', ...extra }).then((results) => Object.fromEntries(results.map((r) => [r.id, r])));
}

const FIREWALL_BODY = JSON.stringify({ errors: [{ code: 'DENIED', message: "client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access." }] });

describe('healthy registries', () => {
  test('the ACR front: DNS, TCP, challenge, firewall, throttling, data endpoint and throughput pass', async () => {
    const r = await run(front.host, { credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, target: { registry: front.host, repository: 'app/web', reference: '1.0' }, only: ['net'] });
    for (const id of ['net.dns', 'net.tcp', 'net.challenge', 'net.firewall', 'net.throttling', 'net.data-endpoint']) assert.equal(r[id]?.status, 'pass', `${id}: ${r[id]?.summary}`);
    assert.match(r['net.challenge'].summary, /Bearer challenge: token realm http:\/\/127\.0\.0\.1:\d+\/oauth2\/token/);
    assert.equal(r['net.challenge'].azTitle, 'CONNECTIVITY_CHALLENGE_ERROR');
    assert.equal(r['net.tls'].status, 'skip', 'plain HTTP loopback has no TLS');
    assert.ok(['pass', 'warn'].includes(r['net.throughput'].status), r['net.throughput'].summary);
    assert.ok(typeof r['net.throughput'].evidence?.downloadBytes === 'number' && r['net.throughput'].evidence.downloadBytes >= 300 * 1024);
    assert.match(r['net.throughput'].summary, /upload not measured: opt-in/);
  });

  test('a plain registry answering 200 at /v2/ passes net.challenge and says so; ACR-only checks are not applicable', async () => {
    const r = await run(plain.host, { only: ['net.challenge', 'auth.aad'] });
    assert.equal(r['net.challenge'].status, 'pass');
    assert.match(r['net.challenge'].summary, /200 without credentials: a plain registry/);
    assert.equal(r['auth.aad'].status, 'skip');
    assert.match(r['auth.aad'].summary, /not applicable to a non-ACR registry/);
  });

  test('a 200 at /v2/ from what is an ACR (it serves /acr/v1) is a warning: something else answered', async () => {
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 200, body: '{}' } });
    const r = await run(front.host, { only: ['net.challenge'] });
    assert.equal(r['net.challenge'].status, 'warn');
    assert.match(r['net.challenge'].summary, /something else answered/);
  });

  test('with opt-in, net.throughput measures an upload too', async () => {
    const r = await run(front.host, { credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, target: { registry: front.host, repository: 'app/web', reference: '1.0' }, only: ['net.throughput'], optIn: true });
    assert.ok(['pass', 'warn'].includes(r['net.throughput'].status), r['net.throughput'].summary);
    assert.equal(r['net.throughput'].evidence?.uploadBytes, 1024 * 1024, r['net.throughput'].summary);
  });
});

describe('broken connectivity', () => {
  test('wrong host: DNS fails (CONNECTIVITY_DNS_ERROR) and everything after it is skipped naming net.dns', async () => {
    const network = presentedNetwork({});
    const r = await run('nosuchregistry.azurecr.io', { network });
    assert.equal(r['net.dns'].status, 'fail');
    assert.equal(r['net.dns'].azTitle, 'CONNECTIVITY_DNS_ERROR');
    assert.match(r['net.dns'].summary, /cannot resolve nosuchregistry\.azurecr\.io \(no such host\)/);
    assert.equal(r['net.tcp'].status, 'skip');
    assert.match(r['net.tcp'].summary, /net\.dns failed/);
    assert.match(r['net.challenge'].summary, /net\.tcp was skipped/);
    assert.deepEqual(network.lookups, ['nosuchregistry.azurecr.io'], 'resolved once for the whole run');
  });

  test('a login server that resolves to a private IP is flagged (a private endpoint)', async () => {
    const r = await run('contoso.azurecr.io', { network: presentedNetwork({ 'contoso.azurecr.io': ['10.1.2.3'] }), only: ['net.dns'] });
    assert.equal(r['net.dns'].status, 'warn');
    assert.match(r['net.dns'].summary, /private address 10\.1\.2\.3/);
    assert.deepEqual(r['net.dns'].evidence?.private, ['10.1.2.3']);
  });

  test('a closed port: net.tcp fails with connection refused; the challenge is skipped', async () => {
    const port = await closedPort();
    const r = await run(`127.0.0.1:${port}`, { only: ['net.challenge'] });
    assert.equal(r['net.tcp'].status, 'fail');
    assert.match(r['net.tcp'].summary, /connection refused/);
    assert.deepEqual(r['net.tcp'].evidence?.failed, [`127.0.0.1: ECONNREFUSED`]);
    assert.equal(r['net.challenge'].status, 'skip');
  });

  test('a self-signed certificate fails net.tls (CONNECTIVITY_SSL_ERROR) with the verify error and the chain', async () => {
    const tls = await startSelfSignedTls();
    try {
      const r = await run(`https://127.0.0.1:${tls.port}`, { only: ['net.tls', 'net.challenge'] });
      assert.equal(r['net.tls'].status, 'fail', r['net.tls'].summary);
      assert.equal(r['net.tls'].azTitle, 'CONNECTIVITY_SSL_ERROR');
      assert.match(r['net.tls'].summary, /DEPTH_ZERO_SELF_SIGNED_CERT/);
      assert.match(r['net.tls'].summary, /TLS-intercepting proxy/);
      assert.match(String(r['net.tls'].evidence?.protocol), /^TLSv1\.[23]$/);
      assert.match((r['net.tls'].evidence?.chain as string[])[0], /acr-doctor self-signed/);
      assert.equal(r['net.challenge'].status, 'fail', 'the HTTPS request itself fails too');
    } finally {
      await tls.stop();
    }
  });

  test("a 403 naming the client IP: net.firewall fails with the IP and the command that adds it", async () => {
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 403, headers: { 'content-type': 'application/json' }, body: FIREWALL_BODY } });
    const r = await run(front.host, { only: ['net.firewall', 'net.challenge'] });
    assert.equal(r['net.firewall'].status, 'fail');
    assert.equal(r['net.firewall'].azTitle, 'CONNECTIVITY_FORBIDDEN_ERROR');
    assert.equal(r['net.firewall'].evidence?.clientIp, '203.0.113.7');
    assert.match(r['net.firewall'].summary, /takes a few minutes/);
    assert.ok(r['net.firewall'].fixes?.some((f) => f.kind === 'command' && f.command.includes('network-rule add') && f.command.includes('--ip-address 203.0.113.7')));
    assert.equal(r['net.challenge'].status, 'fail');
  });

  test('429 with Retry-After: net.throttling fails, names the wait, and does not send you to az login', async () => {
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 429, headers: { 'retry-after': '30', 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'Too many requests.' }] }) } });
    const r = await run(front.host, { only: ['net.throttling'] });
    assert.equal(r['net.throttling'].status, 'fail');
    assert.equal(r['net.throttling'].azTitle, 'CONNECTIVITY_TOOMANYREQUESTS_ERROR');
    assert.equal(r['net.throttling'].evidence?.retryAfter, '30');
    assert.match(r['net.throttling'].summary, /Retry after 30 s/);
    assert.match(r['net.throttling'].summary, /not a sign-in problem/);
  });
});

describe('data endpoint', () => {
  let capture: CaptureServer;
  let redirecting: AcrFrontInternals;
  before(async () => {
    capture = await startCaptureServer();
    redirecting = await startSeededFront({ blobRedirectHost: capture.url });
    capture.setUpstream(redirecting.directTarget);
  });
  after(async () => {
    await Promise.all([redirecting?.stop(), capture?.stop()]);
  });

  test('a blob redirect to another host: that host resolves and connects, and no credential followed the redirect', async () => {
    const r = await run(redirecting.host, { credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, target: { registry: redirecting.host, repository: 'app/web', reference: '1.0' }, only: ['net.data-endpoint'] });
    assert.equal(r['net.data-endpoint'].status, 'pass', r['net.data-endpoint'].summary);
    assert.equal(r['net.data-endpoint'].evidence?.dataHost, `${new URL(capture.url).hostname}:${new URL(capture.url).port}`);
    assert.ok(capture.requests.length > 0 && capture.requests.every((q) => q.authorization === undefined));
  });

  test('without a repository net.data-endpoint is skipped with the reason', async () => {
    const r = await run(redirecting.host, { only: ['net.data-endpoint'] });
    assert.equal(r['net.data-endpoint'].status, 'skip');
    assert.match(r['net.data-endpoint'].summary, /needs a repository/);
  });
});
