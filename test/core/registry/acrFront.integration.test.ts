/**
 * The registry client against the ACR front (real docker-registry in token
 * mode behind it): auth flows, cleanup end to end, and injected faults.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CancelledError } from '../../../src/core/errors';
import { createMemoryLogger } from '../../../src/core/log';
import { Secret } from '../../../src/core/secret';
import {
  AuthError,
  CleanupPlanner,
  DigestMismatchError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  OperationDisallowedError,
  ProtocolError,
  RedirectRefusedError,
  RegistryClient,
  ResponseTooLargeError,
  ServerError,
  ThrottledError,
  TimeoutError,
  executeCleanup,
  type ManifestInfo,
  type RegistryCredential,
} from '../../../src/core/registry';
import { MEDIA, pushImage, pushIndex, putManifest, tag as tagManifest, startAcrFront, startCaptureServer, targetFor, type AcrFrontInternals, type CaptureServer, type SeedTarget } from '../../fixtures/registry/index';

const admin = { username: 'front-admin', password: `pw-${randomBytes(12).toString('hex')}` };
const aadToken = `aad-${randomBytes(16).toString('hex')}`;
const tenant = '11111111-2222-3333-4444-555555555555';

let front: AcrFrontInternals;
let capture: CaptureServer;
let t: SeedTarget;
const logger = createMemoryLogger('trace');
/** Everything secret the client handled; none may reach a log line or an error message. */
const secrets = [admin.password, Buffer.from(`${admin.username}:${admin.password}`).toString('base64'), aadToken];

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ registry: front.host, credential: { kind: 'basic', username: admin.username, password: new Secret(admin.password) }, logger, retryBaseDelayMs: 5, ...extra });

const requestsTo = (pattern: RegExp, from = 0) => front.requests.slice(from).filter((r) => pattern.test(r.path));

before(async () => {
  front = await startAcrFront({ users: [admin], entraTokens: { [aadToken]: { tenant, oid: 'object-1' } } });
  capture = await startCaptureServer();
  t = targetFor(front);
  for (let i = 0; i < 5; i++) await pushImage(t, `page/repo-${i}`, { tag: 'v1', layers: [Buffer.from(`page ${i}`)] });
});
after(async () => {
  await capture?.stop();
  await front?.stop();
});

