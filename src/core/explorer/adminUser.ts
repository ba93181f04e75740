/**
 * "Show Admin Credentials…", "Enable Admin User…" and "Disable Admin User…" (FAQ F04, F41) for the
 * explorer: what to say and what to ask, editor-agnostic. The passwords stay Secrets here: no text
 * this module returns or logs contains one; the adapter reveals a password only to write it to the
 * clipboard.
 */
import type { AdminCredentials, AzureClient, PolicyAssignmentInfo, RegistryDetails, RegistryRef } from '../azure/index';
import { adminPolicies } from '../checks/registry/admin-user';
import type { Secret } from '../secret';

/** What these commands need of the Azure client (AzureClient has it all). */
export type AdminUserAzure = Pick<AzureClient, 'getRegistry' | 'getAdminCredentials' | 'setAdminUserEnabled'> & Partial<Pick<AzureClient, 'listPolicyAssignments'>>;

/** The FAQ's warning (F04), shown with the credentials and when enabling. */
export const ADMIN_USER_WARNING =
  'The admin user is one shared account meant for a single user, mainly for testing (FAQ F04): do not share its credentials between people. ' +
  'Prefer individual Entra identities for people, service principals or managed identities for headless scenarios, or repository-scoped tokens. ' +
  'Anyone with either password can push and pull every repository of the registry. ' +
  'After a password was shared or exposed, rotate it (az acr credential renew --password-name password|password2).';

export interface AdminPassword {
  /** "password" or "password2". */
  name: string;
  value: Secret;
}

export type AdminCredentialsView =
  | { state: 'disabled'; registry: string; message: string; policies: string[] }
  | { state: 'enabled'; registry: string; username: string; passwords: AdminPassword[]; message: string };

export interface AdminUserChange {
  enable: boolean;
  /** Already in the wanted state: nothing to ask, nothing to change. */
  already: boolean;
  title: string;
  detail: string;
  confirmLabel: string;
  policies: string[];
}

/** Assigned Azure Policies about the admin account (F41), or none when they cannot be read (they need Reader). */
export async function adminUserPolicies(azure: AdminUserAzure, ref: RegistryRef, signal?: AbortSignal): Promise<string[]> {
  if (!azure.listPolicyAssignments) return [];
  let assignments: PolicyAssignmentInfo[];
  try {
    assignments = await azure.listPolicyAssignments(ref, signal);
  } catch {
    return [];
  }
  return adminPolicies(assignments);
}

function policyNote(policies: string[]): string {
  if (policies.length === 0) return '';
  return ` Assigned Azure Policy: ${policies.join(', ')}. With the Deny effect ARM refuses to enable the admin user; with Modify it is turned off again at the next evaluation (FAQ F41).`;
}

/**
 * The admin user's state and, when it is enabled, its username and passwords (as Secrets).
 * A disabled admin user has no credentials to read (F04: check it is enabled first), so
 * listCredentials is not called then.
 */
export async function readAdminCredentials(azure: AdminUserAzure, ref: RegistryRef, signal?: AbortSignal): Promise<AdminCredentialsView> {
  const registry = await azure.getRegistry(ref, signal);
  if (!registry.adminUserEnabled) {
    const policies = await adminUserPolicies(azure, ref, signal);
    return {
      state: 'disabled',
      registry: registry.name,
      policies,
      message: `The admin user of ${registry.name} is disabled, so it has no credentials to show (FAQ F04: enable it before reading them). It is meant for testing or a single user; Entra identities and scoped tokens work without it.${policyNote(policies)}`,
    };
  }
  const credentials: AdminCredentials = await azure.getAdminCredentials(ref, signal);
  const passwords = credentials.passwords.flatMap((p, index) => (p.value && !p.value.isEmpty ? [{ name: p.name ?? (index === 0 ? 'password' : 'password2'), value: p.value }] : []));
  const username = credentials.username ?? registry.name;
  return {
    state: 'enabled',
    registry: registry.name,
    username,
    passwords,
    message: `Admin user of ${registry.name}: username ${username} (login server ${registry.loginServer}); ${passwords.length} password${passwords.length === 1 ? '' : 's'} (copy one to the clipboard; it is never shown). ${ADMIN_USER_WARNING}`,
  };
}

/** What enabling or disabling the admin user changes, for a modal confirmation. */
export async function describeAdminUserChange(azure: AdminUserAzure, ref: RegistryRef, enable: boolean, signal?: AbortSignal): Promise<AdminUserChange> {
  const registry: RegistryDetails = await azure.getRegistry(ref, signal);
  const policies = await adminUserPolicies(azure, ref, signal);
  const name = registry.name;
  if (registry.adminUserEnabled === enable) {
    return { enable, already: true, policies, title: `The admin user of ${name} is already ${enable ? 'enabled' : 'disabled'}.`, detail: policyNote(policies).trim(), confirmLabel: '' };
  }
  if (enable) {
    return {
      enable,
      already: false,
      policies,
      title: `Enable the admin user of ${name}?`,
      detail: `This sets adminUserEnabled to true on ${name}: the admin user ${name} gets two passwords (password, password2) that can push and pull every repository with docker login ${registry.loginServer}. ${ADMIN_USER_WARNING}${policyNote(policies)}`,
      confirmLabel: 'Enable admin user',
    };
  }
  return {
    enable,
    already: false,
    policies,
    title: `Disable the admin user of ${name}?`,
    detail: `This sets adminUserEnabled to false on ${name}. What stops working: docker login ${registry.loginServer} with the admin username and either password; App Service, Container Instances (ACI) and pipelines that pull with the admin credentials; templates that read listCredentials(…) (FAQ F05). Entra identities, scoped tokens and anonymous pull are not affected.${policyNote(policies)}`,
    confirmLabel: 'Disable admin user',
  };
}

/** Applies the change and says what ARM now reports (a Modify policy may have flipped it back). */
export async function setAdminUser(azure: AdminUserAzure, ref: RegistryRef, enable: boolean, signal?: AbortSignal): Promise<{ enabled: boolean; message: string }> {
  const after = await azure.setAdminUserEnabled(ref, enable, signal);
  if (after.adminUserEnabled !== enable) {
    return { enabled: after.adminUserEnabled, message: `ARM accepted the change, but ${ref.name} still reports the admin user ${after.adminUserEnabled ? 'enabled' : 'disabled'}: an Azure Policy with the Modify effect may have set it back (FAQ F41). Check the policy assignments on the registry.` };
  }
  return {
    enabled: enable,
    message: enable
      ? `The admin user of ${ref.name} is enabled. Show Admin Credentials… copies a password. Disable it again when the test is over (FAQ F04).`
      : `The admin user of ${ref.name} is disabled: its passwords no longer work for docker login or image pulls.`,
  };
}
