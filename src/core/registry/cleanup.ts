/**
 * Cleanup of untagged manifests (FAQ F09) that never breaks a tagged image.
 * The FAQ's `[?tags[0]==null]` query deletes the platform manifests of a
 * multi-arch image (they are untagged by nature) and the signatures/SBOMs of
 * kept images; the planner keeps everything reachable from a tag or a lock
 * instead, and decides only from what was READ: a manifest whose children or
 * subject are unknown is kept, and while any kept manifest could hold
 * manifests nobody could read, no untagged manifest is deleted at all.
 * The rules are in docs/decisions/registry-client.md ("Cleanup safety rules").
 */
import { CancelledError, isAbortError } from '../errors';
import type { RegistryClient } from './client';
import { isDigest, quoteInvalid } from './digest';
import { NotFoundError, RegistryError } from './errors';
import { isSingleManifestMediaType } from './manifest';
import type { CleanupDecision, ManifestInfo, RejectedDigest } from './types';

export interface PlannedDecision extends CleanupDecision {
  /** For a delete: other deletes that reference this manifest (its index, its referrers); they go first. */
  deleteAfter?: string[];
  /** For a keep: kept only because something that could hold it could not be read (or was not a digest). */
  blocked?: true;
}

export interface PlanContext {
  /** Listing entries whose digest was not a digest: each could be an index holding anything, so nothing untagged goes. */
  rejected?: RejectedDigest[];
}

const short = (digest: string): string => {
  const colon = digest.indexOf(':');
  return colon >= 0 ? `${digest.slice(0, colon + 13)}` : digest.slice(0, 12);
};

/** Its children are known: read, or none by its media type (an image manifest lists no manifests). */
function childrenKnown(manifest: ManifestInfo): boolean {
  return manifest.read?.references === true || isSingleManifestMediaType(manifest.mediaType);
}

/** Its subject is known: its body was read, or a referrers answer named it. */
function subjectKnown(manifest: ManifestInfo): boolean {
  return manifest.read?.subject === true || manifest.subject !== undefined;
}

export class CleanupPlanner {
  /**
   * One decision per manifest: keeps first (input order), then deletes ordered so
   * that an index is deleted before its children and a referrer before its
   * subject: at no point does a remaining manifest point at a deleted one.
   */
  plan(manifests: ManifestInfo[], context: PlanContext = {}): PlannedDecision[] {
    const byDigest = new Map<string, ManifestInfo>();
    // A digest that is not a digest never enters a plan (the client reports it; this is the planner's own guard).
    const rejected = [...(context.rejected ?? [])];
    for (const manifest of manifests) {
      if (!isDigest(manifest.digest)) rejected.push({ where: 'the planner input', value: quoteInvalid(manifest.digest) });
      else if (!byDigest.has(manifest.digest)) byDigest.set(manifest.digest, manifest);
    }
    const referrersOf = new Map<string, ManifestInfo[]>();
    const parentsOf = new Map<string, string[]>();
    for (const manifest of byDigest.values()) {
      if (manifest.subject) push(referrersOf, manifest.subject, manifest);
      for (const child of manifest.references) push(parentsOf, child, manifest.digest);
    }

    const keptReason = new Map<string, string>();
    const queue: string[] = [];
    const keep = (digest: string, reason: string) => {
      if (keptReason.has(digest)) return;
      keptReason.set(digest, reason);
      queue.push(digest);
    };
    // Everything reachable from what is kept: index children (transitively) and referrers of kept manifests.
    const closure = () => {
      while (queue.length > 0) {
        const digest = queue.shift() as string;
        const manifest = byDigest.get(digest) as ManifestInfo;
        const why = describeRoot(manifest);
        for (const child of manifest.references) {
          if (!byDigest.has(child)) continue;
          const platform = byDigest.get(child)?.platform;
          const platformText = platform ? ` (${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''})` : '';
          keep(child, `platform manifest${platformText} of kept index ${short(digest)} (${why})`);
        }
        for (const referrer of referrersOf.get(digest) ?? []) {
          keep(referrer.digest, `${referrer.artifactType ? `${referrer.artifactType} ` : ''}referrer of kept ${short(digest)} (${why})`);
        }
      }
    };

    // Roots: tagged manifests, locked ones (they stay, so what they need stays), and unreadable ones.
    for (const manifest of byDigest.values()) {
      const unreadable = manifest.unreadable === undefined ? undefined : `could not be read (${manifest.unreadable})`;
      if (manifest.tags.length > 0) keep(manifest.digest, `tagged ${manifest.tags.join(', ')}${unreadable ? `; ${unreadable}, so anything it could hold is kept` : ''}`);
      else if (lockOf(manifest)) keep(manifest.digest, `untagged, but locked against deletion (${lockOf(manifest)}); unlock it first if it should go${unreadable ? `; ${unreadable}, so anything it could hold is kept` : ''}`);
      else if (unreadable) keep(manifest.digest, `${unreadable}; kept, and so is anything it could hold`);
    }
    closure();
    // Then what was never read: its children or subject are unknown, so it may belong to a kept image.
    for (const manifest of byDigest.values()) {
      if (keptReason.has(manifest.digest)) continue;
      if (!childrenKnown(manifest)) keep(manifest.digest, 'untagged, but its content was not read (a listing does not name an index\'s children): kept, with anything it could hold');
      else if (!subjectKnown(manifest)) keep(manifest.digest, 'untagged, but its content was not read, so whether it signs or describes a kept image is unknown: kept');
    }
    closure();

    // A kept manifest whose children are unknown could hold any untagged manifest: then none is deleted.
    const blocker = [...keptReason.keys()].map((digest) => byDigest.get(digest) as ManifestInfo).find((manifest) => !childrenKnown(manifest));
    const blockedReason = blocker
      ? `untagged, but kept: ${short(blocker.digest)} ${blocker.unreadable === undefined ? 'was only listed, not read' : 'could not be read (see its own decision)'}, and it may be an index that could hold this manifest, so no untagged manifest is deleted; fix that read and plan again`
      : rejected.length > 0
        ? `untagged, but kept: ${rejected[0].where} has an entry whose digest is not a digest (${rejected[0].value}); it could be an index holding this manifest, so no untagged manifest is deleted`
        : undefined;

    const keeps: PlannedDecision[] = [];
    const deletes: ManifestInfo[] = [];
    for (const manifest of byDigest.values()) {
      const reason = keptReason.get(manifest.digest);
      if (reason !== undefined) keeps.push({ digest: manifest.digest, action: 'keep', reason });
      else if (blockedReason !== undefined) keeps.push({ digest: manifest.digest, action: 'keep', reason: blockedReason, blocked: true });
      else deletes.push(manifest);
    }

    const deleting = new Set(deletes.map((m) => m.digest));
    const blockers = (manifest: ManifestInfo): string[] => {
      const out = new Set<string>();
      for (const parent of parentsOf.get(manifest.digest) ?? []) if (deleting.has(parent)) out.add(parent);
      for (const referrer of referrersOf.get(manifest.digest) ?? []) if (deleting.has(referrer.digest)) out.add(referrer.digest);
      out.delete(manifest.digest);
      return [...out];
    };
    const deleteDecisions = deletes.map((manifest): PlannedDecision => {
      const after = blockers(manifest);
      const decision: PlannedDecision = { digest: manifest.digest, action: 'delete', reason: deleteReason(manifest, byDigest, parentsOf, deleting) };
      if (after.length > 0) decision.deleteAfter = after;
      return decision;
    });
    return [...keeps, ...topologicalOrder(deleteDecisions)];
  }
}

