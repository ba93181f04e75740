/**
 * "Show Storage Usage" (FAQ F10, F11) for the explorer: a read-only Markdown document with used vs
 * limit (ARM listUsages "Size"), what a full registry refuses, why deleting images often frees
 * little, and, for one repository, an estimate of what cleaning up its untagged manifests would
 * free: the layers and configs only the manifests the CleanupPlanner would delete reference, not
 * any manifest of that repository it keeps. Data-plane reads are bounded and cancellable.
 */
import type { StorageUsage } from '../azure/index';
import { mapLimit } from '../concurrency';
import type { RegistryClient } from '../registry/index';
import { planUntaggedCleanup } from './cleanupPlan';
import { escapeName, formatSize, shortDigest } from './format';

export type EstimateClient = Pick<RegistryClient, 'manifests' | 'registry' | 'getManifest' | 'capabilities'>;

/** Included storage per tier (Learn, "Service tier features and limits"); ARM's Size limit is what counts. */
export const INCLUDED_STORAGE_GIB: Readonly<Record<string, number>> = { basic: 10, standard: 100, premium: 500 };

/** Manifest bodies read for one estimate at most: beyond this it is not made (a partial one would mislead). */
export const MAX_MANIFESTS_FOR_ESTIMATE = 2000;

export interface BlobRef {
  digest: string;
  size: number;
}

export type CleanupEstimate =
  | {
      kind: 'estimate';
      repository: string;
      deletes: number;
      kept: number;
      /** Blobs only the deleted manifests reference, largest first. */
      freed: BlobRef[];
      freedBytes: number;
      /** Blobs of deleted manifests that a kept manifest also uses: not freed. */
      shared: BlobRef[];
      sharedBytes: number;
      /** Manifests whose body could not be read: their blobs are unknown. */
      unreadable: string[];
    }
  | { kind: 'unavailable'; repository: string; reason: string };

/** Config and layers of an image manifest body (an index or list has none of its own). */
function blobsOf(body: unknown): BlobRef[] {
  const record = body as { config?: unknown; layers?: unknown } | undefined;
  const out: BlobRef[] = [];
  const take = (entry: unknown): void => {
    const digest = (entry as { digest?: unknown } | undefined)?.digest;
    const size = (entry as { size?: unknown } | undefined)?.size;
    if (typeof digest === 'string' && typeof size === 'number' && Number.isFinite(size) && size >= 0) out.push({ digest, size });
  };
  take(record?.config);
  if (Array.isArray(record?.layers)) record.layers.forEach(take);
  return out;
}

/**
 * What deleting the untagged manifests of `repository` (as the cleanup would) frees at most. Reads
 * every manifest of the repository (listing, then each body), so it needs a registry that lists
 * manifests (ACR); elsewhere it says why it cannot.
 */
export async function estimateUntaggedCleanup(
  client: EstimateClient,
  repository: string,
  opts: { signal?: AbortSignal; onProgress?: (message: string) => void; maxManifests?: number; concurrency?: number } = {},
): Promise<CleanupEstimate> {
  const { signal } = opts;
  if (!(await client.capabilities(signal)).acr) {
    return { kind: 'unavailable', repository, reason: `${client.registry} does not list manifests (Docker Registry v2 has no manifest listing), so its untagged manifests cannot be found and no estimate can be made.` };
  }
  const plan = await planUntaggedCleanup(client, repository, { signal, onRead: (count) => opts.onProgress?.(`${count} manifests listed`) });
  const max = opts.maxManifests ?? MAX_MANIFESTS_FOR_ESTIMATE;
  if (plan.plan.length > max) {
    return { kind: 'unavailable', repository, reason: `${repository} has ${plan.plan.length} manifests; the estimate reads at most ${max} of them, and a partial one would mislead. Run the cleanup plan (Clean Up Untagged Manifests…) to see what would be deleted.` };
  }
  if (plan.deletes.length === 0) return { kind: 'estimate', repository, deletes: 0, kept: plan.keeps.length, freed: [], freedBytes: 0, shared: [], sharedBytes: 0, unreadable: [] };
  const unreadable: string[] = [];
  let read = 0;
  const bodies = await mapLimit(
    plan.plan,
    opts.concurrency ?? 4,
    async (decision) => {
      try {
        const manifest = await client.getManifest(repository, decision.digest, { signal });
        return { decision, blobs: blobsOf(manifest.body) };
      } catch (error) {
        if (signal?.aborted) throw error;
        unreadable.push(decision.digest);
        return { decision, blobs: [] as BlobRef[] };
      } finally {
        opts.onProgress?.(`${++read} of ${plan.plan.length} manifests read`);
      }
    },
    signal,
  );
  const kept = new Set<string>();
  for (const { decision, blobs } of bodies) if (decision.action === 'keep') for (const blob of blobs) kept.add(blob.digest);
  const freed = new Map<string, BlobRef>();
  const shared = new Map<string, BlobRef>();
  for (const { decision, blobs } of bodies) {
    if (decision.action !== 'delete') continue;
    for (const blob of blobs) (kept.has(blob.digest) ? shared : freed).set(blob.digest, blob);
  }
  const bySize = (a: BlobRef, b: BlobRef): number => b.size - a.size || a.digest.localeCompare(b.digest);
  const sum = (blobs: Iterable<BlobRef>): number => [...blobs].reduce((total, blob) => total + blob.size, 0);
  return {
    kind: 'estimate',
    repository,
    deletes: plan.deletes.length,
    kept: plan.keeps.length,
    freed: [...freed.values()].sort(bySize),
    freedBytes: sum(freed.values()),
    shared: [...shared.values()].sort(bySize),
    sharedBytes: sum(shared.values()),
    unreadable: unreadable.sort(),
  };
}

