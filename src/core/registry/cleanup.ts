import type { RegistryClient } from './client';
import type { RegistryError } from './errors';
import type { CleanupDecision, ManifestInfo } from './types';

/** Decides which untagged manifests can go (FAQ F09) without breaking a tagged image. Pure. */
export class CleanupPlanner {
  plan(_manifests: ManifestInfo[]): CleanupDecision[] {
    throw new Error('not implemented');
  }
}

export async function executeCleanup(
  _client: RegistryClient,
  _repo: string,
  _plan: CleanupDecision[],
  _opts: { dryRun: boolean; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<{ deleted: string[]; failed: Array<{ digest: string; error: RegistryError }> }> {
  throw new Error('not implemented');
}
