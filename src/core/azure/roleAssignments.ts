/** The signed-in identity's role assignments on a registry, with role names resolved (and cached). */
import { iso, type ArmSession } from './armSession';
import { AzureError } from './errors';
import { isGuid, registryId, scopeKindOf } from './resourceIds';
import type { RegistryRef, RoleAssignmentInfo } from './types';

export class RoleAssignments {
  /** Role definition id (lower case) → role name; definitions do not change during a session. */
  private readonly roleNames = new Map<string, string | undefined>();

  constructor(private readonly arm: ArmSession) {}

  /**
   * Role assignments that apply to you on the registry: at the registry and
   * above it (resource group, subscription, management groups), including
   * through groups (`assignedTo`), with role names resolved.
   */
  async listMine(registry: RegistryRef, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    return this.listFor(registry, await this.arm.principalId(signal), 'your', signal);
  }

  /** The same for another principal (a task's or a kubelet's identity), by object id. */
  async listOf(registry: RegistryRef, principalId: string, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    if (!isGuid(principalId)) throw new AzureError('AZURE_BAD_PRINCIPAL_ID', `'${principalId}' is not an object id.`, { hint: 'Object ids look like 00000000-0000-0000-0000-000000000000.' });
    return this.listFor(registry, principalId, `${principalId}'s`, signal);
  }

  private async listFor(registry: RegistryRef, principalId: string, whose: string, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    const client = this.arm.authorization(registry.subscriptionId);
    const scope = registryId(registry).replace(/^\//, '');
    const assignments: RoleAssignmentInfo[] = [];
    for await (const a of this.arm.iterate(`list ${whose} role assignments on ${registry.name}`, signal, () => client.roleAssignments.listForScope(scope, { filter: `assignedTo('${principalId}')`, abortSignal: signal }), (a) => a)) {
      assignments.push({
        id: a.id,
        roleDefinitionId: a.roleDefinitionId,
        scope: a.scope,
        scopeKind: scopeKindOf(a.scope, registry),
        principalId: a.principalId,
        principalType: a.principalType,
        createdOn: iso(a.createdOn),
        condition: a.condition ?? undefined,
      });
    }
    for (const assignment of assignments) {
      if (assignment.roleDefinitionId) assignment.roleName = await this.roleName(registry.subscriptionId, assignment.roleDefinitionId, signal);
    }
    return assignments;
  }

  private async roleName(subscriptionId: string, roleDefinitionId: string, signal?: AbortSignal): Promise<string | undefined> {
    const key = roleDefinitionId.toLowerCase();
    if (!this.roleNames.has(key)) {
      const definition = await this.arm.run('read a role definition', signal, () => this.arm.authorization(subscriptionId).roleDefinitions.getById(roleDefinitionId.replace(/^\//, ''), { abortSignal: signal }));
      this.roleNames.set(key, definition.roleName);
    }
    return this.roleNames.get(key);
  }
}
