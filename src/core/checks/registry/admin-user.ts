import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** Assigned policies about the admin account ("…should have local admin account disabled", F41), by their display names. */
export function adminPolicies(assignments: Array<{ displayName?: string; name: string; enforcementMode?: string }>): string[] {
  return assignments.filter((a) => /admin/i.test(a.displayName ?? a.name) && /regist/i.test(a.displayName ?? '')).map((a) => `${a.displayName ?? a.name}${a.enforcementMode === 'DoNotEnforce' ? ' (not enforced)' : ''}`);
}

/**
 * F04/F41: the admin user is for testing only; a built-in Azure Policy can block it (or, with Modify,
 * turn it back off). Never reads the credentials: evidence carries no password.
 */
export const registryAdminUser: Check = {
  meta: { id: 'registry.admin-user', area: 'registry', title: 'The admin user is off (or knowingly on)', faq: ['F04', 'F41'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account' },
  run: (context) =>
    judging('the admin user setting', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      let policies: string[] = [];
      try {
        policies = adminPolicies(await armFacts.policyAssignments(context.facts));
      } catch {
        // Policy assignments need Reader on the scope; the setting alone still answers.
      }
      const evidence = { adminUserEnabled: registry.adminUserEnabled, policies };
      if (registry.adminUserEnabled) {
        return {
          status: 'warn',
          summary: `The admin user of ${registry.name} is enabled: one shared account with full push/pull, meant for testing only (FAQ F04)${policies.length ? `; assigned policy: ${policies.join(', ')}` : ''}. Prefer Entra identities or scoped tokens.`,
          evidence,
          fixes: [azAcrUpdate(context.target, 'Disable the admin user', '--admin-enabled false'), link('Authentication options', 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication')],
        };
      }
      return {
        status: 'pass',
        summary: `The admin user is disabled${policies.length ? ` (enforced by policy: ${policies.join(', ')}; admin credentials will not work, and a Modify policy turns it off again)` : ''}.`,
        evidence,
      };
    }),
};
