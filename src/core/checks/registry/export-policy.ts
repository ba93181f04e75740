import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** Export policy (data-loss prevention): disabled, `az acr import` from this registry and transfer pipelines are refused. */
export const registryExportPolicy: Check = {
  meta: { id: 'registry.export-policy', area: 'registry', title: 'Export policy and public network access agree', faq: ['F31'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/data-loss-prevention' },
  run: (context) =>
    judging('the export policy', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const status = registry.policies.export?.status ?? 'enabled';
      const evidence = { exportPolicy: status, publicNetworkAccess: registry.publicNetworkAccess ?? null };
      if (status !== 'disabled') return { status: 'pass', summary: 'Exports are allowed (az acr import from this registry, transfer pipelines).', evidence };
      const inconsistent = registry.publicNetworkAccess !== 'Disabled';
      return {
        status: 'warn',
        summary: `Exports are disabled: \`az acr import\` from ${registry.name} and transfer pipelines are refused${inconsistent ? '; Azure also requires public network access to be disabled for this, which it is not' : ''}.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Allow exports again', command: `az resource update --ids ${registry.id} --set properties.policies.exportPolicy.status=enabled` },
          link('Data loss prevention (export policy)', 'https://learn.microsoft.com/azure/container-registry/data-loss-prevention'),
          { kind: 'command', title: 'Show the setting', command: `az acr show -n ${registryNameOf(context.target)} --query policies.exportPolicy` },
        ],
      };
    }),
};
