import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';
import { describeAssignment } from './roles';

const READS_SUBSCRIPTION = new Set(['reader', 'contributor', 'owner']);

/** F06: deleting a replication fails with Forbidden unless you can read the subscription. */
export const rbacReaderSubscription: Check = {
  meta: { id: 'rbac.reader-subscription', area: 'rbac', title: 'You can read the subscription (needed to delete replications)', faq: ['F06'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#why-does-deletion-of-a-replication-fail-with-forbidden-status-even-though-i-have-the-necessary-permissions' },
  run: (context) =>
    judging('your role assignments', async (): Promise<CheckOutcome> => {
      const [registry, assignments] = await Promise.all([context.facts.armRegistry(), context.facts.roleAssignments()]);
      const atSubscription = assignments.filter((a) => (a.scopeKind === 'subscription' || a.scopeKind === 'managementGroup' || a.scopeKind === 'root') && READS_SUBSCRIPTION.has((a.roleName ?? '').toLowerCase()));
      const evidence = { subscriptionRoles: atSubscription.map(describeAssignment), sku: registry.sku };
      if (atSubscription.length > 0) return { status: 'pass', summary: `You can read the subscription (${describeAssignment(atSubscription[0]!)}).`, evidence };
      if (registry.sku.toLowerCase() !== 'premium') return { status: 'pass', summary: `No subscription-wide read role, which only matters for geo-replicas (Premium; ${registry.name} is ${registry.sku}).`, evidence };
      return {
        status: 'warn',
        summary: 'You hold no Reader (or Contributor/Owner) on the subscription: deleting a replication will fail with Forbidden even with rights on the registry (FAQ F06).',
        evidence,
        fixes: [
          { kind: 'command', title: 'Ask for Reader on the subscription', command: `az role assignment create --assignee <your object id> --role Reader --scope /subscriptions/${registry.subscriptionId}` },
          link('FAQ: replication deletion fails with Forbidden', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#why-does-deletion-of-a-replication-fail-with-forbidden-status-even-though-i-have-the-necessary-permissions'),
        ],
      };
    }),
};
