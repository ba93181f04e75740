/**
 * The registry client's integration suite, run unchanged against each auth
 * mode (none, htpasswd, token via the ACR front) by the *.integration.test.ts
 * files. Each file starts its server and seeds it once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryLogger } from '../../../../src/core/log';
import { NotFoundError, ProtocolError, RegistryClient, type ManifestInfo, type RegistryCredential } from '../../../../src/core/registry';
import type { SeedTarget } from '../../../fixtures/registry/index';
import { seedSuite, type SuiteSeed } from './seed';

export interface SuiteServer {
  mode: 'none' | 'htpasswd' | 'token';
  /** host:port the client talks to */
  registry: string;
  credential: RegistryCredential;
  target: SeedTarget;
  /** Strings that must never appear in a log line or error message. */
  secrets: string[];
  /** ACR extras expected (true on the front). */
  acr: boolean;
  referrersApi: boolean;
  stop(): Promise<void>;
}

export function registerClientSuite(name: string, start: () => Promise<SuiteServer>): void {
  describe(`registry client against ${name}`, () => {
    let server: SuiteServer;
    let seed: SuiteSeed;
    const logger = createMemoryLogger('trace');
    const newClient = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
      new RegistryClient({ registry: server.registry, credential: server.credential, logger, retryBaseDelayMs: 10, ...extra });

    before(async () => {
      server = await start();
      seed = await seedSuite(server.target);
    });
    after(async () => {
      await server?.stop();
    });

    test('capabilities', async () => {
      assert.deepEqual(await newClient().capabilities(), { acr: server.acr, referrersApi: server.referrersApi });
    });

    test('repositories: pages past 100 with a page size of 40, in order, each once', async () => {
      const names: string[] = [];
      for await (const repo of newClient().repositories({ pageSize: 40 })) names.push(repo);
      assert.deepEqual(names, seed.repositories);
      assert.ok(names.length > 100);
    });

    test('repositories: stopping after the first page never requests the second', async () => {
      const pageLogger = createMemoryLogger('trace');
      const client = newClient({ logger: pageLogger });
      const first: string[] = [];
      for await (const repo of client.repositories({ pageSize: 10 })) {
        first.push(repo);
        if (first.length === 10) break;
      }
      assert.equal(first.length, 10);
      const catalogCalls = pageLogger.lines.filter((line) => /HTTP GET \S+\/v2\/_catalog\?\S* -> 200/.test(line));
      assert.equal(catalogCalls.length, 1, catalogCalls.join('\n'));
      assert.ok(!pageLogger.lines.some((line) => /HTTP GET \S*_catalog\?\S*last=/.test(line)), 'no request for the second page');
    });

    test('tags: pages past 100 and lists every tag of the big repository', async () => {
      const tags: string[] = [];
      for await (const tag of newClient().tags(seed.bigRepo, { pageSize: 30 })) tags.push(tag.name);
      assert.deepEqual([...tags].sort(), seed.bigTags);
    });

    test('tags: newest first carries dates and digests', async () => {
      const tags = [];
      for await (const tag of newClient().tags(seed.orphans.repo, { order: 'newest' })) tags.push(tag);
      assert.deepEqual(tags.map((t) => t.name), [seed.orphans.tagged]);
      assert.equal(tags[0].digest, seed.orphans.taggedDigest);
      if (server.acr) assert.ok(tags[0].createdTime && tags[0].changeableAttributes);
    });

    test('tagDetails: digests of 103 tags, in input order', async () => {
      const details = await newClient().tagDetails(seed.bigRepo, seed.bigTags);
      assert.deepEqual(
        details.map((d) => [d.name, d.digest]),
        seed.bigTags.map((t) => [t, seed.bigTagDigests.get(t)]),
      );
    });

    test('tagDetails: a missing tag is a NotFoundError naming the server code', async () => {
      await assert.rejects(newClient().tagDetails(seed.bigRepo, ['t000', 'no-such-tag']), (error: unknown) => {
        assert.ok(error instanceof NotFoundError, String(error));
        assert.match(error.registryCode ?? '', /MANIFEST_UNKNOWN|TAG_UNKNOWN/);
        assert.ok(error.hint);
        return true;
      });
    });

    test('getManifest: index with platforms, digest verified', async () => {
      const client = newClient();
      const index = await client.getManifest(seed.multi.repo, seed.multi.tag);
      assert.equal(index.digest, seed.multi.index);
      assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
      assert.deepEqual(index.platforms, [
        { digest: seed.multi.children[0], platform: { os: 'linux', architecture: 'amd64' } },
        { digest: seed.multi.children[1], platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      ]);
      const child = await client.getManifest(seed.multi.repo, seed.multi.children[1]);
      assert.equal(child.digest, seed.multi.children[1]);
      assert.equal(child.mediaType, 'application/vnd.oci.image.manifest.v1+json');
      assert.equal(child.platforms, undefined);
      assert.equal(child.size, child.raw.byteLength);
    });

    test('getManifest: unknown digest and unknown repository are NotFoundErrors', async () => {
      const client = newClient();
      await assert.rejects(client.getManifest(seed.multi.repo, `sha256:${'1'.repeat(64)}`), NotFoundError);
      await assert.rejects(client.getManifest('suite/does-not-exist', 'latest'), NotFoundError);
    });

    test('manifests: the multi-arch index, tagged, with its untagged platform manifests', async () => {
      const all: ManifestInfo[] = [];
      for await (const manifest of newClient().manifests(seed.multi.repo)) all.push(manifest);
      const index = all.find((m) => m.digest === seed.multi.index);
      assert.ok(index);
      assert.deepEqual(index.tags, ['latest']);
      assert.deepEqual(index.references, seed.multi.children);
      for (const child of seed.multi.children) {
        const found = all.find((m) => m.digest === child);
        assert.ok(found, child);
        assert.deepEqual(found.tags, []);
      }
      assert.equal(all.find((m) => m.digest === seed.multi.children[0])?.platform?.architecture, 'amd64');
    });

    test('manifests: orphans are listed only where the registry can list them (ACR)', async () => {
      const all = [];
      for await (const manifest of newClient().manifests(seed.orphans.repo)) all.push(manifest.digest);
      assert.ok(all.includes(seed.orphans.taggedDigest));
      for (const orphan of seed.orphans.orphans) assert.equal(all.includes(orphan), server.acr, orphan);
    });

    test('referrers: the signature of the subject (API or fallback tag)', async () => {
      const referrers = await newClient().referrers(seed.signed.repo, seed.signed.subject);
      assert.deepEqual(
        referrers.map((r) => [r.digest, r.subject, r.artifactType]),
        [[seed.signed.referrer, seed.signed.subject, 'application/vnd.cncf.notary.signature']],
      );
      assert.deepEqual(await newClient().referrers(seed.signed.repo, seed.signed.referrer), []);
    });

    test('deleteTag: ACR untags; elsewhere nothing is deleted and the note says why', async () => {
      const client = newClient();
      const before = await client.getManifest(seed.bigRepo, 't001');
      const result = await client.deleteTag(seed.bigRepo, 't001');
      if (server.acr) {
        assert.deepEqual(result, { untagged: true });
        await assert.rejects(client.getManifest(seed.bigRepo, 't001'), NotFoundError);
        // The manifest stays for its other tags.
        assert.equal((await client.getManifest(seed.bigRepo, before.digest)).digest, before.digest);
      } else {
        assert.equal(result.untagged, false);
        assert.match(result.note ?? '', /every other tag that points at the same digest/);
        assert.match(result.note ?? '', new RegExp(before.digest));
        assert.equal((await client.getManifest(seed.bigRepo, 't001')).digest, before.digest);
      }
    });

    test('deleteManifest: by digest only; the orphan is gone afterwards', async () => {
      const client = newClient();
      const orphan = seed.orphans.orphans[1];
      await assert.rejects(client.deleteManifest(seed.orphans.repo, 'v1'), ProtocolError);
      await client.deleteManifest(seed.orphans.repo, orphan);
      await assert.rejects(client.getManifest(seed.orphans.repo, orphan), NotFoundError);
      await assert.rejects(client.deleteManifest(seed.orphans.repo, orphan), NotFoundError);
      assert.equal((await client.getManifest(seed.orphans.repo, 'v1')).digest, seed.orphans.taggedDigest);
    });

    test('the trace log has every request, redacted, and no secret', () => {
      assert.ok(logger.lines.length > 20);
      assert.ok(logger.lines.some((line) => /HTTP GET http:\/\/\S+\/v2\/\S+ -> 200 \d+ ms/.test(line)));
      for (const line of logger.lines) {
        for (const secret of server.secrets) assert.ok(!line.includes(secret), `secret in log line: ${line.slice(0, 200)}`);
        assert.doesNotMatch(line, /authorization":"(Basic|Bearer) [A-Za-z0-9]/i);
        assert.doesNotMatch(line, /eyJ[A-Za-z0-9_-]{10,}\./);
      }
    });
  });
}
