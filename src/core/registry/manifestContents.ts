/**
 * Reads what a listing cannot say: an index's children and a manifest's subject. ACR's _manifests
 * listing has neither (acr-recorded/data-plane/acr-v1-manifests-list.json), so before anything is
 * planned every index, every manifest of unknown type and every untagged manifest is read through
 * /v2 (digest-verified). A read that fails marks the manifest `unreadable` with the reason; it never
 * drops it and never guesses.
 */
import { isAbortError } from '../errors';
import { mapLimit } from '../concurrency';
import type { RegistryConnection } from './connection';
import { fetchManifest } from './fetchedManifest';
import { artifactTypeOf, isKnownManifestMediaType, isSingleManifestMediaType } from './manifest';
import type { FetchedManifest, ManifestInfo } from './types';

/** Whether a planner must see this manifest's own content: everything but a tagged or locked image manifest. */
function needsRead(manifest: ManifestInfo): boolean {
  if (manifest.read?.references && manifest.read.subject) return false;
  const keptByItself = manifest.tags.length > 0 || manifest.changeableAttributes?.deleteEnabled === false || manifest.changeableAttributes?.writeEnabled === false;
  return !(keptByItself && isSingleManifestMediaType(manifest.mediaType));
}

/** `listed` with the content of each manifest that needs it read, `concurrency` reads at a time, in input order. */
export async function readManifestContents(connection: RegistryConnection, repo: string, listed: ManifestInfo[], concurrency: number, signal?: AbortSignal): Promise<ManifestInfo[]> {
  return mapLimit(
    listed,
    concurrency,
    async (manifest) => {
      if (!needsRead(manifest)) return manifest;
      let fetched: FetchedManifest;
      try {
        fetched = await fetchManifest(connection, repo, manifest.digest, signal, `listing manifests of ${repo}`);
      } catch (error) {
        // Cancelling stops the whole listing; any other failure is this manifest's reason to be kept.
        if (isAbortError(error) || signal?.aborted) throw error;
        return { ...manifest, unreadable: error instanceof Error ? error.message : String(error) };
      }
      return withContent(manifest, fetched);
    },
    signal,
  );
}

/** A listed manifest completed from its fetched body. */
export function withContent(manifest: ManifestInfo, fetched: FetchedManifest): ManifestInfo {
  const info: ManifestInfo = {
    ...manifest,
    mediaType: fetched.mediaType,
    size: manifest.size ?? fetched.size,
    references: fetched.platforms?.map((p) => p.digest) ?? [],
    subject: fetched.subject,
    artifactType: manifest.artifactType ?? artifactTypeOf(fetched.body),
  };
  if (!isKnownManifestMediaType(fetched.mediaType)) {
    info.unreadable = `its media type ${JSON.stringify(fetched.mediaType.slice(0, 100))} is not one acr-doctor can read, so what it references is unknown`;
    return info;
  }
  info.read = { references: true, subject: true };
  return info;
}
