// Proves the plain docker-registry fixture is a real v2 registry in the
// no-auth and htpasswd modes, and that seedStandard builds what it promises.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { MANIFEST_ACCEPT, pushImage, seedStandard, startDockerRegistry, tag, targetFor, type RunningRegistry, type StandardSeed } from '../fixtures/registry';

const MAX_PAGES = 20;

async function listAll(url: string, path: string, key: 'repositories' | 'tags', headers: Record<string, string> = {}): Promise<{ items: string[]; pages: number }> {
  const items: string[] = [];
  let next: string | undefined = path;
  let pages = 0;
  while (next && pages < MAX_PAGES) {
    const response: Response = await fetch(new URL(next, url), { headers });
    assert.equal(response.status, 200, `GET ${next}`);
    const body = (await response.json()) as Record<string, string[] | null>;
    items.push(...(body[key] ?? []));
    pages++;
    const link = response.headers.get('link');
    next = link ? /<([^>]+)>/.exec(link)?.[1] : undefined;
  }
  assert.ok(!next, `paging did not end within ${MAX_PAGES} pages`);
  return { items, pages };
}

describe('docker-registry, no auth', () => {
  let registry: RunningRegistry;
  let seed: StandardSeed;
  before(async () => {
    registry = await startDockerRegistry({ auth: 'none' });
    seed = await seedStandard(targetFor(registry));
  });
  after(async () => registry?.stop());

  test('answers the v2 base endpoint on loopback', async () => {
    assert.match(registry.host, /^127\.0\.0\.1:\d+$/);
    const response = await fetch(`${registry.url}/v2/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('docker-distribution-api-version'), 'registry/2.0');
  });

  test('seedStandard: >100 repositories, listed with paging', async () => {
    const { items, pages } = await listAll(registry.url, '/v2/_catalog?n=50', 'repositories');
    assert.ok(seed.repositories.length > 100);
    assert.deepEqual(items, seed.repositories);
    assert.ok(pages >= 3, `expected several pages, got ${pages}`);
  });

  test('seedStandard: the big repository has >100 tags', async () => {
    const { items } = await listAll(registry.url, `/v2/${seed.bigRepo}/tags/list?n=40`, 'tags');
    assert.ok(items.length > 100);
    assert.deepEqual(items.sort(), [...seed.bigRepoTags].sort());
  });

  test('seedStandard: the multi-arch index lists the untagged children', async () => {
    const response = await fetch(`${registry.url}/v2/${seed.multiArch.repo}/manifests/${seed.multiArch.tag}`, { headers: { accept: MANIFEST_ACCEPT } });
    assert.equal(response.headers.get('docker-content-digest'), seed.multiArch.index);
    const index = (await response.json()) as { manifests: Array<{ digest: string }> };
    assert.deepEqual(index.manifests.map((m) => m.digest), seed.multiArch.children);
    const tags = await listAll(registry.url, `/v2/${seed.multiArch.repo}/tags/list`, 'tags');
    assert.deepEqual(tags.items, ['latest']);
    for (const child of seed.multiArch.children) {
      const head = await fetch(`${registry.url}/v2/${seed.multiArch.repo}/manifests/${child}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      assert.equal(head.status, 200);
    }
  });

  test('seedStandard: orphans exist by digest, the referrer names its subject, the layer is shared', async () => {
    for (const digest of seed.orphans.digests) {
      const head = await fetch(`${registry.url}/v2/${seed.orphans.repo}/manifests/${digest}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      assert.equal(head.status, 200, digest);
    }
    const referrer = await fetch(`${registry.url}/v2/${seed.signed.repo}/manifests/${seed.signed.referrer}`, { headers: { accept: MANIFEST_ACCEPT } });
    const body = (await referrer.json()) as { subject?: { digest: string }; artifactType?: string };
    assert.equal(body.subject?.digest, seed.signed.subject);
    assert.ok(body.artifactType);
    const blob = await fetch(`${registry.url}/v2/seed/repo-007/blobs/${seed.sharedLayer}`, { method: 'HEAD' });
    assert.equal(blob.status, 200);
  });

  test('tag() re-puts a manifest under a new tag', async () => {
    const target = targetFor(registry);
    const image = await pushImage(target, 'selftest/tagging');
    await tag(target, 'selftest/tagging', image.digest, 'again');
    const head = await fetch(`${registry.url}/v2/selftest/tagging/manifests/again`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
    assert.equal(head.headers.get('docker-content-digest'), image.digest);
  });

  test('stop() removes the storage directory', async () => {
    const other = await startDockerRegistry({ auth: 'none' });
    await pushImage(targetFor(other), 'selftest/gone', { tag: 'x' });
    assert.ok(existsSync(other.storageDir));
    await other.stop();
    assert.ok(!existsSync(other.storageDir));
    await assert.rejects(fetch(`${other.url}/v2/`));
  });
});

describe('docker-registry, htpasswd', () => {
  let registry: RunningRegistry;
  before(async () => {
    registry = await startDockerRegistry({ auth: 'htpasswd', users: [{ username: 'alice', password: 'correct horse' }] });
  });
  after(async () => registry?.stop());

  test('401 with a Basic challenge without credentials', async () => {
    const response = await fetch(`${registry.url}/v2/`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic realm="acr-doctor-fixture"/);
  });

  test('a wrong password is refused, the right one accepted, and seeding works with it', async () => {
    const wrong = await fetch(`${registry.url}/v2/`, { headers: { authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` } });
    assert.equal(wrong.status, 401);
    const target = targetFor(registry);
    const right = await fetch(`${registry.url}/v2/`, { headers: { authorization: (await target.authorize?.('')) ?? '' } });
    assert.equal(right.status, 200);
    const image = await pushImage(target, 'private/app', { tag: '1.0' });
    const anonymous = await fetch(`${registry.url}/v2/private/app/manifests/1.0`, { method: 'HEAD' });
    assert.equal(anonymous.status, 401);
    const authed = await fetch(`${registry.url}/v2/private/app/manifests/1.0`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT, authorization: (await target.authorize?.('')) ?? '' } });
    assert.equal(authed.headers.get('docker-content-digest'), image.digest);
  });
});
