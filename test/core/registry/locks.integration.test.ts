/**
 * Locks (ACR changeableAttributes, FAQ F32) through the registry client: against the ACR front (a real
 * docker-registry in token mode behind it) a lock is set with PATCH, the front then refuses a push over
 * a locked tag and a delete with ACR's REGISTRY_DISALLOWED_OPERATION, and unlocking restores both; on a
 * plain Docker Registry v2 the client says locks are an ACR feature without sending anything.
 * Request and answer shapes: ../shared/reference/acr-recorded/data-plane/acr-v1-*-patch.json.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createMemoryLogger } from '../../../src/core/log';
import { Secret } from '../../../src/core/secret';
import { AuthError, ForbiddenError, OperationDisallowedError, ProtocolError, RegistryClient, ServerError, UnsupportedError, type LockTarget } from '../../../src/core/registry';
import { DISALLOWED, MANIFEST_ACCEPT, pushImage, startAcrFront, startDockerRegistry, targetFor, type AcrFrontInternals, type RunningRegistry, type SeedTarget } from '../../fixtures/registry/index';

const admin = { username: 'locks-admin', password: `pw-${randomBytes(12).toString('hex')}` };
const ALL_ENABLED = { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };

let front: AcrFrontInternals;
let t: SeedTarget;
const logger = createMemoryLogger('trace');
const client = () => new RegistryClient({ registry: front.host, credential: { kind: 'basic', username: admin.username, password: new Secret(admin.password) }, logger, retryBaseDelayMs: 5 });
const requestsSince = (start: number, method: string, path: RegExp) => front.requests.slice(start).filter((r) => r.method === method && path.test(r.path));

/** PUTs the manifest of `fromReference` under `tag` with a push token, as `docker push` would; the status and the registry's error code. */
async function pushOver(repo: string, fromReference: string, tag: string): Promise<{ status: number; code?: string }> {
  const token = `Bearer ${front.mintAccessToken([`repository:${repo}:pull,push`])}`;
  const source = await fetch(new URL(`/v2/${repo}/manifests/${fromReference}`, front.url), { headers: { authorization: token, accept: MANIFEST_ACCEPT }, signal: AbortSignal.timeout(10_000) });
  assert.equal(source.status, 200);
  const body = new Uint8Array(await source.arrayBuffer());
  const put = await fetch(new URL(`/v2/${repo}/manifests/${tag}`, front.url), { method: 'PUT', headers: { authorization: token, 'content-type': source.headers.get('content-type') ?? '' }, body, signal: AbortSignal.timeout(10_000) });
  const text = await put.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { errors?: Array<{ code?: string }> }).errors?.[0]?.code;
  } catch {
    code = undefined;
  }
  return { status: put.status, code };
}

const isDisallowed = (error: unknown): boolean => error instanceof OperationDisallowedError && error.registryCode === DISALLOWED.code && /F32/.test(error.hint ?? '');

before(async () => {
  front = await startAcrFront({ users: [admin] });
  t = targetFor(front);
});
after(async () => {
  await front?.stop();
});

describe('tag locks', () => {
  const repo = 'locks/tagged';
  let v1 = '';
  let other = '';
  before(async () => {
    v1 = (await pushImage(t, repo, { tag: 'v1' })).digest;
    other = (await pushImage(t, repo, { tag: 'other' })).digest;
    await pushImage(t, repo, { tag: 'keep-deletable' });
  });

  test('a read-only lock (writeEnabled false) is one PATCH on the encoded path; the answer is all four attributes as now', async () => {
    const target: LockTarget = { kind: 'tag', repository: repo, tag: 'v1' };
    const c = client();
    assert.deepEqual(await c.changeableAttributes(target), ALL_ENABLED);
    const start = front.requests.length;
    const after = await c.updateChangeableAttributes(target, { writeEnabled: false });
    assert.deepEqual(after, { ...ALL_ENABLED, writeEnabled: false });
    const patches = requestsSince(start, 'PATCH', /./);
    // The token for metadata_write is asked for up front (the scheme is known from the GET), so no 401 first.
    assert.deepEqual(patches.map((r) => [r.path, r.status]), [['/acr/v1/locks%2Ftagged/_tags/v1', 200]]);
    assert.deepEqual(await c.changeableAttributes(target), after, 'a fresh GET agrees');
  });

  test('the locked tag: pushing over it and untagging it are refused with REGISTRY_DISALLOWED_OPERATION, and it still points at its image', async () => {
    assert.deepEqual(await pushOver(repo, other, 'v1'), { status: DISALLOWED.status, code: DISALLOWED.code });
    await assert.rejects(client().deleteTag(repo, 'v1'), isDisallowed);
    assert.equal((await client().getManifest(repo, 'v1')).digest, v1);
  });

  test('unlocking (write and delete enabled) restores push over it', async () => {
    const target: LockTarget = { kind: 'tag', repository: repo, tag: 'v1' };
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: true, deleteEnabled: true }), ALL_ENABLED);
    assert.equal((await pushOver(repo, other, 'v1')).status, 201);
    assert.equal((await client().getManifest(repo, 'v1')).digest, other);
  });

  test('prevent deletion (deleteEnabled false, writeEnabled true): push over still works, untag is refused, unlock allows it', async () => {
    const target: LockTarget = { kind: 'tag', repository: repo, tag: 'keep-deletable' };
    assert.deepEqual(await client().updateChangeableAttributes(target, { deleteEnabled: false, writeEnabled: true }), { ...ALL_ENABLED, deleteEnabled: false });
    assert.equal((await pushOver(repo, v1, 'keep-deletable')).status, 201);
    await assert.rejects(client().deleteTag(repo, 'keep-deletable'), isDisallowed);
    await client().updateChangeableAttributes(target, { deleteEnabled: true, writeEnabled: true });
    assert.deepEqual(await client().deleteTag(repo, 'keep-deletable'), { untagged: true });
  });

  test('only the attributes asked for are sent: one already off elsewhere stays off', async () => {
    front.lockTag(repo, 'other', { readEnabled: false });
    const target: LockTarget = { kind: 'tag', repository: repo, tag: 'other' };
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: false }), { ...ALL_ENABLED, readEnabled: false, writeEnabled: false });
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: true, deleteEnabled: true }), { ...ALL_ENABLED, readEnabled: false }, 'unlock leaves read alone');
    front.lockTag(repo, 'other', { readEnabled: true });
  });
});

