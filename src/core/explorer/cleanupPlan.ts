/**
 * "Clean up untagged manifests" (FAQ F09) for the explorer: read every manifest, let the
 * core CleanupPlanner decide (it keeps what a tagged index or a referrer needs, and what it
 * could not read), and say the plan in words a confirmation can show. Execution is the
 * core executeCleanup; this only prepares and describes.
 */
import { CleanupPlanner, type ManifestInfo, type PlannedDecision, type RegistryClient, type RejectedDigest } from '../registry/index';
import { escapeName } from './format';

export interface UntaggedCleanupPlan {
  repository: string;
  plan: PlannedDecision[];
  deletes: PlannedDecision[];
  keeps: PlannedDecision[];
  rejected: RejectedDigest[];
  /** The plan as a Markdown document: one line per manifest with its decision and reason. */
  document: string;
}

export async function planUntaggedCleanup(client: Pick<RegistryClient, 'manifests' | 'registry'>, repository: string, opts: { signal?: AbortSignal; onRead?: (count: number) => void } = {}): Promise<UntaggedCleanupPlan> {
  const rejected: RejectedDigest[] = [];
  const manifests: ManifestInfo[] = [];
  for await (const manifest of client.manifests(repository, { signal: opts.signal, onRejected: (entry) => rejected.push(entry) })) {
    manifests.push(manifest);
    opts.onRead?.(manifests.length);
  }
  const plan = new CleanupPlanner().plan(manifests, { rejected });
  const deletes = plan.filter((d) => d.action === 'delete');
  const keeps = plan.filter((d) => d.action === 'keep');
  const name = escapeName(repository).text;
  const lines = [
    `# Cleanup plan for ${client.registry}/${name}`,
    '',
    `${deletes.length} untagged manifest(s) to delete, ${keeps.length} kept. Nothing is deleted until you confirm.`,
    '',
    'Kept: every tagged manifest, the platform manifests of a tagged multi-arch index, the signatures and SBOMs of kept images, locked manifests, and anything the plan could not read.',
    '',
    '| Action | Digest | Reason |',
    '| --- | --- | --- |',
    ...plan.map((d) => `| ${d.action} | \`${d.digest}\` | ${d.reason.replace(/\|/g, '\\|')} |`),
  ];
  if (rejected.length) lines.push('', `${rejected.length} listing entr${rejected.length === 1 ? 'y' : 'ies'} had a digest that is not a digest; nothing untagged is deleted while they are unexplained.`);
  return { repository, plan, deletes, keeps, rejected, document: lines.join('\n') };
}
