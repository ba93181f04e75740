// Proves the ACR front is real: its JWTs are verified by the real registry
// (forged and expired ones refused), the token endpoints behave like ACR's,
// /acr/v1 lists every manifest (untagged ones included), locks make deletes
// fail, faults fire exactly as often as asked, and blob redirects reach a
// second host.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FRONT_ISSUER, MANIFEST_ACCEPT, createSigningIdentity, newClaims, parseScopes, pushImage, seedStandard, sha256Digest, signJwt, startAcrFront, startCaptureServer, targetFor,
  type AcrFrontInternals, type CaptureServer, type StandardSeed,
} from '../fixtures/registry';
import { makeTempDir, removeDir } from '../fixtures/registry/process';

const ADMIN = { username: 'admin', password: 'admin-password-1' };
const ENTRA = 'entra-access-token-for-tests';
const MAX_PAGES = 20;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const form = (values: Record<string, string | string[]>): URLSearchParams => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const item of [value].flat()) params.append(key, item);
  return params;
};

interface AcrManifest { digest: string; tags?: string[]; architecture?: string; os?: string; mediaType: string; imageSize: number; createdTime: string; references?: Array<{ digest: string }>; changeableAttributes: { deleteEnabled: boolean } }

async function pages<T>(url: string, first: string, token: string, pick: (body: Record<string, unknown>) => T[]): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | undefined = first;
  let count = 0;
  while (next && count < MAX_PAGES) {
    const response: Response = await fetch(new URL(next, url), { headers: bearer(token) });
    assert.equal(response.status, 200, `GET ${next}: ${response.status}`);
    items.push(...pick((await response.json()) as Record<string, unknown>));
    count++;
    next = /<([^>]+)>/.exec(response.headers.get('link') ?? '')?.[1];
  }
  assert.ok(!next, 'paging did not end');
  return { items, pages: count };
}