describe('manifest locks', () => {
  const repo = 'locks/manifests';
  let digest = '';
  before(async () => {
    digest = (await pushImage(t, repo, { tag: 'app' })).digest;
  });

  test('a locked manifest cannot be deleted; the PATCH path carries the digest as sha256%3A…; unlock allows the delete', async () => {
    const target: LockTarget = { kind: 'manifest', repository: repo, digest };
    const start = front.requests.length;
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: false }), { ...ALL_ENABLED, writeEnabled: false });
    assert.deepEqual([...new Set(requestsSince(start, 'PATCH', /./).map((r) => r.path))], [`/acr/v1/locks%2Fmanifests/_manifests/${digest.replace(':', '%3A')}`]);
    await assert.rejects(client().deleteManifest(repo, digest), isDisallowed);
    assert.equal((await client().getManifest(repo, digest)).digest, digest);
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: true, deleteEnabled: true }), ALL_ENABLED);
    await client().deleteManifest(repo, digest);
    assert.equal((await client().manifestInfo(repo, digest).catch((error: unknown) => error)) instanceof Error, true, 'gone');
  });

  test('a digest that does not parse is refused before any request', async () => {
    const start = front.requests.length;
    for (const bad of ['sha256:abc', 'latest', `sha256:${'A'.repeat(64)}`, `sha256:${'0'.repeat(64)}/../x`]) {
      await assert.rejects(client().updateChangeableAttributes({ kind: 'manifest', repository: repo, digest: bad }, { writeEnabled: false }), ProtocolError, bad);
      await assert.rejects(client().changeableAttributes({ kind: 'manifest', repository: repo, digest: bad }), ProtocolError, bad);
    }
    assert.equal(front.requests.length, start);
  });
});

describe('repository locks', () => {
  const repo = 'locks/repo';
  before(async () => {
    await pushImage(t, repo, { tag: 'a' });
  });

  test('a read-only repository refuses a new tag and an untag; unlock restores both', async () => {
    const target: LockTarget = { kind: 'repository', repository: repo };
    assert.deepEqual(await client().changeableAttributes(target), ALL_ENABLED);
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: false }), { ...ALL_ENABLED, writeEnabled: false });
    assert.deepEqual(await pushOver(repo, 'a', 'b'), { status: DISALLOWED.status, code: DISALLOWED.code });
    await assert.rejects(client().deleteTag(repo, 'a'), isDisallowed);
    assert.deepEqual(await client().changeableAttributes(target), { ...ALL_ENABLED, writeEnabled: false });
    assert.deepEqual(await client().updateChangeableAttributes(target, { writeEnabled: true, deleteEnabled: true }), ALL_ENABLED);
    assert.equal((await pushOver(repo, 'a', 'b')).status, 201);
    assert.deepEqual(await client().deleteTag(repo, 'b'), { untagged: true });
  });
});

