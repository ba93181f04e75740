import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';
import { describeAssignment, modeOf, pullRoles, pushRoles } from './roles';

/** F16/F03: the signed-in principal holds a role that pulls (and one that pushes) in the registry's role mode. */
export const rbacPullPush: Check = {
  meta: { id: 'rbac.pull-push', area: 'rbac', title: 'You hold a role that can pull and push', faq: ['F16', 'F03'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-roles' },
  run: (context) =>
    judging('your role assignments', async (): Promise<CheckOutcome> => {
      const [registry, assignments] = await Promise.all([context.facts.armRegistry(), context.facts.roleAssignments()]);
      const mode = modeOf(registry.roleAssignmentMode);
      const pull = pullRoles(assignments, mode);
      const push = pushRoles(assignments, mode);
      const evidence = { roleAssignmentMode: registry.roleAssignmentMode ?? 'LegacyRegistryPermissions', assignments: assignments.map(describeAssignment), pullVia: pull.map(describeAssignment), pushVia: push.map(describeAssignment) };
      const pullRole = mode === 'abac' ? 'Container Registry Repository Reader' : 'AcrPull';
      const pushRole = mode === 'abac' ? 'Container Registry Repository Writer' : 'AcrPush';
      const grant = (role: string) => ({ kind: 'command' as const, title: `Ask an owner to grant ${role}`, command: `az role assignment create --assignee <your object id> --role "${role}" --scope $(az acr show -n ${registryNameOf(context.target)} --query id -o tsv)` });
      if (pull.length === 0) {
        return {
          status: 'fail',
          summary: `None of your roles on ${registry.name} can pull${assignments.length ? ` (${assignments.map(describeAssignment).join(', ')}${mode === 'abac' ? ': ignored in ABAC mode' : ''})` : ''}: the token server grants nothing and docker says "unauthorized".`,
          evidence,
          fixes: [grant(pullRole), grant(pushRole), link('Registry roles', 'https://learn.microsoft.com/azure/container-registry/container-registry-roles')],
        };
      }
      return {
        status: 'pass',
        summary: `Pull through ${describeAssignment(pull[0]!)}; push ${push.length ? `through ${describeAssignment(push[0]!)}` : `not granted (needs ${pushRole})`}.`,
        evidence,
        fixes: push.length ? [] : [grant(pushRole)],
      };
    }),
};