describe('ACR front over a token-mode docker-registry', () => {
  let front: AcrFrontInternals;
  let seed: StandardSeed;
  before(async () => {
    front = await startAcrFront({ users: [ADMIN], entraTokens: { [ENTRA]: { tenant: 'tenant-1', oid: 'object-1' } } });
    seed = await seedStandard(targetFor(front), { repositories: 101, tags: 101 });
  });
  after(async () => front?.stop());

  test('GET /v2/ answers 401 with exactly ACR\'s Bearer challenge', async () => {
    const response = await fetch(`${front.url}/v2/`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), `Bearer realm="http://${front.host}/oauth2/token",service="${front.host}"`);
  });

  test('Entra exchange → refresh token → access token the real registry accepts', async () => {
    const exchange = await fetch(`${front.url}/oauth2/exchange`, { method: 'POST', body: form({ grant_type: 'access_token', service: front.host, tenant: 'tenant-1', access_token: ENTRA }) });
    assert.equal(exchange.status, 200);
    const { refresh_token: refresh } = (await exchange.json()) as { refresh_token: string };
    assert.equal(refresh.split('.').length, 3);
    const token = await fetch(`${front.url}/oauth2/token`, { method: 'POST', body: form({ grant_type: 'refresh_token', service: front.host, scope: ['registry:catalog:*', `repository:${seed.bigRepo}:pull`], refresh_token: refresh }) });
    assert.equal(token.status, 200);
    const { access_token: access } = (await token.json()) as { access_token: string };
    const catalog = await fetch(`${front.url}/v2/_catalog?n=5`, { headers: bearer(access) });
    assert.equal(catalog.status, 200);
    const tags = await fetch(`${front.url}/v2/${seed.bigRepo}/tags/list?n=5`, { headers: bearer(access) });
    assert.equal(tags.status, 200);
    // The refresh token itself grants nothing on the registry.
    const withRefresh = await fetch(`${front.url}/v2/_catalog`, { headers: bearer(refresh) });
    assert.equal(withRefresh.status, 401);
  });

  test('an unknown Entra token and a wrong password are refused with ACR-like errors', async () => {
    const exchange = await fetch(`${front.url}/oauth2/exchange`, { method: 'POST', body: form({ grant_type: 'access_token', service: front.host, tenant: 'tenant-1', access_token: 'not-known' }) });
    assert.equal(exchange.status, 401);
    const body = (await exchange.json()) as { errors: Array<{ code: string }> };
    assert.equal(body.errors[0]?.code, 'UNAUTHORIZED');
    const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const wrong = await fetch(`${front.url}/oauth2/token?service=${front.host}&scope=registry:catalog:*`, { headers: { authorization: basic(ADMIN.username, 'nope') } });
    assert.equal(wrong.status, 401);
    const anonymous = await fetch(`${front.url}/oauth2/token?service=${front.host}&scope=registry:catalog:*`);
    assert.equal(anonymous.status, 401);
    const right = await fetch(`${front.url}/oauth2/token?service=${front.host}&scope=registry:catalog:*`, { headers: { authorization: basic(ADMIN.username, ADMIN.password) } });
    assert.equal(right.status, 200);
    const { access_token: access } = (await right.json()) as { access_token: string };
    assert.equal((await fetch(`${front.url}/v2/_catalog`, { headers: bearer(access) })).status, 200);
  });

  test('Basic credentials work directly on /v2 like ACR\'s admin user; wrong ones get the Bearer challenge', async () => {
    const basic = (password: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${ADMIN.username}:${password}`).toString('base64')}` });
    const ok = await fetch(`${front.url}/v2/${seed.bigRepo}/tags/list?n=3`, { headers: basic(ADMIN.password) });
    assert.equal(ok.status, 200);
    const wrong = await fetch(`${front.url}/v2/${seed.bigRepo}/tags/list?n=3`, { headers: basic('nope') });
    assert.equal(wrong.status, 401);
    assert.ok(front.requests.filter((r) => r.path === `/v2/${seed.bigRepo}/tags/list?n=3`).every((r) => r.hasAuthorization));
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/oauth2\/token",service="127\.0\.0\.1:\d+",scope="repository:seed\/big:pull"/);
  });

  test('the real registry verifies the JWTs: minted accepted, forged and expired refused', async () => {
    const direct = `${front.registry.url}/v2/_catalog?n=1`;
    assert.equal((await fetch(direct, { headers: bearer(front.mintAccessToken(['registry:catalog:*'])) })).status, 200);
    assert.equal((await fetch(direct, { headers: bearer(front.mintAccessToken([`repository:${seed.bigRepo}:pull`])) })).status, 401, 'a token without the catalog scope');
    const dir = await makeTempDir('forger');
    try {
      const forger = await createSigningIdentity(dir, 'acr-doctor-fixture-token-signer');
      const claims = newClaims({ issuer: FRONT_ISSUER, audience: front.loginServerName, subject: 'mallory', ttlSeconds: 600 }, { access: parseScopes(['registry:catalog:*']) });
      assert.equal((await fetch(direct, { headers: bearer(signJwt(forger, claims)) })).status, 401, 'forged');
    } finally {
      await removeDir(dir);
    }
    const expired = newClaims({ issuer: FRONT_ISSUER, audience: front.loginServerName, subject: 'late', ttlSeconds: -600 }, { access: parseScopes(['registry:catalog:*']) });
    assert.equal((await fetch(direct, { headers: bearer(signJwt(front.identity, expired)) })).status, 401, 'expired');
    const otherAudience = newClaims({ issuer: FRONT_ISSUER, audience: 'other.azurecr.io', subject: 'x', ttlSeconds: 600 }, { access: parseScopes(['registry:catalog:*']) });
    assert.equal((await fetch(direct, { headers: bearer(signJwt(front.identity, otherAudience)) })).status, 401, 'audience');
  });

  test('catalogs list every seeded repository with paging (/v2 and /acr/v1)', async () => {
    const token = front.mintAccessToken(['registry:catalog:*']);
    const v2 = await pages(front.url, '/v2/_catalog?n=40', token, (body) => body.repositories as string[]);
    assert.deepEqual(v2.items, seed.repositories);
    const acr = await pages(front.url, '/acr/v1/_catalog?n=40', token, (body) => body.repositories as string[]);
    assert.deepEqual(acr.items, seed.repositories);
    assert.ok(acr.pages >= 3);
  });

  test('/acr/v1 paging and headers as recorded: relative Link with last, n and an empty orderby; none on the last page', async () => {
    const token = front.mintAccessToken([`repository:${seed.orphans.repo}:metadata_read`]);
    const first = await fetch(`${front.url}/acr/v1/${seed.orphans.repo}/_manifests?n=1&api-version=2021-07-01`, { headers: bearer(token) });
    assert.equal(first.status, 200);
    const body = (await first.json()) as { registry: string; imageName: string; manifests: AcrManifest[] };
    assert.deepEqual(Object.keys(body), ['registry', 'imageName', 'manifests']);
    const last = encodeURIComponent(body.manifests[0]?.digest ?? '');
    assert.equal(first.headers.get('link'), `</acr/v1/${seed.orphans.repo}/_manifests?last=${last}&n=1&orderby=>; rel="next"`);
    assert.equal(first.headers.get('docker-distribution-api-version'), 'registry/2.0');
    assert.match(first.headers.get('access-control-expose-headers') ?? '', /Docker-Content-Digest, WWW-Authenticate, Link/);
    const all = await fetch(`${front.url}/acr/v1/${seed.orphans.repo}/_manifests?n=100`, { headers: bearer(token) });
    assert.equal(all.headers.get('link'), null);
    const missing = await fetch(`${front.url}/acr/v1/${seed.orphans.repo}/_manifests/sha256:${'0'.repeat(64)}`, { headers: bearer(token) });
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  });

  test('/acr/v1/_tags pages over >100 tags and needs metadata_read', async () => {
    const pullOnly = await fetch(`${front.url}/acr/v1/${seed.bigRepo}/_tags`, { headers: bearer(front.mintAccessToken([`repository:${seed.bigRepo}:pull`])) });
    assert.equal(pullOnly.status, 401);
    assert.match(pullOnly.headers.get('www-authenticate') ?? '', /scope="repository:seed\/big:metadata_read",error="insufficient_scope"/);
    const token = front.mintAccessToken([`repository:${seed.bigRepo}:metadata_read`]);
    const { items } = await pages(front.url, `/acr/v1/${seed.bigRepo}/_tags?n=30&orderby=timedesc`, token, (body) => body.tags as Array<{ name: string; digest: string; createdTime: string }>);
    assert.equal(items.length, seed.bigRepoTags.length);
    assert.deepEqual(items.map((t) => t.name).sort(), seed.bigRepoTags);
    const times = items.map((t) => Date.parse(t.createdTime));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'timedesc');
  });

  test('/acr/v1/_manifests lists the untagged children of a multi-arch index; only the single-manifest answer names them', async () => {
    const token = front.mintAccessToken([`repository:${seed.multiArch.repo}:metadata_read`]);
    const { items } = await pages(front.url, `/acr/v1/${seed.multiArch.repo}/_manifests`, token, (body) => body.manifests as AcrManifest[]);
    assert.equal(items.length, 1 + seed.multiArch.children.length);
    const index = items.find((m) => m.digest === seed.multiArch.index);
    assert.deepEqual(index?.tags, [seed.multiArch.tag]);
    // As recorded (acr-v1-manifests-list.json): the listing carries no references, and an index no architecture/os.
    assert.ok(index && !('references' in index) && !('architecture' in index) && !('os' in index), JSON.stringify(index));
    const single = await fetch(`${front.url}/acr/v1/${seed.multiArch.repo}/_manifests/${encodeURIComponent(seed.multiArch.index)}`, { headers: bearer(token) });
    assert.equal(single.status, 200);
    const answer = (await single.json()) as { registry: string; imageName: string; manifest: AcrManifest };
    assert.deepEqual(Object.keys(answer), ['registry', 'imageName', 'manifest']);
    assert.deepEqual(answer.manifest.references?.map((r) => r.digest), seed.multiArch.children);
    assert.deepEqual(Object.keys(answer.manifest.references?.[0] ?? {}), ['digest', 'architecture', 'os']);
    for (const child of seed.multiArch.children) {
      const entry = items.find((m) => m.digest === child);
      assert.ok(entry, child);
      // An untagged entry has no tags key at all (acr-v1-manifests-list.json).
      assert.ok(!('tags' in entry), JSON.stringify(entry));
      assert.ok(!('references' in entry) && !('subject' in entry) && !('artifactType' in entry));
      assert.equal(entry.os, 'linux');
      assert.ok(entry.architecture);
      assert.ok(entry.imageSize > 0);
      assert.equal(entry.changeableAttributes.deleteEnabled, true);
    }
  });

  test('/acr/v1/_manifests shows orphans untagged, newest first with timedesc', async () => {
    const token = front.mintAccessToken([`repository:${seed.orphans.repo}:metadata_read`]);
    const { items } = await pages(front.url, `/acr/v1/${seed.orphans.repo}/_manifests?orderby=timedesc`, token, (body) => body.manifests as AcrManifest[]);
    assert.equal(items.length, 3);
    const untagged = items.filter((m) => m.tags === undefined).map((m) => m.digest).sort();
    assert.deepEqual(untagged, [...seed.orphans.digests].sort());
    assert.equal(items[0]?.digest, seed.orphans.digests[1], 'the by-digest push was last');
  });

  test('referrers API finds the signature of the signed image', async () => {
    const token = front.mintAccessToken([`repository:${seed.signed.repo}:pull`]);
    const response = await fetch(`${front.url}/v2/${seed.signed.repo}/referrers/${seed.signed.subject}`, { headers: bearer(token) });
    assert.equal(response.status, 200);
    const index = (await response.json()) as { manifests: Array<{ digest: string; artifactType?: string }> };
    assert.deepEqual(index.manifests.map((m) => m.digest), [seed.signed.referrer]);
  });

  test('a locked manifest cannot be deleted; unlocking with PATCH allows it', async () => {
    const repo = 'selftest/locks';
    const image = await pushImage(targetFor(front), repo, { tag: 'keep' });
    front.lock(repo, image.digest, { deleteEnabled: false });
    const token = front.mintAccessToken([`repository:${repo}:delete,metadata_write,pull`]);
    const refused = await fetch(`${front.url}/v2/${repo}/manifests/${image.digest}`, { method: 'DELETE', headers: bearer(token) });
    assert.equal(refused.status, 405);
    const body = (await refused.json()) as { errors: Array<{ code: string; message: string }> };
    assert.equal(body.errors[0]?.code, 'REGISTRY_DISALLOWED_OPERATION');
    const still = await fetch(`${front.url}/v2/${repo}/manifests/keep`, { method: 'HEAD', headers: { ...bearer(token), accept: MANIFEST_ACCEPT } });
    assert.equal(still.status, 200);
    const patch = await fetch(`${front.url}/acr/v1/${repo}/_manifests/${image.digest}`, { method: 'PATCH', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ deleteEnabled: true }) });
    assert.equal(patch.status, 200);
    const deleted = await fetch(`${front.url}/v2/${repo}/manifests/${image.digest}`, { method: 'DELETE', headers: bearer(token) });
    assert.equal(deleted.status, 202);
    const gone = await fetch(`${front.url}/v2/${repo}/manifests/${image.digest}`, { method: 'HEAD', headers: { ...bearer(token), accept: MANIFEST_ACCEPT } });
    assert.equal(gone.status, 404);
  });

  test('a locked tag refuses untag and overwrite; a locked repository refuses deletion', async () => {
    const repo = 'selftest/taglock';
    const target = targetFor(front);
    await pushImage(target, repo, { tag: 'pinned' });
    front.lockTag(repo, 'pinned', { writeEnabled: false });
    const token = front.mintAccessToken([`repository:${repo}:delete,pull,push`]);
    const untag = await fetch(`${front.url}/v2/_acr/${repo}/tags/pinned`, { method: 'DELETE', headers: bearer(token) });
    assert.equal(untag.status, 405);
    await assert.rejects(pushImage(target, repo, { tag: 'pinned' }), /HTTP 405/);
    front.lockTag(repo, 'pinned', { writeEnabled: true });
    front.lockRepository(repo, { deleteEnabled: false });
    const removal = await fetch(`${front.url}/v2/_acr/${repo}/repository`, { method: 'DELETE', headers: bearer(token) });
    assert.equal(removal.status, 405);
    front.lockRepository(repo, { deleteEnabled: true });
    assert.equal((await fetch(`${front.url}/v2/_acr/${repo}/repository`, { method: 'DELETE', headers: bearer(token) })).status, 202);
  });

  test('DELETE /v2/_acr untags (manifest stays) and deletes repositories', async () => {
    const repo = 'selftest/untag';
    const image = await pushImage(targetFor(front), repo, { tag: 'old' });
    const token = front.mintAccessToken([`repository:${repo}:delete,pull,metadata_read`, 'registry:catalog:*']);
    assert.equal((await fetch(`${front.url}/v2/_acr/${repo}/tags/old`, { method: 'DELETE', headers: bearer(front.mintAccessToken([`repository:${repo}:pull`])) })).status, 401);
    assert.equal((await fetch(`${front.url}/v2/_acr/${repo}/tags/old`, { method: 'DELETE', headers: bearer(token) })).status, 202);
    const tags = (await (await fetch(`${front.url}/v2/${repo}/tags/list`, { headers: bearer(token) })).json()) as { tags: string[] | null };
    assert.deepEqual(tags.tags ?? [], []);
    const manifest = await fetch(`${front.url}/v2/${repo}/manifests/${image.digest}`, { method: 'HEAD', headers: { ...bearer(token), accept: MANIFEST_ACCEPT } });
    assert.equal(manifest.status, 200);
    const removed = await fetch(`${front.url}/v2/_acr/${repo}/repository`, { method: 'DELETE', headers: bearer(token) });
    assert.equal(removed.status, 202);
    assert.deepEqual(((await removed.json()) as { manifestsDeleted: string[] }).manifestsDeleted, [image.digest]);
    const catalog = (await (await fetch(`${front.url}/acr/v1/_catalog?n=1000`, { headers: bearer(token) })).json()) as { repositories: string[] };
    assert.ok(!catalog.repositories.includes(repo));
  });

  test('faults fire the given number of times, then normal handling resumes', async () => {
    const token = front.mintAccessToken(['registry:catalog:*']);
    front.addFault({ pathPrefix: '/v2/_catalog', times: 2, respond: { status: 429, headers: { 'retry-after': '1' }, body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await fetch(`${front.url}/v2/_catalog?n=1`, { headers: bearer(token) });
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) assert.equal(response.headers.get('retry-after'), '1');
    }
    assert.deepEqual(statuses, [429, 429, 200]);
    const recorded = front.requests.filter((r) => r.path === '/v2/_catalog?n=1').slice(-3);
    assert.deepEqual(recorded.map((r) => r.status), [429, 429, 200]);
    assert.ok(recorded.every((r) => r.hasAuthorization));
  });

  test('fault kinds: dropped connection, huge body, repeating Link, redirect, malformed JSON', async () => {
    const token = front.mintAccessToken(['registry:catalog:*']);
    front.addFault({ pathPrefix: '/acr/v1/_catalog', respond: { drop: true } });
    await assert.rejects(async () => (await fetch(`${front.url}/acr/v1/_catalog`, { headers: bearer(token) })).text());
    front.addFault({ pathPrefix: '/acr/v1/_catalog', respond: { bodyBytes: 3 * 1024 * 1024 } });
    const huge = await fetch(`${front.url}/acr/v1/_catalog`, { headers: bearer(token) });
    assert.equal(huge.headers.get('content-length'), String(3 * 1024 * 1024));
    assert.equal((await huge.arrayBuffer()).byteLength, 3 * 1024 * 1024);
    front.addFault({ pathPrefix: '/v2/_catalog', respond: { repeatLink: true } });
    const repeating = await fetch(`${front.url}/v2/_catalog?n=2&last=seed/repo-001`, { headers: bearer(token) });
    assert.equal(repeating.status, 200);
    assert.equal(repeating.headers.get('link'), '</v2/_catalog?n=2&last=seed/repo-001>; rel="next"');
    front.addFault({ pathPrefix: '/acr/v1/_catalog', respond: { redirectTo: 'http://127.0.0.1:9/elsewhere' } });
    const redirected = await fetch(`${front.url}/acr/v1/_catalog`, { headers: bearer(token), redirect: 'manual' });
    assert.equal(redirected.status, 307);
    assert.equal(redirected.headers.get('location'), 'http://127.0.0.1:9/elsewhere');
    front.addFault({ method: 'GET', pathRegex: /^\/acr\/v1\/_catalog/, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"repositories": [' } });
    await assert.rejects(async () => (await fetch(`${front.url}/acr/v1/_catalog`, { headers: bearer(token) })).json());
    const normal = await fetch(`${front.url}/acr/v1/_catalog?n=1`, { headers: bearer(token) });
    assert.equal(normal.status, 200);
    front.clearFaults();
  });
});

describe('ACR front: blob redirect to another host', () => {
  let front: AcrFrontInternals;
  let capture: CaptureServer;
  before(async () => {
    capture = await startCaptureServer();
    front = await startAcrFront({ blobRedirectHost: capture.url, anonymousPull: true });
    capture.setUpstream(front.directTarget);
  });
  after(async () => {
    await front?.stop();
    await capture?.stop();
  });

  test('blob GET answers 307 to the capture host, which serves the bytes and records no credentials from a careful client', async () => {
    const layer = Buffer.from('bytes behind a redirect');
    await pushImage(targetFor(front), 'selftest/redirect', { tag: 'v1', layers: [layer] });
    const digest = sha256Digest(layer);
    const token = front.mintAccessToken(['repository:selftest/redirect:pull']);
    const first = await fetch(`${front.url}/v2/selftest/redirect/blobs/${digest}`, { headers: bearer(token), redirect: 'manual' });
    assert.equal(first.status, 307);
    const location = first.headers.get('location') ?? '';
    assert.ok(location.startsWith(capture.url), location);
    assert.notEqual(new URL(location).host, new URL(front.url).host);
    const second = await fetch(location);
    assert.equal(second.status, 200);
    assert.deepEqual(Buffer.from(await second.arrayBuffer()), layer);
    assert.equal(capture.requests.length, 1);
    assert.equal(capture.requests[0]?.authorization, undefined);
    // A careless client that forwards the header is visible to the test.
    await (await fetch(location, { headers: bearer(token) })).arrayBuffer();
    assert.equal(capture.requests[1]?.authorization, `Bearer ${token}`);
  });

  test('anonymous pull: a token without credentials pulls but cannot push or list the catalog', async () => {
    await pushImage(targetFor(front), 'selftest/public', { tag: 'v1' });
    const response = await fetch(`${front.url}/oauth2/token?service=${front.host}&scope=repository:selftest/public:pull,push&scope=registry:catalog:*`);
    assert.equal(response.status, 200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const manifest = await fetch(`${front.url}/v2/selftest/public/manifests/v1`, { method: 'HEAD', headers: { ...bearer(token), accept: MANIFEST_ACCEPT } });
    assert.equal(manifest.status, 200);
    const upload = await fetch(`${front.url}/v2/selftest/public/blobs/uploads/`, { method: 'POST', headers: bearer(token) });
    assert.equal(upload.status, 401);
    const catalog = await fetch(`${front.url}/v2/_catalog`, { headers: bearer(token) });
    assert.equal(catalog.status, 401);
  });
});
