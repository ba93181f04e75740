/** Plain data the Azure layer hands to the CLI and the extension (JSON-safe except Dates; a Secret serialises as [redacted]). */
import type { Secret } from '../secret';

export interface SubscriptionSummary {
  id: string;
  name: string;
  state?: string;
  tenantId?: string;
}

export interface TenantSummary {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

/** Where a registry lives in ARM. */
export interface RegistryRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface RegistrySummary extends RegistryRef {
  id: string;
  location: string;
  sku: string;
  loginServer: string;
  provisioningState?: string;
}

export interface PolicyState {
  status?: string;
}

export interface RegistryDetails extends RegistrySummary {
  creationDate?: string;
  adminUserEnabled: boolean;
  anonymousPullEnabled: boolean;
  publicNetworkAccess?: string;
  networkRuleSet?: { defaultAction: string; ipRules: string[] };
  networkRuleBypassOptions?: string;
  policies: {
    quarantine?: PolicyState;
    trust?: PolicyState & { type?: string };
    retention?: PolicyState & { days?: number };
    export?: PolicyState;
    azureADAuthenticationAsArm?: PolicyState;
    /** Not modelled by @azure/arm-containerregistry 12 (API 2025-11-01): read from the raw body when ARM sends it. */
    softDelete?: PolicyState & { retentionDays?: number };
  };
  dataEndpointEnabled: boolean;
  dataEndpointHostNames: string[];
  privateEndpointConnections: Array<{ name?: string; status?: string; privateEndpointId?: string }>;
  encryption?: { status?: string; keyIdentifier?: string; identity?: string };
  identity?: { type?: string; principalId?: string; userAssignedIdentities: string[] };
  zoneRedundancy?: string;
  roleAssignmentMode?: string;
  tags: Record<string, string>;
}

export interface StorageUsage {
  name: string;
  currentValue: number;
  limit?: number;
  unit?: string;
  /** currentValue / limit × 100, one decimal; absent when there is no limit. */
  percent?: number;
}

export interface ReplicationInfo {
  name: string;
  location: string;
  provisioningState?: string;
  status?: string;
  statusMessage?: string;
  regionEndpointEnabled?: boolean;
  zoneRedundancy?: string;
  /** The replica in the registry's own location (observed, not in the spec). */
  isHome: boolean;
}

export interface WebhookInfo {
  name: string;
  location?: string;
  status?: string;
  actions: string[];
  scope?: string;
  provisioningState?: string;
}

export type ScopeKind = 'registry' | 'resourceGroup' | 'subscription' | 'managementGroup' | 'root' | 'other';

export interface RoleAssignmentInfo {
  id?: string;
  roleName?: string;
  roleDefinitionId?: string;
  scope?: string;
  scopeKind: ScopeKind;
  principalId?: string;
  principalType?: string;
  createdOn?: string;
  condition?: string;
}

export interface RunInfo {
  runId: string;
  status?: string;
  runType?: string;
  taskName?: string;
  createTime?: string;
  startTime?: string;
  lastUpdatedTime?: string;
}

export interface AdminCredentials {
  username?: string;
  /** Secrets: print as [redacted]; `value.reveal()` only where the person asked to see or use them. */
  passwords: Array<{ name?: string; value?: Secret }>;
}
