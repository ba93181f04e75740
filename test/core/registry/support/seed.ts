/**
 * A lean seed for the registry client's integration suite: the shapes the
 * suite needs (>100 repositories, >100 tags, a multi-arch index, orphans, a
 * signature referrer with its fallback tag, a locked orphan on the front) with
 * as few requests as possible, so three modes seed within seconds.
 */
import { MEDIA, mapLimit, pushBlob, pushImage, pushIndex, putManifest, sha256Digest, type PushedManifest, type SeedTarget } from '../../../fixtures/registry/index';

export interface SuiteSeed {
  repositories: string[];
  bigRepo: string;
  bigTags: string[];
  /** tag → digest in the big repo */
  bigTagDigests: Map<string, string>;
  multi: { repo: string; tag: string; index: string; children: string[] };
  orphans: { repo: string; tagged: string; taggedDigest: string; orphans: string[] };
  signed: { repo: string; tag: string; subject: string; referrer: string };
  /** A repository whose manifests the suite deletes. */
  scratchRepo: string;
}

const CONCURRENCY = 8;

export async function seedSuite(t: SeedTarget, opts: { repositories?: number; tags?: number } = {}): Promise<SuiteSeed> {
  const repoCount = opts.repositories ?? 104;
  const tagCount = opts.tags ?? 103;
  const baseRepo = 'suite/base';
  const layer = Buffer.from('acr-doctor suite shared layer');
  const base = await pushImage(t, baseRepo, { tag: 'latest', layers: [layer] });

  // Many repositories: one image each, its blobs mounted from the base (2 requests + manifest).
  const baseManifest = await fetchManifestBody(t, baseRepo, base.digest);
  const config = JSON.parse(baseManifest.toString('utf8')) as { config: { digest: string } };
  const numbered = Array.from({ length: repoCount }, (_, i) => `suite/many-${String(i).padStart(3, '0')}`);
  await mapLimit(numbered, CONCURRENCY, async (repo) => {
    await pushBlob(t, repo, layer, baseRepo);
    await mountExisting(t, repo, config.config.digest, baseRepo);
    await putManifest(t, repo, baseManifest, base.mediaType, 'v1');
  });

  // Big repository: >100 tags over three images.
  const bigRepo = 'suite/big';
  const images: PushedManifest[] = [];
  for (let i = 0; i < 3; i++) images.push(await pushImage(t, bigRepo, { layers: [layer, Buffer.from(`big ${i}`)], mountFrom: baseRepo }));
  const bodies = await Promise.all(images.map((image) => fetchManifestBody(t, bigRepo, image.digest)));
  const bigTags = Array.from({ length: tagCount }, (_, i) => `t${String(i).padStart(3, '0')}`);
  const bigTagDigests = new Map<string, string>();
  await mapLimit(bigTags, CONCURRENCY, async (tag, i) => {
    const which = i % images.length;
    await putManifest(t, bigRepo, bodies[which], images[which].mediaType, tag);
    bigTagDigests.set(tag, images[which].digest);
  });

  // Multi-arch: tagged index over untagged platform manifests.
  const multiRepo = 'suite/multi';
  const platforms = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
  ];
  const children = [];
  for (const platform of platforms) {
    children.push({ ...(await pushImage(t, multiRepo, { ...platform, layers: [Buffer.from(`multi ${platform.architecture}`)] })), platform });
  }
  const index = await pushIndex(t, multiRepo, children, 'latest');

  // Orphans: one re-tagged away, one pushed by digest only.
  const orphanRepo = 'suite/orphans';
  const first = await pushImage(t, orphanRepo, { tag: 'v1', layers: [Buffer.from('orphan first')] });
  const second = await pushImage(t, orphanRepo, { tag: 'v1', layers: [Buffer.from('orphan second')] });
  const byDigest = await pushImage(t, orphanRepo, { layers: [Buffer.from('orphan by digest')] });

  // Signed: subject tagged, signature untagged, plus the OCI fallback tag sha256-<hex> for registries without the referrers API.
  const signedRepo = 'suite/signed';
  const subject = await pushImage(t, signedRepo, { tag: 'v1', layers: [Buffer.from('signed subject')] });
  const referrer = await pushImage(t, signedRepo, {
    layers: [Buffer.from('suite signature envelope')],
    artifactType: 'application/vnd.cncf.notary.signature',
    subject: { digest: subject.digest, mediaType: subject.mediaType, size: subject.size },
  });
  const fallback = {
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [{ mediaType: referrer.mediaType, digest: referrer.digest, size: referrer.size, artifactType: 'application/vnd.cncf.notary.signature' }],
  };
  await putManifest(t, signedRepo, Buffer.from(JSON.stringify(fallback)), MEDIA.ociIndex, subject.digest.replace(':', '-'));

  const scratchRepo = 'suite/scratch';
  await pushImage(t, scratchRepo, { tag: 'keep', layers: [Buffer.from('scratch keep')] });

  return {
    repositories: [baseRepo, ...numbered, bigRepo, multiRepo, orphanRepo, signedRepo, scratchRepo].sort(),
    bigRepo,
    bigTags,
    bigTagDigests,
    multi: { repo: multiRepo, tag: 'latest', index: index.digest, children: children.map((c) => c.digest) },
    orphans: { repo: orphanRepo, tagged: 'v1', taggedDigest: second.digest, orphans: [first.digest, byDigest.digest] },
    signed: { repo: signedRepo, tag: 'v1', subject: subject.digest, referrer: referrer.digest },
    scratchRepo,
  };
}

async function authorized(t: SeedTarget, scope: string): Promise<Record<string, string>> {
  const authorization = await t.authorize?.(scope);
  return authorization ? { authorization } : {};
}

async function fetchManifestBody(t: SeedTarget, repo: string, digest: string): Promise<Buffer> {
  const response = await fetch(new URL(`/v2/${repo}/manifests/${digest}`, t.url), {
    headers: { accept: [MEDIA.ociManifest, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.dockerList].join(', '), ...(await authorized(t, `repository:${repo}:pull`)) },
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 200) throw new Error(`seed: GET manifest ${repo}@${digest}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (sha256Digest(body) !== digest) throw new Error('seed: manifest digest changed');
  return body;
}

/** Cross-repository mount of a blob already in `from` (one POST). */
async function mountExisting(t: SeedTarget, repo: string, digest: string, from: string): Promise<void> {
  const response = await fetch(new URL(`/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`, t.url), {
    method: 'POST',
    headers: await authorized(t, `repository:${repo}:pull,push repository:${from}:pull`),
    signal: AbortSignal.timeout(15_000),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`seed: mount ${digest} into ${repo}: HTTP ${response.status}`);
}
