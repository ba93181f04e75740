import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/**
 * `networkRuleBypassAllowedForTasks`: on a registry with restricted network access, ACR Tasks (and
 * `az acr build/run`) are refused by the registry's own firewall — "client with IP '52.x' is not allowed
 * access" — even with trusted services allowed (Azure/azure-cli #27253, Azure/acr #627).
 */
export const tasksNetworkBypass: Check = {
  meta: { id: 'tasks.network-bypass', area: 'tasks', title: 'Tasks may pass the registry’s own firewall', faq: ['F40'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/allow-access-trusted-services#about-trusted-services-workflow' },
  run: (context) =>
    judging('the tasks and network rules', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      if (registry.sku.toLowerCase() === 'classic') return { status: 'pass', summary: 'Classic registries have no Tasks.', evidence: { sku: registry.sku } };
      const restricted = registry.publicNetworkAccess === 'Disabled' || registry.networkRuleSet?.defaultAction === 'Deny';
      const evidence = {
        publicNetworkAccess: registry.publicNetworkAccess ?? null,
        defaultAction: registry.networkRuleSet?.defaultAction ?? null,
        networkRuleBypassOptions: registry.networkRuleBypassOptions ?? null,
        networkRuleBypassAllowedForTasks: registry.networkRuleBypassAllowedForTasks ?? null,
      };
      if (!restricted) return { status: 'pass', summary: 'Network access is not restricted, so Tasks reach the registry.', evidence };
      if (registry.networkRuleBypassAllowedForTasks === true) return { status: 'pass', summary: 'Network access is restricted and Tasks are allowed to bypass it.', evidence };
      const tasks = await armFacts.tasks(context.facts);
      const withTasks = { ...evidence, tasks: tasks.map((t) => t.name) };
      return {
        status: tasks.length ? 'warn' : 'pass',
        summary: tasks.length
          ? `Network access is restricted and Tasks may not bypass it (networkRuleBypassAllowedForTasks ${registry.networkRuleBypassAllowedForTasks === false ? 'false' : 'not set'}): ${tasks.map((t) => t.name).join(', ')} and \`az acr build/run\` fail with "client with IP … is not allowed access".`
          : 'Network access is restricted and Tasks may not bypass it; no tasks are defined, but `az acr build` and `az acr run` will be refused.',
        evidence: withTasks,
        fixes: [azAcrUpdate(context.target, 'Allow Tasks through the firewall', '--set networkRuleBypassAllowedForTasks=true'), link('Tasks and the registry firewall', 'https://learn.microsoft.com/azure/container-registry/allow-access-trusted-services')],
      };
    }),
};
