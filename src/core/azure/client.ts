/**
 * The Azure management plane for ACR Doctor: subscriptions, registries and one
 * registry's properties, usage, replicas, webhooks, your role assignments and
 * task runs. Every call goes through the real Azure SDK clients, built with the
 * chosen cloud's endpoint and token scope; every call takes an AbortSignal and
 * turns failures into typed AzureErrors.
 */
import { isIPv4 } from 'node:net';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient, type Registry } from '@azure/arm-containerregistry';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import {
  RestError,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type HttpMethods,
  type PipelinePolicy,
  type TlsSettings,
} from '@azure/core-rest-pipeline';
import { throwIfAborted } from '../errors';
import { silentLogger, type Logger } from '../log';
import { armScope, type AzureCloud } from './clouds';
import { AzureAuthenticationError, AzureError, rememberArmErrorBody, toAzureError } from './errors';
import { decodeJwtClaims } from './jwt';
import type {
  AdminCredentials,
  AgentPoolInfo,
  CacheRuleInfo,
  ConnectedRegistryInfo,
  CredentialSetInfo,
  DefenderPricingInfo,
  PolicyAssignmentInfo,
  ScopedTokenInfo,
  TaskInfo,
  RegistryDetails,
  RegistryRef,
  RegistrySummary,
  ReplicationInfo,
  RoleAssignmentInfo,
  RunInfo,
  ScopeKind,
  StorageUsage,
  SubscriptionSummary,
  TenantSummary,
  WebhookInfo,
} from './types';

/** ACR tasks/runs are not in @azure/arm-containerregistry 12: plain REST at this version. */
export const RUNS_API_VERSION = '2019-06-01-preview';
/** Policy assignments (REST; no policy SDK among our dependencies). */
export const POLICY_API_VERSION = '2022-06-01';
/** Defender for Cloud pricings (REST). */
export const SECURITY_PRICING_API_VERSION = '2024-01-01';

export interface AzureClientOptions {
  credential: TokenCredential;
  cloud: AzureCloud;
  logger?: Logger;
  /** Trust this CA for ARM (tests' loopback fixture; Azure Stack Hub with a private CA). */
  tlsOptions?: TlsSettings;
  /** SDK retry tuning; defaults are the SDK's (429/503 honour Retry-After). */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** Bound on pages followed by our own REST paging (runs), against a server repeating nextLink. */
const MAX_PAGES = 100;

export function parseResourceId(id: string): RegistryRef {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)/i.exec(id);
  if (!match) throw new AzureError('AZURE_BAD_RESOURCE_ID', `'${id}' is not a container registry resource id.`, { hint: 'Expected /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/NAME.' });
  return { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! };
}

