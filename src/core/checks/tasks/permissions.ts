import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import { describeAssignment, modeOf, pullRoles } from '../rbac/roles';
import type { Check, CheckOutcome } from '../types';

/**
 * F39/failure 23: a task's identity needs data-plane roles. In legacy mode Tasks reach their own registry
 * implicitly; ABAC mode removes that default access, so each task needs an identity with a repository role.
 */
export const tasksPermissions: Check = {
  meta: { id: 'tasks.permissions', area: 'tasks', title: 'Task identities hold the data-plane roles they need', faq: ['F39'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-tasks-authentication-managed-identity' },
  run: (context) =>
    judging('the tasks and their identities', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      if (registry.sku.toLowerCase() === 'classic') return { status: 'pass', summary: 'Classic registries have no Tasks.', evidence: { sku: registry.sku } };
      const mode = modeOf(registry.roleAssignmentMode);
      const tasks = await armFacts.tasks(context.facts);
      if (tasks.length === 0) return { status: 'pass', summary: 'No tasks defined.', evidence: { tasks: [] } };
      if (mode === 'legacy') return { status: 'pass', summary: `${tasks.length} task${tasks.length === 1 ? '' : 's'}; in legacy role mode Tasks reach their own registry without extra roles.`, evidence: { tasks: tasks.map((t) => t.name), roleAssignmentMode: registry.roleAssignmentMode ?? 'LegacyRegistryPermissions' } };
      const lacking: string[] = [];
      const lines: string[] = [];
      for (const task of tasks) {
        if (!task.principalId) {
          lacking.push(`${task.name} (no identity)`);
          lines.push(`${task.name}: no identity`);
          continue;
        }
        const roles = await armFacts.roleAssignmentsFor(context.facts, task.principalId);
        const effective = pullRoles(roles, 'abac');
        lines.push(`${task.name}: ${task.identityType ?? 'identity'} ${task.principalId}; ${roles.map(describeAssignment).join(', ') || 'no roles'}`);
        if (effective.length === 0) lacking.push(`${task.name} (${roles.length ? `${roles.map((r) => r.roleName).join(', ')} ignored in ABAC mode` : 'no roles'})`);
      }
      const evidence = { roleAssignmentMode: registry.roleAssignmentMode ?? null, tasks: lines };
      if (lacking.length === 0) return { status: 'pass', summary: `Every task identity holds a repository role (ABAC mode).`, evidence };
      return {
        status: 'fail',
        summary: `In ABAC mode Tasks lose their default access to the registry; ${lacking.join(', ')} cannot pull or push.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Give a task a system identity', command: `az acr task identity assign -r ${registryNameOf(context.target)} -n ${tasks[0]!.name}` },
          { kind: 'command', title: 'Grant the identity a repository role', command: `az role assignment create --assignee <principal id> --role "Container Registry Repository Writer" --scope ${registry.id}` },
          link('Tasks in ABAC mode', 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions'),
        ],
      };
    }),
};
