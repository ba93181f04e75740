// `acr-doctor cleanup REG REPO --untagged --yes` end to end on the FAQ's own scenario (a tagged manifest
// list over nine untagged platform manifests, as recorded) plus a signed image and true orphans: against
// the real docker-registry behind the ACR front (shapes as recorded: the listing names no index children)
// and against a plain docker-registry. Afterwards every tag resolves to the same digest, every platform
// manifest and signature of a tagged image still answers 200, and only true orphans are gone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  MANIFEST_ACCEPT,
  seedFaqCleanup,
  startAcrFront,
  startDockerRegistry,
  targetFor,
  type AcrFrontInternals,
  type FaqCleanupSeed,
  type RunningRegistry,
  type SeedTarget,
} from '../../fixtures/registry/index';
import { dockerConfigDir, runCli } from '../../support/cliHarness';

const ADMIN = { username: 'cleanup-admin', password: 'cleanup-admin-password' };

interface CleanupJson {
  plan: Array<{ digest: string; action: 'keep' | 'delete'; reason: string }>;
  deleted: string[];
  failed?: unknown[];
}

/** Status and digest of a manifest reference, straight from the registry (not through our client). */
async function resolve(target: SeedTarget, repo: string, reference: string): Promise<{ status: number; digest: string | null }> {
  const authorization = await target.authorize?.(`repository:${repo}:pull`);
  const response = await fetch(new URL(`/v2/${repo}/manifests/${reference}`, target.url), {
    method: 'HEAD',
    headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, digest: response.headers.get('docker-content-digest') };
}

async function assertTaggedImagesIntact(target: SeedTarget, seed: FaqCleanupSeed): Promise<void> {
  for (const [tag, digest] of seed.tags) assert.deepEqual(await resolve(target, seed.repo, tag), { status: 200, digest }, `tag ${tag}`);
  for (const digest of [...seed.platforms, seed.signed.signature, seed.signed.countersignature]) {
    assert.equal((await resolve(target, seed.repo, digest)).status, 200, `${digest} of a tagged image`);
  }
}

describe('cleanup --untagged --yes on the FAQ scenario behind the ACR front', () => {
  let front: AcrFrontInternals;
  let seed: FaqCleanupSeed;
  before(async () => {
    front = await startAcrFront({ users: [ADMIN] });
    seed = await seedFaqCleanup(targetFor(front));
  });
  after(async () => front?.stop());

  test('the platform manifests and signatures of tagged images stay; exactly the true orphans go', async () => {
    const auth = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64');
    const docker = dockerConfigDir({ auths: { [front.host]: { auth } } });
    try {
      const run = await runCli(['cleanup', front.host, seed.repo, '--untagged', '--yes', '--format', 'json'], { dockerConfig: docker.dir });
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as CleanupJson;
      assert.deepEqual(new Set(out.deleted), new Set(seed.orphans), JSON.stringify(out.plan, null, 1));
      assert.equal(out.failed, undefined);
      for (const platform of seed.platforms) assert.match(out.plan.find((d) => d.digest === platform)?.reason ?? '', /^platform manifest \(linux\/\w+(\/v\d)?\) of kept index/);
      assert.match(out.plan.find((d) => d.digest === seed.signed.signature)?.reason ?? '', /notary\.signature referrer of kept/);
    } finally {
      docker.cleanup();
    }
    await assertTaggedImagesIntact(targetFor(front), seed);
    for (const orphan of seed.orphans) assert.equal((await resolve(targetFor(front), seed.repo, orphan)).status, 404, `orphan ${orphan}`);
  });
});

describe('cleanup --untagged --yes on the FAQ scenario on a plain registry (no ACR front)', () => {
  let registry: RunningRegistry;
  let seed: FaqCleanupSeed;
  const config = dockerConfigDir();
  before(async () => {
    registry = await startDockerRegistry({ auth: 'none' });
    seed = await seedFaqCleanup(targetFor(registry));
  });
  after(async () => {
    await registry?.stop();
    config.cleanup();
  });

  test('nothing a tagged image needs is deleted; untagged orphans are invisible over /v2 and say so', async () => {
    const run = await runCli(['cleanup', registry.host, seed.repo, '--untagged', '--yes', '--format', 'json'], { dockerConfig: config.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /only manifests reachable from a tag are listed/);
    const out = JSON.parse(run.stdout) as CleanupJson;
    assert.deepEqual(out.deleted, []);
    for (const platform of seed.platforms) assert.equal(out.plan.find((d) => d.digest === platform)?.action, 'keep');
    await assertTaggedImagesIntact(targetFor(registry), seed);
    // /v2 cannot list them, so they are neither planned nor touched.
    for (const orphan of seed.orphans) {
      assert.equal(out.plan.some((d) => d.digest === orphan), false);
      assert.equal((await resolve(targetFor(registry), seed.repo, orphan)).status, 200);
    }
  });
});