describe('auth flows', () => {
  test('20 concurrent calls on a fresh client cause exactly one token request', async () => {
    const fresh = client();
    const start = front.requests.length;
    const results = await Promise.all(Array.from({ length: 20 }, () => fresh.getManifest('page/repo-0', 'v1')));
    assert.equal(new Set(results.map((r) => r.digest)).size, 1);
    assert.equal(requestsTo(/^\/oauth2\/token/, start).length, 1);
    assert.equal(fresh.tokenRequestCount, 1);
    // And the token is reused afterwards, sent up front (no further 401).
    const again = front.requests.length;
    await fresh.getManifest('page/repo-0', 'v1');
    assert.deepEqual(front.requests.slice(again).map((r) => r.status), [200]);
  });

  test('Entra ID: one /oauth2/exchange, then one /oauth2/token per scope', async () => {
    let aadCalls = 0;
    const credential: RegistryCredential = {
      kind: 'aad',
      getAadToken: async () => {
        aadCalls++;
        return { token: new Secret(aadToken), tenantId: tenant };
      },
    };
    const start = front.requests.length;
    const aad = client({ credential });
    const repos: string[] = [];
    for await (const repo of aad.repositories()) repos.push(repo);
    assert.ok(repos.includes('page/repo-0'));
    await aad.getManifest('page/repo-1', 'v1');
    await aad.getManifest('page/repo-2', 'v1');
    assert.equal(requestsTo(/^\/oauth2\/exchange/, start).length, 1);
    assert.equal(aadCalls, 1);
    // catalog, repo-1 pull, repo-2 pull
    assert.equal(requestsTo(/^\/oauth2\/token/, start).length, 3);
  });

  test('ACR refresh token credential', async () => {
    const exchange = await fetch(`${front.url}/oauth2/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'access_token', service: front.loginServerName, tenant, access_token: aadToken }).toString(),
    });
    const { refresh_token: refreshToken } = (await exchange.json()) as { refresh_token: string };
    secrets.push(refreshToken);
    const viaRefresh = client({ credential: { kind: 'refresh-token', refreshToken: new Secret(refreshToken) } });
    assert.equal((await viaRefresh.getManifest('page/repo-3', 'v1')).mediaType, MEDIA.ociManifest);
  });

  test('loginCredential: an Entra sign-in gives the refresh token of one exchange, which logs in as docker login would', async () => {
    const aad = client({ credential: { kind: 'aad', getAadToken: async () => ({ token: new Secret(aadToken), tenantId: tenant }) } });
    const start = front.requests.length;
    const login = await aad.loginCredential();
    assert.ok(login, 'an Entra sign-in has a login');
    assert.equal(login.username, '00000000-0000-0000-0000-000000000000');
    assert.equal(String(login.password), '[redacted]');
    secrets.push(login.password.reveal());
    assert.equal(requestsTo(/^\/oauth2\/exchange/, start).length, 1);
    // The Basic login docker would send (username + refresh token) is accepted by the token service.
    const asDocker = client({ credential: { kind: 'basic', username: login.username, password: login.password } });
    assert.equal((await asDocker.getManifest('page/repo-2', 'v1')).mediaType, MEDIA.ociManifest);
    // Asked again: the cached refresh token, no second exchange.
    await aad.loginCredential();
    assert.equal(requestsTo(/^\/oauth2\/exchange/, start).length, 1);
  });

  test('loginCredential: the Basic credential as held; anonymous has none', async () => {
    const login = await client().loginCredential();
    assert.equal(login?.username, admin.username);
    assert.equal(login?.password.reveal(), admin.password);
    assert.equal(await client({ credential: { kind: 'anonymous' } }).loginCredential().catch(() => 'refused'), undefined);
  });

  test('tagDetails of many tags on ACR reads the tag listing, not one request per tag', async () => {
    const repo = 'page/many-tags';
    const image = await pushImage(t, repo, { tag: 't00', layers: [Buffer.from('many tags')] });
    const names = Array.from({ length: 20 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.size, platform: { os: 'linux', architecture: 'amd64' } }] }));
    for (const name of names.slice(1)) await putManifest(t, repo, body, MEDIA.ociIndex, name);
    const start = front.requests.length;
    const details = await client().tagDetails(repo, names);
    assert.deepEqual(details.map((d) => d.name), names);
    assert.equal(details[0].digest, image.digest);
    assert.ok(details.every((d) => d.createdTime && d.changeableAttributes));
    assert.equal(requestsTo(/^\/acr\/v1\/page\/many-tags\/_tags\//, start).length, 0, 'no per-tag requests');
  });

  test('traceRequests false: no request lines are formatted', async () => {
    const quiet = createMemoryLogger('trace');
    await client({ logger: quiet, traceRequests: false }).getManifest('page/repo-0', 'v1');
    assert.deepEqual(quiet.lines.filter((line) => line.includes('HTTP ')), []);
  });

  test('wrong password: AuthError with a hint, and the password appears nowhere', async () => {
    const wrong = 'definitely-wrong-password-123';
    secrets.push(wrong);
    await assert.rejects(client({ credential: { kind: 'basic', username: admin.username, password: new Secret(wrong) } }).getManifest('page/repo-0', 'v1'), (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.status, 401);
      assert.match(error.hint ?? '', /username and password/);
      assert.ok(!error.toUserMessage().includes(wrong));
      return true;
    });
  });

  test('unknown Entra token: AuthError from the exchange', async () => {
    const bad = client({ credential: { kind: 'aad', getAadToken: async () => ({ token: new Secret('not-a-known-aad-token') }) } });
    await assert.rejects(bad.getManifest('page/repo-0', 'v1'), (error: unknown) => error instanceof AuthError && /role/.test(error.hint ?? ''));
  });

  test('anonymous where anonymous pull is off: AuthError saying credentials are needed', async () => {
    await assert.rejects(client({ credential: { kind: 'anonymous' } }).getManifest('page/repo-0', 'v1'), (error: unknown) => error instanceof AuthError && /needs credentials/.test(error.hint ?? ''));
  });
});

describe('cleanup end to end', () => {
  const repo = 'clean/app';
  const expected = { keep: new Set<string>(), remove: new Set<string>() };
  let locked = '';

  before(async () => {
    const img = (name: string, extra: Parameters<typeof pushImage>[2] = {}) => pushImage(t, repo, { layers: [Buffer.from(`${repo} ${name}`)], ...extra });
    const amd = await img('amd64', { architecture: 'amd64' });
    const arm = await img('arm64', { architecture: 'arm64' });
    const index = await pushIndex(t, repo, [
      { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
      { ...arm, platform: { os: 'linux', architecture: 'arm64' } },
    ], 'latest');
    // Nested: tagged index → untagged index → untagged platform manifest.
    const deep = await img('deep', { architecture: 'riscv64' });
    const inner = await pushIndex(t, repo, [{ ...deep, platform: { os: 'linux', architecture: 'riscv64' } }]);
    const outer = await putManifest(t, repo, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [{ mediaType: MEDIA.ociIndex, digest: inner.digest, size: inner.size }] })), MEDIA.ociIndex, 'nested');
    // Tagged image with a signature, and a signature of the signature.
    const v1 = await img('v1', { tag: 'v1' });
    const sig = await img('sig', { artifactType: 'application/vnd.cncf.notary.signature', subject: { digest: v1.digest, mediaType: v1.mediaType, size: v1.size } });
    const sigOfSig = await img('sig2', { artifactType: 'application/example.countersign', subject: { digest: sig.digest, mediaType: sig.mediaType, size: sig.size } });
    // Orphans: re-tagged away (with its own signature), pushed by digest, an untagged index with its child.
    const old = await img('old', { tag: 'v2' });
    const oldSig = await img('old-sig', { artifactType: 'application/vnd.cncf.notary.signature', subject: { digest: old.digest, mediaType: old.mediaType, size: old.size } });
    const v2 = await img('new', { tag: 'v2' });
    const loose = await img('loose');
    const orphanChild = await img('orphan-child');
    const orphanIndex = await pushIndex(t, repo, [{ ...orphanChild, platform: { os: 'linux', architecture: 'amd64' } }]);
    const lockedImage = await img('locked');
    front.lock(repo, lockedImage.digest, { deleteEnabled: false });
    locked = lockedImage.digest;
    for (const m of [amd, arm, index, deep, inner, outer, v1, sig, sigOfSig, v2, lockedImage]) expected.keep.add(m.digest);
    for (const m of [old, oldSig, loose, orphanChild, orphanIndex]) expected.remove.add(m.digest);
  });

  test('plan, dry run, then delete: tags and everything they need survive; only true orphans go', async () => {
    const c = client();
    const list = async () => {
      const all: ManifestInfo[] = [];
      for await (const m of c.manifests(repo)) all.push(m);
      return all;
    };
    const before = await list();
    assert.equal(before.length, expected.keep.size + expected.remove.size);
    const tagsBefore = new Map<string, string>();
    for await (const tag of c.tags(repo)) tagsBefore.set(tag.name, tag.digest ?? '');

    const plan = new CleanupPlanner().plan(before);
    assert.deepEqual(new Set(plan.filter((d) => d.action === 'delete').map((d) => d.digest)), expected.remove);
    assert.match(plan.find((d) => d.digest === locked)?.reason ?? '', /locked/);
    for (const decision of plan) assert.ok(decision.reason.length > 5, decision.digest);

    const dry = await executeCleanup(c, repo, plan, { dryRun: true });
    assert.deepEqual(dry.deleted, []);
    assert.equal(dry.planned.length, expected.remove.size);
    assert.equal((await list()).length, before.length, 'a dry run deletes nothing');

    const progress: number[] = [];
    const result = await executeCleanup(c, repo, plan, { dryRun: false, onProgress: (done) => progress.push(done) });
    assert.deepEqual(result.failed, []);
    assert.deepEqual(new Set(result.deleted), expected.remove);
    assert.equal(progress.at(-1), expected.remove.size);

    const after = await list();
    assert.deepEqual(new Set(after.map((m) => m.digest)), expected.keep);
    for (const [tag, digest] of tagsBefore) assert.equal((await c.getManifest(repo, tag)).digest, digest, `tag ${tag} still resolves to the same digest`);
    for (const m of after) {
      for (const child of m.references) assert.equal((await c.getManifest(repo, child)).digest, child, `child ${child} of ${m.digest}`);
      if (m.subject) assert.ok(after.some((s) => s.digest === m.subject), `subject of referrer ${m.digest}`);
    }
    for (const gone of expected.remove) await assert.rejects(c.getManifest(repo, gone), NotFoundError);
    assert.equal((await c.getManifest(repo, locked)).digest, locked, 'the locked orphan stays');
  });

  test('executeCleanup: when an index cannot be deleted, its children are skipped, not orphaned', async () => {
    const repoName = 'clean/skip';
    const child = await pushImage(t, repoName, { layers: [Buffer.from('skip child')] });
    const parent = await pushIndex(t, repoName, [{ ...child, platform: { os: 'linux', architecture: 'amd64' } }]);
    front.lock(repoName, parent.digest, { deleteEnabled: false });
    // A plan as a stale or hand-made one could be: both marked for deletion, child after parent.
    const plan = [
      { digest: parent.digest, action: 'delete' as const, reason: 'test' },
      { digest: child.digest, action: 'delete' as const, reason: 'test', deleteAfter: [parent.digest] },
    ];
    const result = await executeCleanup(client(), repoName, plan, { dryRun: false, recheck: false });
    assert.deepEqual(result.deleted, []);
    assert.deepEqual(result.failed.map((f) => [f.digest, f.error.name]), [
      [parent.digest, 'OperationDisallowedError'],
      [child.digest, 'RegistryError'],
    ]);
    assert.match(result.failed[1].error.message, /still references it/);
    assert.equal((await client().getManifest(repoName, child.digest)).digest, child.digest, 'the child of the surviving index is still there');
  });

  test('executeCleanup re-checks on ACR: an orphan tagged or locked after planning is skipped', async () => {
    const repoName = 'clean/race';
    const retagged = await pushImage(t, repoName, { layers: [Buffer.from('race retagged')] });
    const lockedLater = await pushImage(t, repoName, { layers: [Buffer.from('race locked')] });
    const plain = await pushImage(t, repoName, { layers: [Buffer.from('race plain')] });
    const listed: ManifestInfo[] = [];
    for await (const m of client().manifests(repoName)) listed.push(m);
    const plan = new CleanupPlanner().plan(listed);
    assert.equal(plan.filter((d) => d.action === 'delete').length, 3);
    await tagManifest(t, repoName, retagged.digest, 'pushed-meanwhile');
    front.lock(repoName, lockedLater.digest, { writeEnabled: false });
    const result = await executeCleanup(client(), repoName, plan, { dryRun: false });
    assert.deepEqual(result.deleted, [plain.digest]);
    assert.deepEqual(
      new Map(result.failed.map((f) => [f.digest, f.error.message])),
      new Map([
        [retagged.digest, `Skipped ${retagged.digest}: it is now tagged pushed-meanwhile, so the plan no longer applies.`],
        [lockedLater.digest, `Skipped ${lockedLater.digest}: it is now locked (writeEnabled: false), so the plan no longer applies.`],
      ]),
    );
    assert.equal((await client().getManifest(repoName, 'pushed-meanwhile')).digest, retagged.digest);
  });

  test('deleting a locked manifest directly is an OperationDisallowedError pointing at F32', async () => {
    await assert.rejects(client().deleteManifest(repo, locked), (error: unknown) => error instanceof OperationDisallowedError && /F32/.test(error.hint ?? ''));
  });
});

describe('faults', () => {
  const listAll = async (c: RegistryClient, pageSize = 2) => {
    const names: string[] = [];
    for await (const repo of c.repositories({ pageSize })) names.push(repo);
    return names;
  };
  const retryLines = (memory: { lines: string[] }) => memory.lines.filter((line) => line.includes('HTTP retry'));

  test('429 with Retry-After in seconds: waits that long, then succeeds', async () => {
    const memory = createMemoryLogger('trace');
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/', respond: { status: 429, headers: { 'retry-after': '1' }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' } });
    const manifest = await client({ logger: memory }).getManifest('page/repo-0', 'v1');
    assert.ok(manifest.digest.startsWith('sha256:'));
    assert.deepEqual(retryLines(memory).map((l) => /in (\d+) ms \(status 429\)/.exec(l)?.[1]), ['1000']);
  });

  // Before issue 8 a huge Retry-After was capped (maxRetryAfterMs) and retried; now it exceeds the retry budget and gives up at once.
  test('429 with Retry-After as an HTTP date is honoured; a Retry-After beyond the retry budget gives up at once', async () => {
    const memory = createMemoryLogger('trace');
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-1/manifests/', respond: { status: 429, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } } });
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-1/manifests/', respond: { status: 503, headers: { 'retry-after': '3600' } } });
    await assert.rejects(client({ logger: memory, maxRetryWaitMs: 5_000 }).getManifest('page/repo-1', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ThrottledError, String(error));
      assert.equal(error.code, 'REGISTRY_THROTTLED_TOO_LONG');
      assert.match(error.message, /Retry-After: 3600\)/);
      return true;
    });
    const delays = retryLines(memory).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
    assert.equal(delays.length, 1, 'no wait for the 3600 s one');
    assert.ok(delays[0] > 0 && delays[0] <= 2000, `date-based delay: ${delays[0]}`);
    front.clearFaults();
  });

  test('429 that outlasts the retries: ThrottledError with the retry hint', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-2/manifests/', times: 3, respond: { status: 429, headers: { 'retry-after': '0' }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"too many requests"}]}' } });
    await assert.rejects(client({ maxRetries: 2 }).getManifest('page/repo-2', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ThrottledError, String(error));
      assert.equal(error.registryCode, 'TOOMANYREQUESTS');
      assert.match(error.message, /too many requests/);
      return true;
    });
    front.clearFaults();
  });

  test('500 is not retried: one request, ServerError with the server message', async () => {
    const start = front.requests.length;
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-3/manifests/', respond: { status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"storage backend exploded"}]}' } });
    const c = client();
    await c.getManifest('page/repo-4', 'v1'); // auth warmed up: the next request is the faulted one only
    const before = front.requests.length;
    await assert.rejects(c.getManifest('page/repo-3', 'v1'), (error: unknown) => error instanceof ServerError && error.status === 500 && /storage backend exploded/.test(error.message));
    assert.equal(requestsTo(/^\/v2\/page\/repo-3\/manifests/, before).length, 1);
    assert.ok(front.requests.length > start);
  });

  test('502/503/504 are retried with backoff for GET', async () => {
    const before = front.requests.length;
    for (const status of [502, 503, 504]) front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-3/manifests/', respond: { status } });
    const c = client();
    assert.ok((await c.getManifest('page/repo-3', 'v1')).digest);
    assert.deepEqual(requestsTo(/^\/v2\/page\/repo-3\/manifests/, before).map((r) => r.status).filter((s) => s !== 401), [502, 503, 504, 200]);
  });

  test('DELETE is retried on 429 only; POST is never retried', async () => {
    const digest = (await pushImage(t, 'page/deletable', { layers: [Buffer.from('deletable')] })).digest;
    const c = client();
    await c.getManifest('page/deletable', digest);
    front.addFault({ method: 'DELETE', pathPrefix: '/v2/page/deletable/manifests/', respond: { status: 503 } });
    await assert.rejects(c.deleteManifest('page/deletable', digest), ServerError);
    front.addFault({ method: 'DELETE', pathPrefix: '/v2/page/deletable/manifests/', respond: { status: 429, headers: { 'retry-after': '0' } } });
    await c.deleteManifest('page/deletable', digest);
    await assert.rejects(c.getManifest('page/deletable', digest), NotFoundError);

    const before = front.requests.length;
    front.addFault({ method: 'POST', pathPrefix: '/oauth2/exchange', respond: { status: 503 } });
    const aad = client({ credential: { kind: 'aad', getAadToken: async () => ({ token: new Secret(aadToken), tenantId: tenant }) } });
    await assert.rejects(aad.getManifest('page/repo-0', 'v1'), ServerError);
    assert.equal(requestsTo(/^\/oauth2\/exchange/, before).length, 1);
  });

  test('a connection dropped mid-listing is retried and the listing completes', async () => {
    const expected = await listAll(client());
    const before = front.requests.length;
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/_catalog\?.*last=/, respond: { drop: true } });
    assert.deepEqual(await listAll(client()), expected);
    assert.ok(requestsTo(/^\/v2\/_catalog/, before).length >= expected.length / 2 + 1);
  });

  test('a connection that keeps dropping: NetworkError after the retries, no hang', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/_catalog', times: 3, respond: { drop: true } });
    await assert.rejects(listAll(client({ maxRetries: 2 })), NetworkError);
    front.clearFaults();
  });

  test('a Link that repeats the same page: ProtocolError after the first page', async () => {
    const c = client();
    await listAll(c); // authenticated already: the fault hits the real page, not a 401
    front.addFault({ method: 'GET', pathPrefix: '/v2/_catalog', respond: { repeatLink: true } });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const repo of c.repositories({ pageSize: 2 })) seen.push(repo);
      })(),
      (error: unknown) => error instanceof ProtocolError && /same next-page link/.test(error.message),
    );
    assert.equal(seen.length, 2);
  });

  test('malformed JSON: ProtocolError with a hint', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/_catalog', respond: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"repositories": ["a",' } });
    await assert.rejects(listAll(client()), (error: unknown) => error instanceof ProtocolError && /malformed JSON/.test(error.message) && !!error.hint);
  });

  test('a 50 MB body where a small JSON is expected: ResponseTooLargeError', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/_catalog', respond: { bodyBytes: 50 * 1024 * 1024 } });
    await assert.rejects(listAll(client()), (error: unknown) => error instanceof ResponseTooLargeError && error.limitBytes === 8 * 1024 * 1024);
  });

  // Before issue 8 this redirect was followed (without Authorization) and the other host's answer used; now nothing reaches it.
  test('an API call redirected to another host: RedirectRefusedError, nothing sent there', async () => {
    const c = client();
    await c.getManifest('page/repo-0', 'v1');
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/', respond: { redirectTo: `${capture.url}/v2/page/repo-0/manifests/v1` } });
    const before = capture.requests.length;
    await assert.rejects(c.getManifest('page/repo-0', 'v1'), (error: unknown) => error instanceof RedirectRefusedError && error.code === 'REGISTRY_REDIRECT_OTHER_HOST');
    assert.deepEqual(capture.requests.slice(before), [], 'no request (so no Authorization) reaches the other host');
  });

  test('a redirect loop: RedirectRefusedError', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/', times: 10, respond: { redirectTo: `${front.url}/v2/page/repo-0/manifests/v1` } });
    await assert.rejects(client().getManifest('page/repo-0', 'v1'), RedirectRefusedError);
    front.clearFaults();
  });

  test('a firewall 403 naming the client IP: ForbiddenError with that IP and F07', async () => {
    front.addFault({
      method: 'GET',
      pathPrefix: '/v2/page/repo-0/manifests/',
      respond: { status: 403, body: `{"errors":[{"code":"DENIED","message":"client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}` },
    });
    await assert.rejects(client().getManifest('page/repo-0', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ForbiddenError, String(error));
      assert.equal(error.clientIp, '203.0.113.7');
      assert.equal(error.registryCode, 'DENIED');
      assert.match(error.hint ?? '', /203\.0\.113\.7.*F07/);
      return true;
    });
  });

  test('Docker-Content-Digest disagreeing with the body: DigestMismatchError', async () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { mediaType: MEDIA.ociConfig, digest: `sha256:${'2'.repeat(64)}`, size: 2 }, layers: [] });
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/', respond: { status: 200, headers: { 'content-type': MEDIA.ociManifest, 'docker-content-digest': `sha256:${'3'.repeat(64)}` }, body } });
    await assert.rejects(client().getManifest('page/repo-0', 'v1'), DigestMismatchError);
    const digest = `sha256:${'4'.repeat(64)}`;
    front.addFault({ method: 'GET', pathPrefix: `/v2/page/repo-0/manifests/${digest}`, respond: { status: 200, headers: { 'content-type': MEDIA.ociManifest }, body } });
    await assert.rejects(client().getManifest('page/repo-0', digest), (error: unknown) => error instanceof DigestMismatchError && error.expected === digest);
  });

  test('a legacy schema-1 manifest is not mistaken for a digest mismatch', async () => {
    const body = JSON.stringify({ schemaVersion: 1, name: 'page/repo-0', tag: 'old', fsLayers: [], signatures: [] });
    const headerDigest = `sha256:${'5'.repeat(64)}`;
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/old', respond: { status: 200, headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'docker-content-digest': headerDigest }, body } });
    const manifest = await client().getManifest('page/repo-0', 'old');
    assert.equal(manifest.digest, headerDigest);
    assert.equal(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v1+prettyjws');
  });

  test('cancellation during a retry wait: CancelledError, promptly', async () => {
    front.addFault({ method: 'GET', pathPrefix: '/v2/page/repo-0/manifests/', respond: { status: 429, headers: { 'retry-after': '30' } } });
    const controller = new AbortController();
    const pending = client({ maxRetryWaitMs: 60_000, requestTimeoutMs: 60_000 }).getManifest('page/repo-0', 'v1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, CancelledError);
    front.clearFaults();
  });

  test('no log line and no error message carries a secret', () => {
    assert.ok(logger.lines.length > 50);
    for (const line of logger.lines) {
      for (const secret of secrets) assert.ok(!line.includes(secret), `secret in log line: ${line.slice(0, 160)}`);
      assert.doesNotMatch(line, /eyJ[A-Za-z0-9_-]{10,}\./, 'no JWT in the log');
    }
  });
});