export interface StorageReportInput {
  /** The login server (host[:port]). */
  host: string;
  /** ARM facts of an Azure registry; absent for Other registries. */
  azure?: { name: string; sku: string };
  /** listUsages of an Azure registry; undefined with `usageError` when it could not be read. */
  usages?: StorageUsage[];
  usageError?: string;
  estimate?: CleanupEstimate;
}

const GIB = 1024 ** 3;

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

function usageSection(input: StorageReportInput): string[] {
  if (!input.azure) {
    return [`Storage usage comes from Azure Resource Manager (listUsages) and is not available for ${escapeName(input.host).text}: it is not an Azure registry from your subscriptions. The per-repository estimate below reads the registry itself.`];
  }
  const { name, sku } = input.azure;
  const included = INCLUDED_STORAGE_GIB[sku.toLowerCase()];
  const tier = `The ${sku} tier includes ${included === undefined ? 'a tier-dependent amount of' : `${included} GiB of`} storage (Basic 10 GiB, Standard 100 GiB, Premium 500 GiB).`;
  if (input.usageError) return [`The storage usage of ${name} could not be read: ${input.usageError}`, '', tier];
  const size = input.usages?.find((u) => u.name.toLowerCase() === 'size');
  if (!size) return [`ARM reported no storage usage ("Size") for ${name}.`, '', tier];
  const lines = [`| Used | Limit | Used % |`, `| --- | --- | --- |`, `| ${gib(size.currentValue)} (${formatSize(size.currentValue)}) | ${size.limit && size.limit > 0 ? gib(size.limit) : 'no limit reported'} | ${size.percent === undefined ? '–' : `${size.percent}%`} |`, '', `From ARM listUsages ("Size", as \`az acr show-usage -n ${name}\` shows it). ${tier}`];
  if (size.percent !== undefined && size.percent >= 100) lines.push('', `**${name} is full:** pushes are refused ("operation disallowed", FAQ F32) until storage is freed or the limit is raised.`);
  else if (size.percent !== undefined && size.percent >= 90) lines.push('', `**${name} is near its limit:** pushes will be refused when it is full (FAQ F32).`);
  return lines;
}

function estimateSection(estimate: CleanupEstimate): string[] {
  const name = escapeName(estimate.repository).text;
  const lines = [`## What cleaning up the untagged manifests of ${name} would free`, ''];
  if (estimate.kind === 'unavailable') return [...lines, estimate.reason];
  if (estimate.deletes === 0) return [...lines, `Nothing: the cleanup would delete no manifest of ${name} (${estimate.kept} kept: tagged images, their platform manifests, signatures and SBOMs, locked ones).`];
  lines.push(
    `The cleanup would delete ${estimate.deletes} untagged manifest${estimate.deletes === 1 ? '' : 's'} and keep ${estimate.kept}.`,
    '',
    `**At most ${formatSize(estimate.freedBytes)}** (${estimate.freed.length} layer${estimate.freed.length === 1 ? '' : 's'} and configs referenced only by those manifests, not by any kept manifest of ${name}).`,
    '',
    `This is an upper bound: a layer is stored once per registry, so layers that images in other repositories also use are not freed, and this estimate does not read other repositories. Usage also drops only some minutes after the delete (FAQ F10).`,
  );
  if (estimate.shared.length) lines.push('', `Not counted: ${estimate.shared.length} blob${estimate.shared.length === 1 ? '' : 's'} (${formatSize(estimate.sharedBytes)}) that kept manifests of ${name} also use.`);
  if (estimate.unreadable.length) lines.push('', `${estimate.unreadable.length} manifest${estimate.unreadable.length === 1 ? '' : 's'} could not be read (${estimate.unreadable.slice(0, 5).map((d) => shortDigest(d)).join(', ')}${estimate.unreadable.length > 5 ? ', …' : ''}): their layers are unknown, so the estimate may be higher than what is freed.`);
  if (estimate.freed.length) {
    lines.push('', '| Blob | Size |', '| --- | --- |', ...estimate.freed.slice(0, 20).map((blob) => `| \`${blob.digest}\` | ${formatSize(blob.size)} |`));
    if (estimate.freed.length > 20) lines.push(`| …and ${estimate.freed.length - 20} more | |`);
  }
  return lines;
}

/** The document "Show Storage Usage" opens. */
export function storageReportDocument(input: StorageReportInput): string {
  const title = input.azure ? input.azure.name : escapeName(input.host).text;
  return [
    `# Storage of ${title}`,
    '',
    ...usageSection(input),
    '',
    '## When the registry is full',
    '',
    'Pushes are refused ("operation disallowed", FAQ F32) until storage is freed (delete images or untagged manifests) or the registry moves to a tier with more included storage.',
    '',
    '## Why deleting images often frees little (FAQ F10)',
    '',
    '- **Layers are shared.** A layer is stored once per registry, however many images and repositories use it; deleting an image frees only the layers no other image still references.',
    '- **Untagged manifests still hold their layers.** Untagging (or pushing a tag again) leaves the old manifest in place, untagged, with its layers, until the manifest itself is deleted (Clean Up Untagged Manifests…).',
    '- **Usage is not updated at once.** After deleting an image without other references, usage drops some minutes later: check again then.',
    '',
    `To verify quota changes (FAQ F11): push an image with a 1 GB layer no other image shares, see the usage rise${input.azure ? ` (\`az acr show-usage -n ${input.azure.name}\`)` : ''}, delete it, and check again after a few minutes.`,
    ...(input.estimate ? ['', ...estimateSection(input.estimate)] : []),
    '',
  ].join('\n');
}
