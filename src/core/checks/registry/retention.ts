import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** The untagged-manifest retention policy (Premium): untagged platform manifests and digest pins vanish after N days. */
export const registryRetention: Check = {
  meta: { id: 'registry.retention', area: 'registry', title: 'Untagged-manifest retention', faq: ['F09'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy' },
  run: (context) =>
    judging('the retention policy', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const retention = registry.policies.retention;
      const evidence = { retention: retention?.status ?? 'not reported', days: retention?.days ?? null, sku: registry.sku };
      if (retention?.status !== 'enabled') return { status: 'pass', summary: 'Untagged manifests are kept (no retention policy).', evidence };
      const days = retention.days ?? 7;
      const summary = `Untagged manifests are deleted ${days === 0 ? 'right away' : `after ${days} day${days === 1 ? '' : 's'}`}: deployments that pin an untagged digest break then${registry.policies.softDelete?.status === 'enabled' ? '' : ', and the deletion cannot be undone'}.`;
      const fixes = [
        { kind: 'command' as const, title: 'Keep untagged manifests longer', command: `az acr config retention update -r ${registryNameOf(context.target)} --status enabled --days 30 --type UntaggedManifests` },
        link('Retention policy for untagged manifests', 'https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy'),
      ];
      return { status: days === 0 ? 'warn' : 'pass', summary, evidence, fixes };
    }),
};
