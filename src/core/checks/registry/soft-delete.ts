import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/**
 * Soft delete (preview): deleted artifacts stay restorable for N days, but the policy cannot be combined
 * with geo-replication nor with the untagged-retention policy (Learn container-registry-soft-delete-policy).
 */
export const registrySoftDelete: Check = {
  meta: { id: 'registry.soft-delete', area: 'registry', title: 'Soft delete is consistent with replication and retention', faq: ['F09'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-soft-delete-policy' },
  run: (context) =>
    judging('the soft-delete policy', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const softDelete = registry.policies.softDelete;
      if (softDelete?.status !== 'enabled') return { status: 'pass', summary: 'Soft delete is off: deleted manifests cannot be restored.', evidence: { softDelete: softDelete?.status ?? 'not reported' } };
      const replicas = registry.sku.toLowerCase() === 'premium' ? await context.facts.replications() : [];
      const retentionOn = registry.policies.retention?.status === 'enabled';
      const evidence = { softDelete: 'enabled', retentionDays: softDelete.retentionDays ?? null, replications: replicas.map((r) => `${r.location}${r.isHome ? ' (home)' : ''}`), retentionPolicy: registry.policies.retention?.status ?? null };
      const conflicts = [replicas.length > 1 ? `geo-replication (${replicas.length} replicas)` : '', retentionOn ? 'the untagged-manifest retention policy' : ''].filter(Boolean);
      if (conflicts.length > 0) {
        return {
          status: 'fail',
          summary: `Soft delete is enabled together with ${conflicts.join(' and ')}, which the preview does not support: deleted artifacts may not be restorable.`,
          evidence,
          fixes: [
            { kind: 'command', title: 'Turn soft delete off (or remove the conflicting feature)', command: `az acr config soft-delete update -r ${registryNameOf(context.target)} --status disabled` },
            link('Soft delete limitations', 'https://learn.microsoft.com/azure/container-registry/container-registry-soft-delete-policy#preview-limitations'),
          ],
        };
      }
      return {
        status: 'pass',
        summary: `Soft delete keeps deleted artifacts for ${softDelete.retentionDays ?? 7} days: a "manifest unknown" after a delete can be restored (soft-deleted data is billed).`,
        evidence,
        fixes: [{ kind: 'command', title: 'List restorable artifacts of a repository', command: `az acr manifest list-deleted -r ${registryNameOf(context.target)} -n ${context.target.repository ?? '<repository>'}` }],
      };
    }),
};
