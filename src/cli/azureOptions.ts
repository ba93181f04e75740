/**
 * Options every Azure-facing command shares (--subscription, --tenant, --cloud,
 * the hidden --arm-endpoint) and what they build: the cloud, the credential
 * chain, the AzureClient. Tests replace the credential and TLS trust through
 * `AzureCliDeps`; nothing else differs from a real run.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import { AzureCliCredential, ChainedTokenCredential, EnvironmentCredential, ManagedIdentityCredential, WorkloadIdentityCredential } from '@azure/identity';
import { AzureClient, AzureError, builtInCloud, collect, customCloud, isGuid, type AzureCloud, type SubscriptionSummary } from '../core/azure/index';
import { createLogger, type Logger } from '../core/log';
import { UsageError, type CliIO } from './io';

export interface AzureCliDeps {
  /** Builds the credential for a cloud and optional tenant. Default: the @azure/identity chain below. */
  createCredential(cloud: AzureCloud, tenantId: string | undefined, env: NodeJS.ProcessEnv): TokenCredential;
  /** Extra TLS trust for ARM (tests' fixture). Real runs use the system store and NODE_EXTRA_CA_CERTS. */
  tlsOptions?: TlsSettings;
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/**
 * Environment (service principal secrets/certificates), workload identity (AKS,
 * GitHub OIDC), managed identity, then the Azure CLI's login: the order of
 * DefaultAzureCredential, without the interactive and developer-tool members.
 */
export function createDefaultCredential(cloud: AzureCloud, tenantId: string | undefined, env: NodeJS.ProcessEnv): TokenCredential {
  const chain: TokenCredential[] = [new EnvironmentCredential({ authorityHost: cloud.authorityHost })];
  // WorkloadIdentityCredential throws at construction when its variables are absent.
  if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID) {
    chain.push(new WorkloadIdentityCredential({ authorityHost: cloud.authorityHost, tenantId: tenantId ?? env.AZURE_TENANT_ID, clientId: env.AZURE_CLIENT_ID, tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE }));
  }
  chain.push(new ManagedIdentityCredential(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {}));
  chain.push(new AzureCliCredential(tenantId ? { tenantId } : {}));
  return new ChainedTokenCredential(...chain);
}

export const defaultAzureCliDeps: AzureCliDeps = { createCredential: createDefaultCredential };

/** parseArgs option definitions shared by the Azure commands. */
export const AZURE_OPTION_DEFINITIONS = {
  subscription: { type: 'string', multiple: true },
  tenant: { type: 'string' },
  cloud: { type: 'string' },
  'arm-endpoint': { type: 'string' },
  format: { type: 'string', default: 'text' },
  verbose: { type: 'boolean', default: false },
} as const;

export const AZURE_OPTIONS_USAGE = [
  '  --subscription ID|NAME  only these subscriptions (repeat or comma-separate); default: all enabled ones',
  '  --tenant ID             sign in to this Entra ID tenant (Azure CLI login, workload identity)',
  '  --cloud NAME            AzureCloud (default), AzureChinaCloud or AzureUSGovernment',
  '  --format text|json      output format (default text)',
  '  --verbose               log each Azure request (method, path, status) to stderr',
  'Credentials: AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET (or certificate), workload identity,',
  'managed identity, then `az login`.',
].join('\n');

export interface AzureCommandOptions {
  subscription?: string[];
  tenant?: string;
  cloud?: string;
  'arm-endpoint'?: string;
  format?: string;
  verbose?: boolean;
}

export interface AzureContext {
  cloud: AzureCloud;
  client: AzureClient;
  logger: Logger;
  format: 'text' | 'json';
  tenantId?: string;
  /** Explicit --subscription values (ids or names), split on commas. */
  subscriptionFilter?: string[];
}

export function parseFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new UsageError(`--format must be text or json, not '${value}'.`);
}

/**
 * The cloud: --cloud (or ACR_DOCTOR_CLOUD) picks a built-in one. --arm-endpoint
 * (or ACR_DOCTOR_ARM_ENDPOINT) aims at another Resource Manager: with --cloud,
 * that cloud's audience at the given address; alone, a custom cloud (Azure Stack
 * Hub) described by the endpoint's /metadata/endpoints.
 */
export async function resolveCloud(options: AzureCommandOptions, io: CliIO, deps: AzureCliDeps): Promise<AzureCloud> {
  const cloudName = options.cloud ?? io.env.ACR_DOCTOR_CLOUD;
  const armEndpoint = options['arm-endpoint'] ?? io.env.ACR_DOCTOR_ARM_ENDPOINT;
  let base: AzureCloud | undefined;
  try {
    base = cloudName ? builtInCloud(cloudName) : undefined;
  } catch (error) {
    // A cloud name the user typed wrong is a usage error (exit 2), not a failed operation.
    if (error instanceof AzureError) throw new UsageError(error.toUserMessage());
    throw error;
  }
  if (!armEndpoint) return base ?? builtInCloud('AzureCloud');
  if (base) return { ...base, resourceManagerEndpoint: armEndpoint.replace(/\/+$/, ''), custom: true };
  return customCloud(armEndpoint, { tlsOptions: deps.tlsOptions, signal: io.signal });
}

export async function createAzureContext(options: AzureCommandOptions, io: CliIO, deps: AzureCliDeps): Promise<AzureContext> {
  const format = parseFormat(options.format);
  const logger = createLogger((level, line) => io.stderr.write(`${level}: ${line}\n`), options.verbose ? 'debug' : 'warn');
  const cloud = await resolveCloud(options, io, deps);
  const tenantId = options.tenant ?? undefined;
  const credential = deps.createCredential(cloud, tenantId, io.env);
  const client = new AzureClient({ credential, cloud, logger, tlsOptions: deps.tlsOptions, retryOptions: deps.retryOptions });
  const subscriptionFilter = options.subscription?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return { cloud, client, logger, format, tenantId, subscriptionFilter: subscriptionFilter?.length ? subscriptionFilter : undefined };
}

/**
 * The subscriptions to work in: the --subscription ones (matched by id or
 * name; an unlisted id is still tried, so ARM can say what is wrong), else
 * every enabled subscription the credential sees, in the chosen tenant.
 */
export async function chooseSubscriptions(context: AzureContext, signal: AbortSignal): Promise<SubscriptionSummary[]> {
  const visible = await collect(context.client.listSubscriptions(signal));
  const inTenant = context.tenantId ? visible.filter((s) => !s.tenantId || s.tenantId.toLowerCase() === context.tenantId!.toLowerCase()) : visible;
  if (!context.subscriptionFilter) return inTenant.filter((s) => !s.state || s.state.toLowerCase() === 'enabled');
  return context.subscriptionFilter.map((wanted) => {
    const match = visible.find((s) => s.id.toLowerCase() === wanted.toLowerCase() || s.name.toLowerCase() === wanted.toLowerCase());
    if (match) return match;
    if (isGuid(wanted)) return { id: wanted, name: wanted };
    throw new AzureError('AZURE_SUBSCRIPTION_NOT_FOUND', `No subscription named '${wanted}' is visible to the signed-in identity.`, {
      hint: `Visible: ${visible.map((s) => s.name).join(', ') || 'none'}. Check the name, the tenant (--tenant) and the cloud (--cloud).`,
    });
  });
}