function describeRoot(manifest: ManifestInfo): string {
  if (manifest.tags.length > 0) return `tagged ${manifest.tags.join(', ')}`;
  if (lockOf(manifest)) return 'locked';
  if (manifest.unreadable !== undefined) return 'unreadable';
  return 'kept';
}

/** ACR refuses to delete a manifest with deleteEnabled or writeEnabled false (a read-only lock covers deletion too). */
function lockOf(manifest: ManifestInfo): string | undefined {
  const attributes = manifest.changeableAttributes;
  if (attributes?.deleteEnabled === false) return 'deleteEnabled: false';
  if (attributes?.writeEnabled === false) return 'writeEnabled: false';
  return undefined;
}

function deleteReason(manifest: ManifestInfo, byDigest: Map<string, ManifestInfo>, parentsOf: Map<string, string[]>, deleting: Set<string>): string {
  if (manifest.subject) {
    if (!byDigest.has(manifest.subject)) return `untagged referrer of ${short(manifest.subject)}, which no longer exists`;
    if (deleting.has(manifest.subject)) return `untagged referrer of ${short(manifest.subject)}, which is deleted too`;
  }
  const parents = (parentsOf.get(manifest.digest) ?? []).filter((p) => deleting.has(p));
  if (parents.length > 0) return `untagged; only referenced by index ${parents.map(short).join(', ')}, which is deleted too`;
  return 'untagged, and not referenced by any tagged or locked manifest (no index lists it, it refers to nothing kept)';
}

