import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** F17/F32: with quarantine on, a pushed image stays invisible (and unpullable) until a scanner marks it Passed. */
export const registryQuarantine: Check = {
  meta: { id: 'registry.quarantine', area: 'registry', title: 'Quarantine is not hiding pushed images', faq: ['F17', 'F32'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://github.com/Azure/acr/tree/main/docs/preview/quarantine' },
  run: (context) =>
    judging('the quarantine policy', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const status = registry.policies.quarantine?.status ?? 'disabled';
      if (status !== 'enabled') return { status: 'pass', summary: 'Quarantine is off.', evidence: { quarantine: status } };
      return {
        status: 'warn',
        summary: 'Quarantine is on: newly pushed images cannot be pulled (pulls fail as "operation disallowed" or "manifest unknown") until a scanner sets their state to Passed.',
        evidence: { quarantine: status },
        fixes: [
          azAcrUpdate(context.target, 'Turn quarantine off if no scanner is wired up', '--set policies.quarantinePolicy.status=disabled'),
          link('Quarantine pattern (preview)', 'https://github.com/Azure/acr/tree/main/docs/preview/quarantine'),
        ],
      };
    }),
};
