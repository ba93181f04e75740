// "Show Storage Usage" (FAQ F10, F11): ARM's listUsages from the ARM fixture, and the cleanup
// estimate read from real registries (the ACR-compatible front; plain docker-registry for "cannot").
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { estimateUntaggedCleanup, storageReportDocument, type CleanupEstimate } from '../../../../src/core/explorer/index';
import { RegistryClient } from '../../../../src/core/registry/index';
import { Secret } from '../../../../src/core/secret';
import { startArmFixture, SUB_PROD, type ArmFixture } from '../../../fixtures/arm/server';
import { MANIFEST_ACCEPT, pushImage, pushIndex, sha256Digest, startAcrFront, startDockerRegistry, targetFor, type AcrFrontInternals, type RunningRegistry, type SeedTarget } from '../../../fixtures/registry/index';
import { armClient } from './support';

const REPO = 'shop/api';
const user = { username: 'storage-admin', password: `pw-${randomBytes(12).toString('hex')}` };
let fx: ArmFixture;
let front: AcrFrontInternals;
let plain: RunningRegistry;
let seed: { unique: Buffer; shared: Buffer; childLayer: Buffer; orphanConfigs: Array<{ digest: string; size: number }> };

async function configOf(t: SeedTarget, repo: string, digest: string): Promise<{ digest: string; size: number }> {
  const authorization = await t.authorize?.(`repository:${repo}:pull`);
  const response = await fetch(new URL(`/v2/${repo}/manifests/${digest}`, t.url), { headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) }, signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { config: { digest: string; size: number } };
  return { digest: body.config.digest, size: body.config.size };
}

before(async () => {
  fx = await startArmFixture();
  front = await startAcrFront({ users: [user] });
  plain = await startDockerRegistry({ auth: 'none' });
  const t = targetFor(front);
  const unique = Buffer.from(`only the first orphan has this layer ${randomBytes(64).toString('hex')}`);
  const shared = Buffer.from(`the tagged image and the second orphan share this layer ${randomBytes(256).toString('hex')}`);
  const childLayer = Buffer.from(`a platform manifest of a tagged index ${randomBytes(32).toString('hex')}`);
  await pushImage(t, REPO, { tag: 'v1', layers: [shared, Buffer.from('tagged image own layer')] });
  const child = await pushImage(t, REPO, { layers: [childLayer] });
  await pushIndex(t, REPO, [{ ...child, platform: { os: 'linux', architecture: 'amd64' } }], 'multi');
  const orphanUnique = await pushImage(t, REPO, { layers: [unique] });
  const orphanShared = await pushImage(t, REPO, { layers: [shared] });
  const orphanChild = await pushImage(t, REPO, { layers: [childLayer] });
  // The unique layer is also used in another repository: still counted (the estimate reads one repository; it says so).
  await pushImage(t, 'other/app', { tag: 'v1', layers: [unique] });
  const orphanConfigs = await Promise.all([orphanUnique, orphanShared, orphanChild].map((m) => configOf(t, REPO, m.digest)));
  seed = { unique, shared, childLayer, orphanConfigs };
});
after(async () => {
  await front?.stop();
  await plain?.stop();
  await fx?.stop();
});

function frontClient(): RegistryClient {
  return new RegistryClient({ registry: front.host, credential: { kind: 'basic', username: user.username, password: new Secret(user.password) }, retryBaseDelayMs: 5, maxRetries: 1, requestTimeoutMs: 10_000 });
}

