import { ageMinutes, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrLogin, link, loginServerOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';
import { describeAssignment } from './roles';

/** Role assignments younger than this may not apply yet (Entra propagation; ACR's token server caches up to ~10 min). */
export const PROPAGATION_MINUTES = 10;

/** F27/F39: a fresh role assignment explains "unauthorized" for a few minutes. */
export const rbacPropagation: Check = {
  meta: { id: 'rbac.propagation', area: 'rbac', title: 'Your role assignments have had time to apply', faq: ['F27', 'F39'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected' },
  run: (context) =>
    judging('your role assignments', async (): Promise<CheckOutcome> => {
      const assignments = await context.facts.roleAssignments();
      const now = context.now();
      const fresh = assignments
        .map((a) => ({ a, minutes: ageMinutes(a.createdOn, now) }))
        .filter((x): x is { a: typeof x.a; minutes: number } => x.minutes !== undefined && x.minutes >= 0 && x.minutes < PROPAGATION_MINUTES);
      const evidence = { assignments: assignments.map((a) => `${describeAssignment(a)}${a.createdOn ? `, created ${a.createdOn}` : ''}`), fresh: fresh.map((x) => `${describeAssignment(x.a)}: ${x.minutes} min old`) };
      if (fresh.length === 0) return { status: 'pass', summary: `No role assignment younger than ${PROPAGATION_MINUTES} minutes.`, evidence };
      const wait = PROPAGATION_MINUTES - Math.max(...fresh.map((x) => x.minutes));
      return {
        status: 'warn',
        summary: `${fresh.map((x) => `${x.a.roleName ?? 'A role'} was assigned ${x.minutes} minute${x.minutes === 1 ? '' : 's'} ago`).join('; ')}: it may not apply for up to ${PROPAGATION_MINUTES} minutes (FAQ F27). Wait about ${wait} more minute${wait === 1 ? '' : 's'}, then log in again and re-check.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Drop the token issued before the assignment', command: `docker logout ${loginServerOf(context.target).toLowerCase()}` },
          azAcrLogin(context.target),
          link('FAQ: new role assignments take minutes', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq'),
        ],
      };
    }),
};
