import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import { describeAssignment, ignoredInAbac, modeOf, pullRoles } from '../rbac/roles';
import type { Check, CheckOutcome } from '../types';

/**
 * `roleAssignmentMode`: in ABAC mode AcrPull/AcrPush/AcrDelete and Owner/Contributor/Reader grant no
 * data access; lists the signed-in principal's assignments this mode ignores.
 */
export const authRoleMode: Check = {
  meta: { id: 'auth.role-mode', area: 'auth', title: 'Your roles count in the registry’s role-assignment mode', faq: ['F16', 'F27'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions' },
  run: (context) =>
    judging('the role-assignment mode', async (): Promise<CheckOutcome> => {
      const [registry, assignments] = await Promise.all([context.facts.armRegistry(), context.facts.roleAssignments()]);
      const mode = modeOf(registry.roleAssignmentMode);
      const evidence = { roleAssignmentMode: registry.roleAssignmentMode ?? 'LegacyRegistryPermissions', assignments: assignments.map(describeAssignment) };
      if (mode === 'legacy') return { status: 'pass', summary: 'Registry-wide RBAC (legacy mode): AcrPull, AcrPush and the other registry roles apply to every repository.', evidence };
      const ignored = ignoredInAbac(assignments);
      const effective = pullRoles(assignments, 'abac');
      const withIgnored = { ...evidence, ignoredInThisMode: ignored.map(describeAssignment), effective: effective.map(describeAssignment) };
      const fixes = [
        { kind: 'command' as const, title: 'Ask for a repository role (no condition = every repository)', command: `az role assignment create --assignee <your object id> --role "Container Registry Repository Reader" --scope $(az acr show -n ${registryNameOf(context.target)} --query id -o tsv)` },
        link('ABAC repository permissions', 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions'),
      ];
      if (effective.length === 0) {
        return {
          status: 'fail',
          summary: `${registry.name} uses ABAC repository permissions, where ${ignored.length ? ignored.map((a) => a.roleName).join(', ') : 'your roles'} grant no data access: you need a Container Registry Repository Reader/Writer/Contributor role (listing needs Catalog Lister).`,
          evidence: withIgnored,
          fixes,
        };
      }
      return {
        status: ignored.length ? 'warn' : 'pass',
        summary: `ABAC mode: data access through ${effective.map(describeAssignment).join(', ')}${ignored.length ? `; ignored here: ${ignored.map(describeAssignment).join(', ')}` : ''}. Conditions limit repositories (prefixes end with '/', case-sensitive).`,
        evidence: withIgnored,
        fixes: ignored.length ? fixes : [],
      };
    }),
};