describe('cleanup estimate (F10)', () => {
  test('only blobs no kept manifest of the repository uses are counted: the unique layer and the orphans\' configs', async () => {
    const progress: string[] = [];
    const estimate = await estimateUntaggedCleanup(frontClient(), REPO, { onProgress: (m) => progress.push(m) });
    assert.equal(estimate.kind, 'estimate');
    if (estimate.kind !== 'estimate') return;
    assert.equal(estimate.deletes, 3, 'the three orphans; the index\'s platform manifest is kept');
    assert.equal(estimate.kept, 3);
    const expectedFreed = [{ digest: sha256Digest(seed.unique), size: seed.unique.length }, ...seed.orphanConfigs];
    assert.deepEqual(new Set(estimate.freed.map((b) => b.digest)), new Set(expectedFreed.map((b) => b.digest)));
    assert.equal(estimate.freedBytes, expectedFreed.reduce((sum, b) => sum + b.size, 0));
    assert.deepEqual(new Set(estimate.shared.map((b) => b.digest)), new Set([sha256Digest(seed.shared), sha256Digest(seed.childLayer)]));
    assert.deepEqual(estimate.unreadable, []);
    assert.ok(progress.some((m) => /of 6 manifests read/.test(m)));

    const document = storageReportDocument({ host: front.host, estimate });
    assert.match(document, /Storage usage comes from Azure Resource Manager \(listUsages\) and is not available for/);
    assert.match(document, /The cleanup would delete 3 untagged manifests and keep 3\./);
    assert.match(document, /This is an upper bound: a layer is stored once per registry, so layers that images in other repositories also use are not freed/);
    assert.match(document, /Not counted: 2 blobs/);
    assert.ok(document.includes(`\`${sha256Digest(seed.unique)}\``));
    assert.ok(!document.includes(`\`${sha256Digest(seed.shared)}\``), 'a layer a tagged image uses is not listed as freed');
  });

  test('a plain Docker Registry v2 cannot list manifests: no estimate, and why', async () => {
    const client = new RegistryClient({ registry: plain.host, credential: { kind: 'anonymous' }, retryBaseDelayMs: 5, maxRetries: 1, requestTimeoutMs: 10_000 });
    const estimate: CleanupEstimate = await estimateUntaggedCleanup(client, 'anything');
    assert.equal(estimate.kind, 'unavailable');
    if (estimate.kind === 'unavailable') assert.match(estimate.reason, /does not list manifests \(Docker Registry v2 has no manifest listing\)/);
  });

  test('a cancelled estimate stops', async () => {
    await assert.rejects(estimateUntaggedCleanup(frontClient(), REPO, { signal: AbortSignal.abort() }));
  });

  test('more manifests than the bound: no partial estimate', async () => {
    const estimate = await estimateUntaggedCleanup(frontClient(), REPO, { maxManifests: 5 });
    assert.equal(estimate.kind, 'unavailable');
    if (estimate.kind === 'unavailable') assert.match(estimate.reason, /has 6 manifests; the estimate reads at most 5/);
  });
});

describe('storage usage (F10, F11)', () => {
  test('used vs limit from listUsages, the tier\'s included storage, and the FAQ\'s explanation', async () => {
    const { client } = armClient(fx);
    const usages = await client.getStorageUsage({ subscriptionId: SUB_PROD, resourceGroup: 'dev-rg', name: 'contosodev' });
    const document = storageReportDocument({ host: 'contosodev.azurecr.io', azure: { name: 'contosodev', sku: 'Basic' }, usages });
    assert.match(document, /^# Storage of contosodev$/m);
    assert.match(document, /\| 1\.0 GiB \(1\.1 GB\) \| 10\.0 GiB \| 10% \|/);
    assert.match(document, /The Basic tier includes 10 GiB of storage/);
    assert.match(document, /Pushes are refused \("operation disallowed", FAQ F32\)/);
    assert.match(document, /A layer is stored once per registry, however many images and repositories use it/);
    assert.match(document, /Untagged manifests still hold their layers/);
    assert.match(document, /Usage is not updated at once/);
    assert.match(document, /az acr show-usage -n contosodev/);
    assert.doesNotMatch(document, /contosodev is (full|near)/);
  });

  test('a full registry: pushes are refused', async () => {
    const gib = 1024 ** 3;
    fx.state.usages.set('contosodev', [{ name: 'Size', limit: 10 * gib, currentValue: 10 * gib, unit: 'Bytes' }]);
    const { client } = armClient(fx);
    const usages = await client.getStorageUsage({ subscriptionId: SUB_PROD, resourceGroup: 'dev-rg', name: 'contosodev' });
    const document = storageReportDocument({ host: 'contosodev.azurecr.io', azure: { name: 'contosodev', sku: 'Basic' }, usages });
    assert.match(document, /\*\*contosodev is full:\*\* pushes are refused/);
  });
});