describe('servers that misbehave below HTTP', () => {
  let server: Server;
  let host = '';
  let bytesSent = 0;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/v2/_catalog')) {
        // 50 MB without Content-Length (chunked): the client must stop reading early.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            bytesSent = sent;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => undefined);
        pump();
        return;
      }
      if (req.url?.startsWith('/v2/hang')) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('a chunked 50 MB body: ResponseTooLargeError without reading it all', async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, maxBodyBytes: 1024 * 1024 });
    await assert.rejects((async () => {
      for await (const _ of c.repositories()) void _;
    })(), ResponseTooLargeError);
    assert.ok(bytesSent < 50 * 1024 * 1024, `stopped early (${bytesSent} bytes written)`);
  });

  test('a server that never answers: TimeoutError, no hang', async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, requestTimeoutMs: 200, maxRetries: 1, retryBaseDelayMs: 5 });
    await assert.rejects(c.getManifest('hang', 'v1'), TimeoutError);
  });

  test('plain HTTP beyond loopback is refused unless allowed', () => {
    assert.throws(() => new RegistryClient({ registry: 'http://registry.example.com', credential: { kind: 'anonymous' } }), /Refusing plain HTTP/);
    assert.equal(new RegistryClient({ registry: 'registry.example.com', credential: { kind: 'anonymous' } }).registry, 'registry.example.com');
    assert.equal(new RegistryClient({ registry: 'http://registry.example.com:5000', credential: { kind: 'anonymous' }, insecureHttp: true }).registry, 'registry.example.com:5000');
  });
});

