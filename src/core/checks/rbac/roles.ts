/**
 * Which built-in roles give data-plane access in each role-assignment mode (Learn: container-registry-rbac-
 * built-in-roles; ABAC repository permissions, Azure/acr docs/preview/abac-repo-permissions). In ABAC mode
 * the registry-wide roles grant no data access; the Container Registry Repository roles do (inferred: we
 * treat them as effective in ABAC mode only).
 */
import type { RoleAssignmentInfo } from '../../azure';

export type RoleMode = 'legacy' | 'abac';

export const ABAC_MODE = 'AbacRepositoryPermissions';

const LEGACY_PULL = new Set(['acrpull', 'acrpush', 'owner', 'contributor', 'reader']);
const LEGACY_PUSH = new Set(['acrpush', 'owner', 'contributor']);
const ABAC_PULL = new Set(['container registry repository reader', 'container registry repository writer', 'container registry repository contributor']);
const ABAC_PUSH = new Set(['container registry repository writer', 'container registry repository contributor']);
/** Roles whose data-plane meaning ABAC mode removes. */
export const IGNORED_IN_ABAC = new Set(['acrpull', 'acrpush', 'acrdelete', 'owner', 'contributor', 'reader']);

export function modeOf(roleAssignmentMode: string | undefined): RoleMode {
  return roleAssignmentMode === ABAC_MODE ? 'abac' : 'legacy';
}

function key(a: RoleAssignmentInfo): string {
  return (a.roleName ?? '').toLowerCase();
}

export function pullRoles(assignments: RoleAssignmentInfo[], mode: RoleMode): RoleAssignmentInfo[] {
  return assignments.filter((a) => (mode === 'abac' ? ABAC_PULL : LEGACY_PULL).has(key(a)));
}

export function pushRoles(assignments: RoleAssignmentInfo[], mode: RoleMode): RoleAssignmentInfo[] {
  return assignments.filter((a) => (mode === 'abac' ? ABAC_PUSH : LEGACY_PUSH).has(key(a)));
}

export function ignoredInAbac(assignments: RoleAssignmentInfo[]): RoleAssignmentInfo[] {
  return assignments.filter((a) => IGNORED_IN_ABAC.has(key(a)));
}

const SCOPE_LABEL: Record<RoleAssignmentInfo['scopeKind'], string> = { registry: 'registry', resourceGroup: 'resource group', subscription: 'subscription', managementGroup: 'management group', root: 'root', other: 'other scope' };

/** "AcrPull (subscription)" — what evidence lists for an assignment. */
export function describeAssignment(a: RoleAssignmentInfo): string {
  return `${a.roleName ?? a.roleDefinitionId ?? '?'} (${SCOPE_LABEL[a.scopeKind]}${a.condition ? ', with a condition' : ''})`;
}