describe('refusals and broken answers', () => {
  const repo = 'locks/refused';
  const tagPath = /^\/acr\/v1\/locks%2Frefused\/_tags\/t$/;
  const target: LockTarget = { kind: 'tag', repository: repo, tag: 't' };
  before(async () => {
    await pushImage(t, repo, { tag: 't' });
  });

  test('401 insufficient_scope for metadata_write (as recorded) after a re-auth is an AuthError; two PATCHes, no more', async () => {
    const c = client();
    await c.changeableAttributes(target);
    const challenge = `Bearer realm="${front.url}/oauth2/token",service="${front.loginServerName}",scope="repository:${repo}:metadata_write",error="insufficient_scope"`;
    const body = JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required, visit https://aka.ms/acr/authorization for more information.', detail: [{ Type: 'repository', Name: repo, Action: 'metadata_write' }] }] });
    front.addFault({ method: 'PATCH', pathRegex: tagPath, times: 5, respond: { status: 401, headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': challenge }, body } });
    const start = front.requests.length;
    try {
      await assert.rejects(c.updateChangeableAttributes(target, { writeEnabled: false }), (error: unknown) => error instanceof AuthError && error.status === 401 && /changing the lock of the tag locks\/refused:t/.test(error.message));
    } finally {
      front.clearFaults();
    }
    assert.equal(requestsSince(start, 'PATCH', tagPath).length, 2);
    assert.deepEqual(await c.changeableAttributes(target), ALL_ENABLED, 'nothing changed');
  });

  test('403 is a ForbiddenError, sent once', async () => {
    front.addFault({ method: 'PATCH', pathRegex: tagPath, times: 5, respond: { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }) } });
    const start = front.requests.length;
    try {
      await assert.rejects(client().updateChangeableAttributes(target, { writeEnabled: false }), (error: unknown) => error instanceof ForbiddenError && error.registryCode === 'DENIED');
    } finally {
      front.clearFaults();
    }
    assert.equal(requestsSince(start, 'PATCH', tagPath).length, 1);
  });

  test('a 503 is not retried (PATCH): one request, a ServerError, and the lock state unchanged', async () => {
    front.addFault({ method: 'PATCH', pathRegex: tagPath, times: 5, respond: { status: 503, body: '' } });
    const start = front.requests.length;
    try {
      await assert.rejects(client().updateChangeableAttributes(target, { writeEnabled: false }), ServerError);
    } finally {
      front.clearFaults();
    }
    assert.equal(requestsSince(start, 'PATCH', tagPath).length, 1);
    assert.deepEqual(await client().changeableAttributes(target), ALL_ENABLED);
  });

  test('an answer about another tag (the recorded test1 body) is a ProtocolError, not a lock state', async () => {
    const recorded = { registry: 'myregistry.azurecr.io', imageName: 'library/hello-world', tag: { name: 'test1', digest: `sha256:${'6e8b6f026e0b9c419ea0fd02d3905dd0952ad1feea67543f525c73a0a790fefb'}`, createdTime: '2023-02-28T18:36:41.1794832Z', lastUpdateTime: '2023-02-28T18:36:41.1794832Z', signed: false, changeableAttributes: { deleteEnabled: false, writeEnabled: false, readEnabled: false, listEnabled: false } } };
    front.addFault({ method: 'PATCH', pathRegex: tagPath, respond: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(recorded) } });
    try {
      await assert.rejects(client().updateChangeableAttributes(target, { writeEnabled: false }), (error: unknown) => error instanceof ProtocolError && /is about tag "test1"/.test(error.message));
    } finally {
      front.clearFaults();
    }
  });

  test('an answer without all four attributes is a ProtocolError', async () => {
    front.addFault({ method: 'GET', pathRegex: tagPath, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registry: front.host, imageName: repo, tag: { name: 't', changeableAttributes: { writeEnabled: false } } }) } });
    try {
      await assert.rejects(client().changeableAttributes(target), (error: unknown) => error instanceof ProtocolError && /lock state is unknown/.test(error.message));
    } finally {
      front.clearFaults();
    }
  });

  test('no secret reaches the log', () => {
    const text = logger.lines.join('\n');
    assert.ok(!text.includes(admin.password));
    assert.ok(!text.includes(Buffer.from(`${admin.username}:${admin.password}`).toString('base64')));
  });
});

describe('plain Docker Registry v2', () => {
  let registry: RunningRegistry;
  before(async () => {
    registry = await startDockerRegistry({ auth: 'none' });
    await pushImage(targetFor(registry), 'plain/app', { tag: 'v1' });
  });
  after(async () => {
    await registry?.stop();
  });

  test('locking or reading a lock is an UnsupportedError saying locks are an ACR feature; nothing is patched', async () => {
    const plainLogger = createMemoryLogger('trace');
    const c = new RegistryClient({ registry: registry.host, credential: { kind: 'anonymous' }, logger: plainLogger });
    const targets: LockTarget[] = [{ kind: 'tag', repository: 'plain/app', tag: 'v1' }, { kind: 'repository', repository: 'plain/app' }, { kind: 'manifest', repository: 'plain/app', digest: `sha256:${'0'.repeat(64)}` }];
    for (const target of targets) {
      await assert.rejects(c.updateChangeableAttributes(target, { writeEnabled: false }), (error: unknown) => error instanceof UnsupportedError && /Locks are an ACR feature/.test(error.message) && error.message.includes(registry.host));
      await assert.rejects(c.changeableAttributes(target), UnsupportedError);
    }
    assert.ok(!plainLogger.lines.some((line) => /HTTP PATCH/.test(line)), 'no PATCH was sent');
  });
});