export function registryId(ref: RegistryRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.name}`;
}

/** Where a role assignment's scope sits relative to a registry. */
export function scopeKindOf(scope: string | undefined, registry: RegistryRef): ScopeKind {
  if (!scope) return 'other';
  const s = scope.replace(/\/+$/, '').toLowerCase();
  if (s === '' || s === '/') return 'root';
  if (s === registryId(registry).toLowerCase()) return 'registry';
  if (s === `/subscriptions/${registry.subscriptionId}/resourcegroups/${registry.resourceGroup}`.toLowerCase()) return 'resourceGroup';
  if (s === `/subscriptions/${registry.subscriptionId}`.toLowerCase()) return 'subscription';
  if (s.startsWith('/providers/microsoft.management/managementgroups/')) return 'managementGroup';
  return 'other';
}

export function usagePercent(currentValue: number, limit: number | undefined): number | undefined {
  if (!limit || limit <= 0) return undefined;
  return Math.round((currentValue / limit) * 1000) / 10;
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function summaryOf(registry: Registry): RegistrySummary {
  const ref = parseResourceId(registry.id ?? '');
  return {
    ...ref,
    id: registry.id ?? registryId(ref),
    name: registry.name ?? ref.name,
    location: registry.location,
    sku: registry.sku?.name ?? 'unknown',
    loginServer: (registry.loginServer ?? '').toLowerCase(),
    provisioningState: registry.provisioningState,
  };
}

type Json = Record<string, unknown>;
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function detailsOf(registry: Registry, raw: unknown): RegistryDetails {
  const rawProperties = obj(obj(raw)?.properties);
  const rawSoftDelete = obj(obj(rawProperties?.policies)?.softDeletePolicy);
  return {
    ...summaryOf(registry),
    creationDate: iso(registry.creationDate),
    adminUserEnabled: registry.adminUserEnabled ?? false,
    anonymousPullEnabled: registry.anonymousPullEnabled ?? false,
    publicNetworkAccess: registry.publicNetworkAccess,
    networkRuleSet: registry.networkRuleSet
      ? { defaultAction: registry.networkRuleSet.defaultAction, ipRules: (registry.networkRuleSet.ipRules ?? []).map((rule) => rule.iPAddressOrRange) }
      : undefined,
    networkRuleBypassOptions: registry.networkRuleBypassOptions,
    policies: {
      quarantine: registry.policies?.quarantinePolicy ? { status: registry.policies.quarantinePolicy.status } : undefined,
      trust: registry.policies?.trustPolicy ? { status: registry.policies.trustPolicy.status, type: registry.policies.trustPolicy.type } : undefined,
      retention: registry.policies?.retentionPolicy ? { status: registry.policies.retentionPolicy.status, days: registry.policies.retentionPolicy.days } : undefined,
      export: registry.policies?.exportPolicy ? { status: registry.policies.exportPolicy.status } : undefined,
      azureADAuthenticationAsArm: registry.policies?.azureADAuthenticationAsArmPolicy ? { status: registry.policies.azureADAuthenticationAsArmPolicy.status } : undefined,
      softDelete: rawSoftDelete
        ? { status: typeof rawSoftDelete.status === 'string' ? rawSoftDelete.status : undefined, retentionDays: typeof rawSoftDelete.retentionDays === 'number' ? rawSoftDelete.retentionDays : undefined }
        : undefined,
    },
    dataEndpointEnabled: registry.dataEndpointEnabled ?? false,
    dataEndpointHostNames: registry.dataEndpointHostNames ?? [],
    privateEndpointConnections: (registry.privateEndpointConnections ?? []).map((c) => ({
      name: c.name,
      status: c.privateLinkServiceConnectionState?.status,
      privateEndpointId: c.privateEndpoint?.id,
    })),
    encryption: registry.encryption
      ? { status: registry.encryption.status, keyIdentifier: registry.encryption.keyVaultProperties?.keyIdentifier, identity: registry.encryption.keyVaultProperties?.identity }
      : undefined,
    identity: registry.identity
      ? {
          type: registry.identity.type,
          principalId: registry.identity.principalId,
          userAssignedIdentities: Object.keys(registry.identity.userAssignedIdentities ?? {}),
          userAssignedClientIds: Object.fromEntries(Object.entries(registry.identity.userAssignedIdentities ?? {}).map(([id, value]) => [id, value.clientId])),
        }
      : undefined,
    networkRuleBypassAllowedForTasks: registry.networkRuleBypassAllowedForTasks,
    autoGeneratedDomainNameLabelScope: typeof rawProperties?.autoGeneratedDomainNameLabelScope === 'string' ? rawProperties.autoGeneratedDomainNameLabelScope : undefined,
    zoneRedundancy: registry.zoneRedundancy,
    roleAssignmentMode: registry.roleAssignmentMode,
    tags: registry.tags ?? {},
  };
}

/** ACR IP rules hold IPv4 addresses or CIDR ranges; a bare address equals its /32. */
export function normaliseIpRule(value: string): string {
  const trimmed = value.trim();
  const [address, prefix] = trimmed.split('/');
  if (!address || !isIPv4(address) || (prefix !== undefined && !(/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32))) {
    throw new AzureError('AZURE_BAD_IP_RULE', `'${value}' is not an IPv4 address or CIDR range.`, { hint: 'ACR firewall rules take IPv4 addresses (203.0.113.7) or ranges (203.0.113.0/24); IPv6 is not supported.' });
  }
  return prefix === undefined || prefix === '32' ? address : `${address}/${prefix}`;
}

export class AzureClient {
  readonly cloud: AzureCloud;
  private readonly credential: TokenCredential;
  private readonly log: Logger;
  private readonly tlsOptions?: TlsSettings;
  private readonly retryOptions?: AzureClientOptions['retryOptions'];
  private readonly acrClients = new Map<string, ContainerRegistryManagementClient>();
  private readonly authClients = new Map<string, AuthorizationManagementClient>();
  private subscriptionClient?: SubscriptionClient;
  private readonly httpClient: HttpClient = createDefaultHttpClient();
  private readonly roleNames = new Map<string, string | undefined>();
  private principal?: string;

  constructor(options: AzureClientOptions) {
    this.credential = options.credential;
    this.cloud = options.cloud;
    this.log = options.logger ?? silentLogger;
    this.tlsOptions = options.tlsOptions;
    this.retryOptions = options.retryOptions;
  }

  /** Logs method, URL and status of every attempt (retries included); never headers or bodies. */
  private loggingPolicy(): PipelinePolicy {
    const log = this.log;
    return {
      name: 'acrDoctorArmLog',
      async sendRequest(request, next) {
        const path = new URL(request.url).pathname;
        try {
          const response = await next(request);
          if (response.status >= 400) rememberArmErrorBody(request, response.bodyAsText ?? undefined);
          const requestId = response.headers.get('x-ms-request-id');
          log.debug(`ARM ${request.method} ${path} → ${response.status}${requestId ? ` (request id ${requestId})` : ''}`);
          return response;
        } catch (error) {
          log.debug(`ARM ${request.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
      },
    };
  }

  private commonOptions() {
    return {
      endpoint: this.cloud.resourceManagerEndpoint,
      tlsOptions: this.tlsOptions,
      retryOptions: this.retryOptions,
      userAgentOptions: { userAgentPrefix: 'acr-doctor' },
      additionalPolicies: [{ policy: this.loggingPolicy(), position: 'perRetry' as const }],
    };
  }

  private acr(subscriptionId: string): ContainerRegistryManagementClient {
    let client = this.acrClients.get(subscriptionId);
    if (!client) {
      client = new ContainerRegistryManagementClient(this.credential, subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
      this.acrClients.set(subscriptionId, client);
    }
    return client;
  }

  private authorization(subscriptionId: string): AuthorizationManagementClient {
    let client = this.authClients.get(subscriptionId);
    if (!client) {
      client = new AuthorizationManagementClient(this.credential, subscriptionId, { ...this.commonOptions(), $host: this.cloud.resourceManagerEndpoint, credentialScopes: [armScope(this.cloud)] });
      this.authClients.set(subscriptionId, client);
    }
    return client;
  }

  private subscriptions(): SubscriptionClient {
    this.subscriptionClient ??= new SubscriptionClient(this.credential, { ...this.commonOptions(), $host: this.cloud.resourceManagerEndpoint, credentialScopes: [armScope(this.cloud)] });
    return this.subscriptionClient;
  }

  private async run<T>(operation: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    try {
      return await fn();
    } catch (error) {
      throw toAzureError(error, { operation, principalId: this.principal, cloudName: this.cloud.name });
    }
  }

  private async *iterate<T, U>(operation: string, signal: AbortSignal | undefined, source: () => AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
    throwIfAborted(signal);
    try {
      for await (const item of source()) yield map(item);
    } catch (error) {
      throw toAzureError(error, { operation, principalId: this.principal, cloudName: this.cloud.name });
    }
  }

  /** The signed-in principal's object id, from the ARM token's `oid` claim (token not kept). */
  async principalId(signal?: AbortSignal): Promise<string> {
    if (this.principal) return this.principal;
    const token = await this.run('get a token for Azure Resource Manager', signal, () => this.credential.getToken(armScope(this.cloud), { abortSignal: signal }));
    const oid = token ? decodeJwtClaims(token.token).oid : undefined;
    if (!oid) {
      throw new AzureAuthenticationError('The Azure token does not say who you are (no object id), so your role assignments cannot be listed.', { hint: 'Sign in with a user, service principal or managed identity and try again.' });
    }
    this.principal = oid;
    return oid;
  }

  listSubscriptions(signal?: AbortSignal): AsyncGenerator<SubscriptionSummary> {
    return this.iterate('list subscriptions', signal, () => this.subscriptions().subscriptions.list({ abortSignal: signal }), (s) => ({
      id: s.subscriptionId ?? '',
      name: s.displayName ?? s.subscriptionId ?? '',
      state: s.state,
      tenantId: s.tenantId,
    }));
  }

  listTenants(signal?: AbortSignal): AsyncGenerator<TenantSummary> {
    return this.iterate('list tenants', signal, () => this.subscriptions().tenants.list({ abortSignal: signal }), (t) => ({
      tenantId: t.tenantId ?? '',
      displayName: t.displayName,
      defaultDomain: t.defaultDomain,
    }));
  }

  listRegistries(subscriptionId: string, signal?: AbortSignal): AsyncGenerator<RegistrySummary> {
    return this.iterate(`list registries in subscription ${subscriptionId}`, signal, () => this.acr(subscriptionId).registries.list({ abortSignal: signal }), summaryOf);
  }

  async getRegistry(ref: RegistryRef, signal?: AbortSignal): Promise<RegistryDetails> {
    let raw: unknown;
    const registry = await this.run(`read registry ${ref.name}`, signal, () =>
      this.acr(ref.subscriptionId).registries.get(ref.resourceGroup, ref.name, {
        abortSignal: signal,
        onResponse: (response) => {
          raw = response.parsedBody;
        },
      }),
    );
    return detailsOf(registry, raw);
  }

  async getStorageUsage(ref: RegistryRef, signal?: AbortSignal): Promise<StorageUsage[]> {
    const result = await this.run(`read the storage usage of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).registries.listUsages(ref.resourceGroup, ref.name, { abortSignal: signal }));
    return (result.value ?? []).map((u) => ({
      name: u.name ?? 'unknown',
      currentValue: u.currentValue ?? 0,
      limit: u.limit,
      unit: u.unit,
      percent: usagePercent(u.currentValue ?? 0, u.limit),
    }));
  }

  /** Replications (Premium only), the home replica marked: its location equals the registry's. */
  async listReplications(registry: RegistryRef & { location: string }, signal?: AbortSignal): Promise<ReplicationInfo[]> {
    const out: ReplicationInfo[] = [];
    const home = registry.location.replace(/\s+/g, '').toLowerCase();
    for await (const r of this.iterate(`list the replications of ${registry.name}`, signal, () => this.acr(registry.subscriptionId).replications.list(registry.resourceGroup, registry.name, { abortSignal: signal }), (r) => r)) {
      out.push({
        name: r.name ?? '',
        location: r.location,
        provisioningState: r.provisioningState,
        status: r.status?.displayStatus,
        statusMessage: r.status?.message,
        regionEndpointEnabled: r.regionEndpointEnabled,
        zoneRedundancy: r.zoneRedundancy,
        isHome: r.location.replace(/\s+/g, '').toLowerCase() === home,
      });
    }
    return out;
  }

  async listWebhooks(ref: RegistryRef, signal?: AbortSignal): Promise<WebhookInfo[]> {
    const out: WebhookInfo[] = [];
    for await (const w of this.iterate(`list the webhooks of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).webhooks.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (w) => w)) {
      out.push({ name: w.name ?? '', location: w.location, status: w.status, actions: w.actions ?? [], scope: w.scope, provisioningState: w.provisioningState });
    }
    return out;
  }

  /** The admin user's name and passwords: secrets; call only when the person asked for them. */
  async getAdminCredentials(ref: RegistryRef, signal?: AbortSignal): Promise<AdminCredentials> {
    this.log.info(`Reading the admin credentials of ${ref.name} (requested explicitly).`);
    const result = await this.run(`read the admin credentials of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).registries.listCredentials(ref.resourceGroup, ref.name, { abortSignal: signal }));
    return { username: result.username, passwords: (result.passwords ?? []).map((p) => ({ name: p.name, value: p.value })) };
  }

  /**
   * Role assignments that apply to you on the registry: at the registry and
   * above it (resource group, subscription, management groups), including
   * through groups (`assignedTo`), with role names resolved.
   */
  async listMyRoleAssignments(registry: RegistryRef, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    const principalId = await this.principalId(signal);
    const client = this.authorization(registry.subscriptionId);
    const scope = registryId(registry).replace(/^\//, '');
    const assignments: RoleAssignmentInfo[] = [];
    for await (const a of this.iterate(`list your role assignments on ${registry.name}`, signal, () => client.roleAssignments.listForScope(scope, { filter: `assignedTo('${principalId}')`, abortSignal: signal }), (a) => a)) {
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
      const definition = await this.run('read a role definition', signal, () => this.authorization(subscriptionId).roleDefinitions.getById(roleDefinitionId.replace(/^\//, ''), { abortSignal: signal }));
      this.roleNames.set(key, definition.roleName);
    }
    return this.roleNames.get(key);
  }

  /** A REST call through the registry client's pipeline (same auth, retries, TLS, logging). */
  private async rest(subscriptionId: string, method: HttpMethods, url: string, signal: AbortSignal | undefined): Promise<unknown> {
    const client = this.acr(subscriptionId);
    const request = createPipelineRequest({ url, method, abortSignal: signal, headers: createHttpHeaders({ accept: 'application/json' }) });
    const response = await client.pipeline.sendRequest(this.httpClient, request);
    let body: unknown;
    if (response.bodyAsText) {
      try {
        body = JSON.parse(response.bodyAsText);
      } catch {
        body = undefined;
      }
    }
    if (response.status >= 400) {
      const error = obj(obj(body)?.error);
      throw new RestError(typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`, {
        code: typeof error?.code === 'string' ? error.code : undefined,
        statusCode: response.status,
        request,
        response,
      });
    }
    return body;
  }

  private runsUrl(ref: RegistryRef): string {
    return `${this.cloud.resourceManagerEndpoint}${registryId(ref)}/runs`;
  }

  /** ACR task runs with status Running (REST, api-version 2019-06-01-preview). */
  async listRunningRuns(ref: RegistryRef, signal?: AbortSignal): Promise<RunInfo[]> {
    return this.run(`list the running task runs of ${ref.name}`, signal, async () => {
      const runs: RunInfo[] = [];
      let url: string | undefined = `${this.runsUrl(ref)}?api-version=${RUNS_API_VERSION}&$filter=${encodeURIComponent("status eq 'Running'")}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const body = obj(await this.rest(ref.subscriptionId, 'GET', url, signal));
        const value = Array.isArray(body?.value) ? body.value : [];
        for (const item of value) {
          const props = obj(obj(item)?.properties) ?? {};
          const text = (key: string) => (typeof props[key] === 'string' ? (props[key] as string) : undefined);
          runs.push({ runId: text('runId') ?? String(obj(item)?.name ?? ''), status: text('status'), runType: text('runType'), taskName: text('task'), createTime: text('createTime'), startTime: text('startTime'), lastUpdatedTime: text('lastUpdatedTime') });
        }
        url = typeof body?.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
      }
      return runs;
    });
  }

  async cancelRun(ref: RegistryRef, runId: string, signal?: AbortSignal): Promise<void> {
    if (!/^[A-Za-z0-9-]+$/.test(runId)) throw new AzureError('AZURE_BAD_RUN_ID', `'${runId}' is not an ACR run id.`, { hint: 'Run ids look like ca1 or cab2; list the running runs first.' });
    await this.run(`cancel run ${runId} of ${ref.name}`, signal, () => this.rest(ref.subscriptionId, 'POST', `${this.runsUrl(ref)}/${runId}/cancel?api-version=${RUNS_API_VERSION}`, signal));
  }

  async setAdminUserEnabled(ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
    await this.run(`${enabled ? 'enable' : 'disable'} the admin user of ${ref.name}`, signal, () =>
      this.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { adminUserEnabled: enabled }, { abortSignal: signal }),
    );
    return this.getRegistry(ref, signal);
  }

  async setAnonymousPullEnabled(ref: RegistryRef, enabled: boolean, signal?: AbortSignal): Promise<RegistryDetails> {
    await this.run(`${enabled ? 'enable' : 'disable'} anonymous pull on ${ref.name}`, signal, () =>
      this.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { anonymousPullEnabled: enabled }, { abortSignal: signal }),
    );
    return this.getRegistry(ref, signal);
  }

  /**
   * Adds an IPv4 address/range to the registry firewall, merging into the
   * existing rules. Idempotent: an existing rule is left alone (changed: false).
   */
  async addIpRule(ref: RegistryRef, ipAddressOrRange: string, signal?: AbortSignal): Promise<{ changed: boolean; registry: RegistryDetails }> {
    const wanted = normaliseIpRule(ipAddressOrRange);
    const current = await this.run(`read registry ${ref.name}`, signal, () => this.acr(ref.subscriptionId).registries.get(ref.resourceGroup, ref.name, { abortSignal: signal }));
    if ((current.sku?.name ?? '').toLowerCase() !== 'premium') {
      throw new AzureError('AZURE_IP_RULES_NEED_PREMIUM', `Registry ${ref.name} is ${current.sku?.name ?? 'not'} Premium; firewall IP rules need the Premium tier.`, {
        hint: 'Upgrade the registry to Premium, or allow access another way (public network access, a private endpoint).',
      });
    }
    const rules = current.networkRuleSet?.ipRules ?? [];
    if (rules.some((rule) => normaliseIpRule(rule.iPAddressOrRange) === wanted)) {
      return { changed: false, registry: detailsOf(current, undefined) };
    }
    const networkRuleSet = { defaultAction: current.networkRuleSet?.defaultAction ?? 'Allow', ipRules: [...rules, { action: 'Allow', iPAddressOrRange: wanted }] };
    this.log.info(`Adding IP rule ${wanted} to ${ref.name}.`);
    await this.run(`add IP rule ${wanted} to ${ref.name}`, signal, () => this.acr(ref.subscriptionId).registries.update(ref.resourceGroup, ref.name, { networkRuleSet }, { abortSignal: signal }));
    return { changed: true, registry: await this.getRegistry(ref, signal) };
  }

  // ---- Management facts for the diagnostics checks (src/core/checks). Self-contained: they only use
  // acr()/authorization()/rest()/iterate() above, so this block can move with a split by resource. ----

  private async collectPaged<T, U>(operation: string, signal: AbortSignal | undefined, source: () => AsyncIterable<T>, map: (item: T) => U): Promise<U[]> {
    const out: U[] = [];
    for await (const item of this.iterate(operation, signal, source, map)) out.push(item);
    return out;
  }

  listCacheRules(ref: RegistryRef, signal?: AbortSignal): Promise<CacheRuleInfo[]> {
    return this.collectPaged(`list the cache rules of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).cacheRules.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (r) => ({
      name: r.name ?? '',
      sourceRepository: r.sourceRepository,
      targetRepository: r.targetRepository,
      credentialSetResourceId: r.credentialSetResourceId,
      provisioningState: r.provisioningState,
    }));
  }

  listCredentialSets(ref: RegistryRef, signal?: AbortSignal): Promise<CredentialSetInfo[]> {
    return this.collectPaged(`list the credential sets of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).credentialSets.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (c) => ({
      id: c.id,
      name: c.name ?? '',
      loginServer: c.loginServer,
      identityType: c.identity?.type,
      credentials: (c.authCredentials ?? []).map((a) => ({ name: a.name, healthStatus: a.credentialHealth?.status, errorCode: a.credentialHealth?.errorCode, errorMessage: a.credentialHealth?.errorMessage })),
    }));
  }

  listConnectedRegistries(ref: RegistryRef, signal?: AbortSignal): Promise<ConnectedRegistryInfo[]> {
    return this.collectPaged(`list the connected registries of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).connectedRegistries.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (c) => ({
      name: c.name ?? '',
      mode: c.mode,
      connectionState: c.connectionState,
      activationStatus: c.activation?.status,
      lastActivityTime: iso(c.lastActivityTime),
      statusDetails: (c.statusDetails ?? []).map((d) => ({ type: d.type, code: d.code, description: d.description, correlationId: d.correlationId })),
    }));
  }

  /** Scoped (repository-permission) tokens; password names and expiries only, never values. */
  listScopedTokens(ref: RegistryRef, signal?: AbortSignal): Promise<ScopedTokenInfo[]> {
    return this.collectPaged(`list the tokens of ${ref.name}`, signal, () => this.acr(ref.subscriptionId).tokens.list(ref.resourceGroup, ref.name, { abortSignal: signal }), (t) => ({
      name: t.name ?? '',
      status: t.status,
      scopeMapId: t.scopeMapId,
      passwords: (t.credentials?.passwords ?? []).map((p) => ({ name: p.name, expiry: iso(p.expiry) })),
    }));
  }

  /** GET of a REST list (value + nextLink), bounded by MAX_PAGES. */
  private async restList(ref: { subscriptionId: string }, operation: string, firstUrl: string, signal: AbortSignal | undefined): Promise<Json[]> {
    return this.run(operation, signal, async () => {
      const items: Json[] = [];
      let url: string | undefined = firstUrl;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const body = obj(await this.rest(ref.subscriptionId, 'GET', url, signal));
        for (const item of Array.isArray(body?.value) ? body.value : []) if (obj(item)) items.push(item as Json);
        url = typeof body?.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
      }
      return items;
    });
  }

  /** ACR Tasks (REST, api-version 2019-06-01-preview) with their identities. */
  async listTasks(ref: RegistryRef, signal?: AbortSignal): Promise<TaskInfo[]> {
    const items = await this.restList(ref, `list the tasks of ${ref.name}`, `${this.cloud.resourceManagerEndpoint}${registryId(ref)}/tasks?api-version=${RUNS_API_VERSION}`, signal);
    return items.map((item) => {
      const props = obj(item.properties) ?? {};
      const identity = obj(item.identity);
      return { name: String(item.name ?? ''), status: text(props.status), identityType: text(identity?.type), principalId: text(identity?.principalId), agentPoolName: text(props.agentPoolName) };
    });
  }

  /** Dedicated agent pools (REST, api-version 2019-06-01-preview). */
  async listAgentPools(ref: RegistryRef, signal?: AbortSignal): Promise<AgentPoolInfo[]> {
    const items = await this.restList(ref, `list the agent pools of ${ref.name}`, `${this.cloud.resourceManagerEndpoint}${registryId(ref)}/agentPools?api-version=${RUNS_API_VERSION}`, signal);
    return items.map((item) => {
      const props = obj(item.properties) ?? {};
      return { name: String(item.name ?? ''), count: typeof props.count === 'number' ? props.count : undefined, tier: text(props.tier), os: text(props.os), virtualNetworkSubnetResourceId: text(props.virtualNetworkSubnetResourceId), provisioningState: text(props.provisioningState) };
    });
  }

  /** Policy assignments that apply to the registry (its own and inherited ones: `atScope()`). */
  async listPolicyAssignments(ref: RegistryRef, signal?: AbortSignal): Promise<PolicyAssignmentInfo[]> {
    const url = `${this.cloud.resourceManagerEndpoint}${registryId(ref)}/providers/Microsoft.Authorization/policyAssignments?api-version=${POLICY_API_VERSION}&$filter=${encodeURIComponent('atScope()')}`;
    const items = await this.restList(ref, `list the policy assignments on ${ref.name}`, url, signal);
    return items.map((item) => {
      const props = obj(item.properties) ?? {};
      return { name: String(item.name ?? ''), displayName: text(props.displayName), policyDefinitionId: text(props.policyDefinitionId), scope: text(props.scope), enforcementMode: text(props.enforcementMode) };
    });
  }

  /** Defender for Containers on the subscription (`pricings/Containers`). */
  async getDefenderForContainers(subscriptionId: string, signal?: AbortSignal): Promise<DefenderPricingInfo> {
    const url = `${this.cloud.resourceManagerEndpoint}/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/Containers?api-version=${SECURITY_PRICING_API_VERSION}`;
    const body = obj(await this.run('read the Defender for Containers plan', signal, () => this.rest(subscriptionId, 'GET', url, signal)));
    const props = obj(body?.properties) ?? {};
    return { pricingTier: text(props.pricingTier), subPlan: text(props.subPlan) };
  }

  /** Role assignments of another principal (a task's or kubelet's identity) that apply to the registry. */
  async listRoleAssignmentsFor(registry: RegistryRef, principalId: string, signal?: AbortSignal): Promise<RoleAssignmentInfo[]> {
    if (!/^[0-9a-f-]{36}$/i.test(principalId)) throw new AzureError('AZURE_BAD_PRINCIPAL_ID', `'${principalId}' is not an object id.`, { hint: 'Object ids look like 00000000-0000-0000-0000-000000000000.' });
    const client = this.authorization(registry.subscriptionId);
    const scope = registryId(registry).replace(/^\//, '');
    const assignments = await this.collectPaged(`list the role assignments of ${principalId} on ${registry.name}`, signal, () => client.roleAssignments.listForScope(scope, { filter: `assignedTo('${principalId}')`, abortSignal: signal }), (a): RoleAssignmentInfo => ({
      id: a.id,
      roleDefinitionId: a.roleDefinitionId,
      scope: a.scope,
      scopeKind: scopeKindOf(a.scope, registry),
      principalId: a.principalId,
      principalType: a.principalType,
      createdOn: iso(a.createdOn),
      condition: a.condition ?? undefined,
    }));
    for (const assignment of assignments) {
      if (assignment.roleDefinitionId) assignment.roleName = await this.roleName(registry.subscriptionId, assignment.roleDefinitionId, signal);
    }
    return assignments;
  }

  /**
   * Finds a registry by name or login server in the given subscriptions (all
   * visible ones when none are given). Names are unique per cloud, so the first match wins.
   */
  async findRegistry(nameOrLoginServer: string, subscriptionIds: string[] | undefined, signal?: AbortSignal): Promise<RegistrySummary> {
    const wanted = nameOrLoginServer.trim().toLowerCase();
    const byLoginServer = wanted.includes('.');
    const ids = subscriptionIds?.length ? subscriptionIds : await collect(this.listSubscriptions(signal), (s) => s.id);
    for (const subscriptionId of ids) {
      for await (const registry of this.listRegistries(subscriptionId, signal)) {
        if (byLoginServer ? registry.loginServer === wanted : registry.name.toLowerCase() === wanted) return registry;
      }
    }
    throw new AzureError('AZURE_REGISTRY_NOT_FOUND', `No registry ${byLoginServer ? 'with login server' : 'named'} '${nameOrLoginServer}' in ${ids.length === 0 ? 'any subscription you can see' : `subscription${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`} (${this.cloud.name}).`, {
      hint: 'Check the spelling and the cloud, pass --subscription, or check that you have at least Reader on the registry.',
    });
  }
}

export async function collect<T, U = T>(source: AsyncIterable<T>, map?: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  for await (const item of source) out.push(map ? map(item) : (item as unknown as U));
  return out;
}
