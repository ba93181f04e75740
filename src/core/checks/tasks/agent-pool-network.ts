import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

const AGENT_POOL_NETWORK_DOCS = 'https://learn.microsoft.com/azure/container-registry/tasks-agent-pools#add-firewall-rules';

/** F40 (info): dedicated agent pools in a VNet need outbound rules; creation times out behind a firewall or NSG. */
export const tasksAgentPoolNetwork: Check = {
  meta: { id: 'tasks.agent-pool-network', area: 'tasks', title: 'Task agent pools can reach what they need', faq: ['F40'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: AGENT_POOL_NETWORK_DOCS },
  run: (context) =>
    judging('the agent pools', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      if (registry.sku.toLowerCase() !== 'premium') return { status: 'pass', summary: `No agent pools (they need Premium; ${registry.name} is ${registry.sku}).`, evidence: { sku: registry.sku } };
      const pools = await armFacts.agentPools(context.facts);
      const evidence = { agentPools: pools.map((p) => `${p.name}: ${p.tier ?? '?'} × ${p.count ?? '?'}, ${p.provisioningState ?? '?'}${p.virtualNetworkSubnetResourceId ? `, subnet ${p.virtualNetworkSubnetResourceId.split('/').slice(-3).join('/')}` : ''}`) };
      if (pools.length === 0) return { status: 'pass', summary: 'No dedicated agent pools.', evidence };
      const failed = pools.filter((p) => (p.provisioningState ?? '').toLowerCase() === 'failed');
      const inVnet = pools.filter((p) => p.virtualNetworkSubnetResourceId);
      if (failed.length) {
        return {
          status: 'fail',
          summary: `Agent pool${failed.length > 1 ? 's' : ''} ${failed.map((p) => p.name).join(', ')} failed to provision${failed.some((p) => p.virtualNetworkSubnetResourceId) ? ': the subnet\'s NSG or firewall blocks the outbound traffic agents need (FAQ F40)' : ''}.`,
          evidence,
          fixes: [link('Agent pool firewall rules', AGENT_POOL_NETWORK_DOCS)],
        };
      }
      return {
        status: 'pass',
        summary: `${pools.length} agent pool${pools.length === 1 ? '' : 's'}${inVnet.length ? `, ${inVnet.length} in a VNet: keep the outbound rules for Azure Monitor, Key Vault, storage and the registry open` : ''}.`,
        evidence,
        fixes: inVnet.length ? [link('Agent pool firewall rules', AGENT_POOL_NETWORK_DOCS)] : [],
      };
    }),
};
