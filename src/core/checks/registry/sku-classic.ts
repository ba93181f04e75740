import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** FAQ F32: Classic registries refuse many operations ("operation disallowed") and are retired. */
export const registrySkuClassic: Check = {
  meta: { id: 'registry.sku-classic', area: 'registry', title: 'The registry is not on the retired Classic tier', faq: ['F32'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-skus' },
  run: (context) =>
    judging('the registry tier', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      if (registry.sku.toLowerCase() !== 'classic') return { status: 'pass', summary: `Tier ${registry.sku}.`, evidence: { sku: registry.sku } };
      return {
        status: 'fail',
        summary: `${registry.name} is a Classic registry: retired, no Tasks, webhooks, geo-replication or Entra roles, and operations fail with "The operation is disallowed on this registry" (FAQ F32). Upgrade it.`,
        evidence: { sku: registry.sku },
        fixes: [azAcrUpdate(context.target, 'Upgrade to a managed tier', '--sku Basic'), link('Registry tiers', 'https://learn.microsoft.com/azure/container-registry/container-registry-skus')],
      };
    }),
};
