/** What plain /v2 registries lack, rebuilt from /v2 reads: tags newest first, and the manifests reachable from tags. */
import { isAbortError } from '../errors';
import { mapLimit } from '../concurrency';
import type { RegistryConnection } from './connection';
import { isDigest } from './digest';
import { fetchManifest } from './fetchedManifest';
import { configDigestOf, readImageConfig } from './imageConfig';
import { field } from './json';
import { indexChildren, isIndexMediaType } from './manifest';
import { withContent } from './manifestContents';
import type { FetchedManifest, ManifestInfo, TagInfo } from './types';

/** 'newest' ordering without ACR: a manifest and config read per tag (the only place /v2 keeps a date), newest first, then by name. */
export async function tagsNewestFirst(connection: RegistryConnection, repo: string, names: string[], concurrency: number, signal?: AbortSignal): Promise<TagInfo[]> {
  const details = await mapLimit(names, concurrency, (name) => tagWithConfigDate(connection, repo, name, signal), signal);
  details.sort((a, b) => (b.createdTime ?? '').localeCompare(a.createdTime ?? '') || a.name.localeCompare(b.name));
  return details;
}

/** A tag's digest and the image config's `created`. */
async function tagWithConfigDate(connection: RegistryConnection, repo: string, tag: string, signal?: AbortSignal): Promise<TagInfo> {
  const manifest = await fetchManifest(connection, repo, tag, signal);
  let image = manifest;
  if (manifest.platforms && manifest.platforms.length > 0) image = await fetchManifest(connection, repo, manifest.platforms[0].digest, signal);
  const configDigest = configDigestOf(image.body);
  let createdTime: string | undefined;
  if (configDigest !== undefined && isDigest(configDigest)) {
    const config = await readImageConfig(connection, repo, configDigest, `reading the image config of ${repo}:${tag}`, signal);
    const created = field(config.json, 'created');
    // An artifact's config need not be JSON; it simply has no date.
    if (typeof created === 'string') createdTime = created;
  }
  return { name: tag, digest: manifest.digest, createdTime };
}

export interface ReachableSources {
  /** Every tag of the repository (only the names are used). */
  tags: AsyncIterable<TagInfo>;
  /** Referrers of these subjects ([] where the registry has no referrers API); asked once the index walk is done. */
  referrersOf(subjects: string[]): Promise<ManifestInfo[]>;
}

/**
 * The tagged manifests, their index children (transitively) and their referrers: all /v2 can see without a
 * manifest listing. A tag whose manifest cannot be read fails the listing (its digest is unknown, so it
 * could not even be kept by name); a nested index that cannot be read is returned `unreadable`.
 */
export async function reachableManifests(connection: RegistryConnection, repo: string, concurrency: number, sources: ReachableSources, signal?: AbortSignal): Promise<ManifestInfo[]> {
  const purpose = `listing manifests of ${repo}`;
  const tagNames: string[] = [];
  for await (const tag of sources.tags) tagNames.push(tag.name);
  const byDigest = new Map<string, ManifestInfo>();
  const fetched = await mapLimit(tagNames, concurrency, (tag) => fetchManifest(connection, repo, tag, signal, purpose), signal);
  const pendingIndexes: FetchedManifest[] = [];
  fetched.forEach((manifest, i) => {
    const existing = byDigest.get(manifest.digest);
    if (existing) {
      existing.tags.push(tagNames[i]);
      return;
    }
    byDigest.set(manifest.digest, infoFromFetched(manifest, [tagNames[i]]));
    if (manifest.platforms) pendingIndexes.push(manifest);
  });
  // Children of indexes, transitively (an index may list indexes).
  while (pendingIndexes.length > 0) {
    const index = pendingIndexes.pop() as FetchedManifest;
    const nested: string[] = [];
    for (const child of indexChildren(index.body).children) {
      if (byDigest.has(child.digest)) continue;
      if (isIndexMediaType(child.mediaType)) {
        nested.push(child.digest);
        continue;
      }
      // Known from the parent's descriptor only: its own body was not read (`read` stays absent).
      byDigest.set(child.digest, { digest: child.digest, mediaType: child.mediaType, size: child.size, tags: [], platform: child.platform, references: [], artifactType: child.artifactType });
    }
    const children = await mapLimit(
      nested,
      concurrency,
      async (digest): Promise<FetchedManifest | ManifestInfo> => {
        try {
          return await fetchManifest(connection, repo, digest, signal, purpose);
        } catch (error) {
          if (isAbortError(error) || signal?.aborted) throw error;
          return { digest, tags: [], references: [], unreadable: error instanceof Error ? error.message : String(error) };
        }
      },
      signal,
    );
    for (const child of children) {
      if (byDigest.has(child.digest)) continue;
      if ('raw' in child) {
        byDigest.set(child.digest, infoFromFetched(child, []));
        pendingIndexes.push(child);
      } else byDigest.set(child.digest, child);
    }
  }
  for (const referrer of await sources.referrersOf([...byDigest.keys()])) if (!byDigest.has(referrer.digest)) byDigest.set(referrer.digest, referrer);
  return [...byDigest.values()];
}

function infoFromFetched(manifest: FetchedManifest, tags: string[]): ManifestInfo {
  return withContent({ digest: manifest.digest, tags, references: [] }, manifest);
}