/** Deletes ordered after their blockers (Kahn); a cycle (impossible with content digests) keeps input order. */
function topologicalOrder(decisions: PlannedDecision[]): PlannedDecision[] {
  const remaining = new Map(decisions.map((d) => [d.digest, d]));
  const done = new Set<string>();
  const ordered: PlannedDecision[] = [];
  while (remaining.size > 0) {
    let progressed = false;
    for (const decision of remaining.values()) {
      if ((decision.deleteAfter ?? []).every((b) => done.has(b) || !remaining.has(b))) {
        ordered.push(decision);
        done.add(decision.digest);
        remaining.delete(decision.digest);
        progressed = true;
      }
    }
    if (!progressed) {
      ordered.push(...remaining.values());
      break;
    }
  }
  return ordered;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface CleanupResult {
  /** Digests actually deleted (empty in a dry run). */
  deleted: string[];
  failed: Array<{ digest: string; error: RegistryError }>;
  /** Digests the plan would delete (the same list in a dry run and a real one). */
  planned: string[];
  dryRun: boolean;
}

/**
 * Carries out a plan: nothing is deleted unless `dryRun` is false. Deletes run
 * `concurrency` at a time, each only after the deletes that must precede it
 * (its index, its referrers); if one of those failed, it is skipped (left in
 * place, reported as failed) so no kept manifest ever points at a missing one.
 * A manifest already gone (404) counts as deleted. On ACR each manifest is
 * re-read just before its delete: one tagged or locked since the plan is skipped.
 */
export async function executeCleanup(
  client: RegistryClient,
  repo: string,
  plan: CleanupDecision[],
  opts: {
    dryRun: boolean;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
    concurrency?: number;
    /** Re-read each manifest's tags and locks just before deleting it (ACR only; default true). */
    recheck?: boolean;
  },
): Promise<CleanupResult> {
  const deletes = plan.filter((d) => d.action === 'delete') as PlannedDecision[];
  const planned = deletes.map((d) => d.digest);
  const dryRun = opts.dryRun !== false;
  if (dryRun) {
    opts.onProgress?.(deletes.length, deletes.length);
    return { deleted: [], failed: [], planned, dryRun: true };
  }
  const deleted: string[] = [];
  const failed: Array<{ digest: string; error: RegistryError }> = [];
  const failedSet = new Set<string>();
  const finished = new Map<string, Promise<boolean>>();
  const inPlan = new Set(planned);
  let done = 0;
  let active = 0;
  const waiters: Array<() => void> = [];
  const limit = Math.max(1, opts.concurrency ?? 4);
  const acquire = async () => {
    while (active >= limit) await new Promise<void>((resolve) => waiters.push(resolve));
    active++;
  };
  const release = () => {
    active--;
    waiters.shift()?.();
  };

  const run = async (decision: PlannedDecision): Promise<boolean> => {
    // Only blockers earlier in the plan are awaited (they are already in `finished`): no wait can be circular.
    const blockers = (decision.deleteAfter ?? []).filter((b) => inPlan.has(b) && finished.has(b));
    const results = await Promise.all(blockers.map((b) => finished.get(b) as Promise<boolean>));
    try {
      if (results.some((ok) => !ok)) {
        const blocker = blockers.find((b) => failedSet.has(b)) ?? blockers[0];
        failed.push({
          digest: decision.digest,
          error: new RegistryError('REGISTRY_CLEANUP_SKIPPED', `Skipped ${decision.digest}: ${blocker} still references it and could not be deleted.`, {
            hint: 'Fix the failure of the referencing manifest, then run the cleanup again.',
          }),
        });
        failedSet.add(decision.digest);
        return false;
      }
      if (opts.signal?.aborted) throw new CancelledError();
      if (!isDigest(decision.digest)) {
        failed.push({ digest: decision.digest, error: new RegistryError('REGISTRY_CLEANUP_SKIPPED', `Skipped ${quoteInvalid(decision.digest)}: it is not a digest, so it is never sent to the registry.`) });
        failedSet.add(decision.digest);
        return false;
      }
      await acquire();
      try {
        if (opts.recheck !== false) {
          // The plan may be stale: a push may have tagged or a lock protected this manifest since (ACR can tell us).
          const current = await client.manifestInfo(repo, decision.digest, { signal: opts.signal });
          const changed = current && (current.tags.length > 0 ? `it is now tagged ${current.tags.join(', ')}` : lockOf(current) ? `it is now locked (${lockOf(current)})` : undefined);
          if (changed) {
            failed.push({
              digest: decision.digest,
              error: new RegistryError('REGISTRY_CLEANUP_SKIPPED', `Skipped ${decision.digest}: ${changed}, so the plan no longer applies.`, {
                hint: 'Plan the cleanup again to see the current state.',
              }),
            });
            failedSet.add(decision.digest);
            return false;
          }
        }
        await client.deleteManifest(repo, decision.digest, { signal: opts.signal });
        deleted.push(decision.digest);
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) {
          deleted.push(decision.digest);
          return true;
        }
        if (isAbortError(error)) throw error;
        failed.push({ digest: decision.digest, error: error instanceof RegistryError ? error : new RegistryError('REGISTRY_CLEANUP_FAILED', `Deleting ${decision.digest} failed.`, { cause: error }) });
        failedSet.add(decision.digest);
        return false;
      } finally {
        release();
      }
    } finally {
      done++;
      opts.onProgress?.(done, deletes.length);
    }
  };
  // Plans from CleanupPlanner are ordered blockers-first, so each blocker's promise exists before its dependants start.
  for (const decision of deletes) finished.set(decision.digest, run(decision));
  const outcomes = await Promise.allSettled(finished.values());
  const rejection = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejection) throw rejection.reason;
  return { deleted, failed, planned, dryRun: false };
}
