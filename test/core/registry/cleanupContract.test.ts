// Contract test against recorded real ACR answers (../shared/reference/acr-recorded/data-plane/): the
// listing and single-manifest bodies go through manifestInfoFromAcr and the planner exactly as ACR sent
// them. The listing names no index children, so with the listing alone nothing a tagged index holds may
// be deleted; once the index is read (its recorded /v2 bytes, or the recorded single-manifest
// `references`), its platform manifests are kept by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CleanupPlanner, RegistryClient, type ManifestInfo } from '../../../src/core/registry';
import { manifestInfoFromAcr } from '../../../src/core/registry/acrShapes';
import { withContent } from '../../../src/core/registry/manifestContents';

const dataPlane = resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'acr-recorded', 'data-plane');

interface Exchange {
  request: { method: string; url: string };
  response: { status: number; headers: Record<string, string | string[]>; body: unknown };
}

const recorded = (file: string): Exchange[] => JSON.parse(readFileSync(join(dataPlane, file), 'utf8')) as Exchange[];
const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined);

/** The `manifests` entries of every recorded _manifests listing page (two pages of library/hello-world, JS recording). */
const listingEntries = (): Record<string, unknown>[] => recorded('acr-v1-manifests-list.json').flatMap((e) => field(e.response.body, 'manifests') as Record<string, unknown>[]);

/** The recorded /v2 GET of the hello-world manifest list (Java recording): its bytes list the two listed images. */
const v2Index = (): Exchange => {
  const exchange = recorded('v2-manifest-get.json')[0];
  assert.ok(exchange && typeof exchange.response.body === 'string');
  return exchange;
};

/**
 * A listing entry for the tagged hello-world manifest list. CONSTRUCTED: the listing page that holds the
 * index was not copied into the recordings; the README (fact 6) and registry-protocol.md say it has
 * mediaType and tags and no references, architecture or os. Every field is taken from a recorded listing
 * entry's shape; digest and media type from the recorded /v2 answer, the tag from that request.
 */
function indexListingEntry(): Record<string, unknown> {
  const shape = listingEntries()[0];
  const headers = v2Index().response.headers;
  const { architecture: _architecture, os: _os, ...rest } = shape;
  return { ...rest, digest: headers['Docker-Content-Digest'], mediaType: headers['Content-Type'], tags: ['latest'] };
}

const planOf = (manifests: ManifestInfo[]) => new CleanupPlanner().plan(manifests);
const toInfo = (item: unknown, source: 'listing' | 'manifest'): ManifestInfo => {
  const info = manifestInfoFromAcr(item, source);
  assert.ok(info, JSON.stringify(item).slice(0, 200));
  return info;
};

describe('cleanup contract with the recorded ACR answers', () => {
  test('the recorded listing carries no references, and untagged entries no tags key', () => {
    const entries = listingEntries();
    assert.equal(entries.length, 2);
    for (const entry of entries) {
      assert.ok(!('references' in entry), 'a listing entry has no references');
      assert.ok(!('tags' in entry), 'an untagged listing entry has no tags key');
    }
  });

  test('with the listing alone, nothing a tagged index holds is deleted', () => {
    const listed = [indexListingEntry(), ...listingEntries()].map((entry) => toInfo(entry, 'listing'));
    const plan = planOf(listed);
    assert.deepEqual(plan.filter((d) => d.action === 'delete').map((d) => d.digest), [], JSON.stringify(plan, null, 1));
    for (const entry of listingEntries()) {
      const decision = plan.find((d) => d.digest === entry.digest);
      assert.equal(decision?.action, 'keep');
      assert.match(decision?.reason ?? '', /not read|could hold/);
    }
  });

  test('with the listing alone, even a manifest that looks like an orphan stays while the index is unread', () => {
    // An untagged image whose body WAS read (no subject): an orphan, unless the unread index holds it.
    const orphan: ManifestInfo = { ...toInfo(listingEntries()[1], 'listing'), read: { references: true, subject: true } };
    const plan = planOf([toInfo(indexListingEntry(), 'listing'), orphan]);
    const decision = plan.find((d) => d.digest === orphan.digest);
    assert.equal(decision?.action, 'keep');
    assert.match(decision?.reason ?? '', /could hold this manifest, so no untagged manifest is deleted/);
  });

  test('the recorded single-manifest answer names the index\'s children: they are kept as its platform manifests', () => {
    const answer = recorded('acr-v1-manifest-get.json').find((e) => field(field(e.response.body, 'manifest'), 'references') !== undefined);
    assert.ok(answer);
    const index = toInfo(field(answer.response.body, 'manifest'), 'manifest');
    assert.equal(index.references.length, 11);
    assert.deepEqual(index.read, { references: true, subject: false });
    // Its children as the listing would show them (untagged, architecture/os from the references).
    const refs = field(field(answer.response.body, 'manifest'), 'references') as Array<{ digest: string; architecture: string; os: string }>;
    const children = refs.map((ref) => toInfo({ digest: ref.digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', architecture: ref.architecture, os: ref.os }, 'listing'));
    const plan = planOf([index, ...children]);
    assert.deepEqual(plan.filter((d) => d.action === 'delete'), []);
    for (const child of children) assert.match(plan.find((d) => d.digest === child.digest)?.reason ?? '', /^platform manifest \(\w+\/\w+\) of kept index sha256:97a379f4f885 \(tagged latest, v1, v2, v3, v4\)/);
  });

  describe('the recorded /v2 bytes of the index, served from loopback', () => {
    let server: Server;
    let registry = '';
    before(async () => {
      const exchange = v2Index();
      const digest = String(exchange.response.headers['Docker-Content-Digest']);
      server = createServer((req, res) => {
        req.resume();
        if (req.method === 'GET' && req.url === `/v2/library/hello-world/manifests/${digest}`) {
          res.writeHead(200, { 'content-type': String(exchange.response.headers['Content-Type']), 'docker-content-digest': digest, etag: `"${digest}"` });
          res.end(exchange.response.body as string);
        } else res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      registry = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => new Promise<void>((done) => server.close(() => done())));

    test('read and verified, the index keeps both listed platform manifests; a true orphan is deleted', async () => {
      const listedIndex = toInfo(indexListingEntry(), 'listing');
      const fetched = await new RegistryClient({ registry, credential: { kind: 'anonymous' }, maxRetries: 0 }).getManifest('library/hello-world', listedIndex.digest);
      const index = withContent(listedIndex, fetched);
      assert.equal(index.references.length, 11);
      const orphan: ManifestInfo = { digest: `sha256:${'e'.repeat(64)}`, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', tags: [], references: [], read: { references: true, subject: true } };
      const plan = planOf([index, ...listingEntries().map((entry) => toInfo(entry, 'listing')), orphan]);
      for (const entry of listingEntries()) assert.match(plan.find((d) => d.digest === entry.digest)?.reason ?? '', /^platform manifest \(linux\/arm(64)?\) of kept index/);
      assert.deepEqual(plan.filter((d) => d.action === 'delete').map((d) => d.digest), [orphan.digest]);
    });
  });
});