describe('anonymous pull (ACR with anonymousPullEnabled)', () => {
  let open: AcrFrontInternals;
  let pushed = '';
  before(async () => {
    open = await startAcrFront({ anonymousPull: true });
    pushed = (await pushImage(targetFor(open), 'public/app', { tag: 'v1', layers: [Buffer.from('public')] })).digest;
  });
  after(async () => {
    await open?.stop();
  });

  test('pull works anonymously; /acr/v1 metadata is refused so listing falls back to /v2', async () => {
    const anonymous = new RegistryClient({ registry: open.host, credential: { kind: 'anonymous' }, logger });
    assert.equal((await anonymous.getManifest('public/app', 'v1')).digest, pushed);
    const tags = [];
    for await (const tag of anonymous.tags('public/app')) tags.push(tag.name);
    assert.deepEqual(tags, ['v1']);
    const manifests = [];
    for await (const manifest of anonymous.manifests('public/app')) manifests.push(manifest.digest);
    assert.deepEqual(manifests, [pushed]);
    assert.deepEqual((await anonymous.tagDetails('public/app', ['v1'])).map((d) => d.digest), [pushed]);
    await assert.rejects(
      (async () => {
        for await (const _ of anonymous.repositories()) void _;
      })(),
      AuthError,
    );
  });
});
