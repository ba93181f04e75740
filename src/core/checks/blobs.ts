/** The image a repository check reads (its manifest and blobs), fetched once per run (not a check). */
import type { CheckFacts } from './facts';

export interface ImageBlobs {
  repository: string;
  reference: string;
  /** config and layers of one image manifest (the first platform of an index) */
  blobs: Array<{ digest: string; size: number }>;
}

const DEFAULT_REFERENCE = 'latest';

function blobsOf(body: unknown): Array<{ digest: string; size: number }> {
  const manifest = body as { config?: { digest?: unknown; size?: unknown }; layers?: Array<{ digest?: unknown; size?: unknown }> };
  const entries = [manifest.config, ...(manifest.layers ?? [])];
  return entries.flatMap((e) => (e && typeof e.digest === 'string' ? [{ digest: e.digest, size: typeof e.size === 'number' ? e.size : 0 }] : []));
}

export function imageBlobs(facts: CheckFacts, repository: string, reference = DEFAULT_REFERENCE): Promise<ImageBlobs> {
  return facts.memo(`image:${repository}:${reference}`, async (signal) => {
    const client = facts.registryClient();
    let manifest = await client.getManifest(repository, reference, { signal });
    const child = manifest.platforms?.find((p) => p.platform?.os !== 'unknown')?.digest;
    if (child) manifest = await client.getManifest(repository, child, { signal });
    return { repository, reference, blobs: blobsOf(manifest.body) };
  });
}
