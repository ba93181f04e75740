/**
 * Options every Azure-facing command shares (--subscription, --tenant, --cloud,
 * the hidden --arm-endpoint) and what they build: the cloud, the credential
 * chain, the AzureClient. Tests replace the credential and TLS trust through
 * `AzureCliDeps`; nothing else differs from a real run.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import { AzureCliCredential, ChainedTokenCredential, EnvironmentCredential, ManagedIdentityCredential, WorkloadIdentityCredential } from '@azure/identity';
import { AzureAuthenticationError, AzureClient, AzureError, builtInCloud, collect, customCloud, isGuid, type AzureCloud, type SubscriptionSummary } from '../core/azure/index';
import { silentLogger, type Logger } from '../core/log';
import type { ParseArgsConfig } from 'node:util';
import { parseCommandLine } from './options';
import { cliLogger } from './output';
import { UsageError, type CliIO } from './io';

export interface AzureCliDeps {
  /** Builds the credential for a cloud and optional tenant. Default: the @azure/identity chain below. */
  createCredential(cloud: AzureCloud, tenantId: string | undefined, env: NodeJS.ProcessEnv): TokenCredential;
  /** Extra TLS trust for ARM (tests' fixture). Real runs use the system store and NODE_EXTRA_CA_CERTS. */
  tlsOptions?: TlsSettings;
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

/** One member of the sign-in chain: what it is and how a person makes it work. */
export interface SignInSource {
  label: string;
  /** How to use it, for the message when nothing worked. */
  howTo: string;
  /** Absent when it is not configured and so not tried (workload identity without its variables). */
  credential?: TokenCredential;
}

/** The sources in the order tried, as the help text lists them. */
export const SIGN_IN_SOURCES_USAGE = [
  'Sign-in, first that works: environment (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or',
  'AZURE_CLIENT_CERTIFICATE_PATH), workload identity (AZURE_FEDERATED_TOKEN_FILE, as AKS and GitHub OIDC set it),',
  'managed identity (on Azure VMs, App Service, Functions, Container Apps), then the Azure CLI (`az login`).',
];

/**
 * Environment (service principal secrets/certificates), workload identity (AKS,
 * GitHub OIDC), managed identity, then the Azure CLI's login: the order of
 * DefaultAzureCredential, without the interactive and developer-tool members.
 */
export function defaultSignInSources(cloud: AzureCloud, tenantId: string | undefined, env: NodeJS.ProcessEnv): SignInSource[] {
  const workload = env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID;
  return [
    { label: 'environment', howTo: 'set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) for a service principal', credential: new EnvironmentCredential({ authorityHost: cloud.authorityHost }) },
    {
      label: 'workload identity',
      howTo: 'set AZURE_FEDERATED_TOKEN_FILE and AZURE_CLIENT_ID (AKS workload identity and GitHub OIDC do this)',
      // WorkloadIdentityCredential throws at construction when its variables are absent.
      credential: workload ? new WorkloadIdentityCredential({ authorityHost: cloud.authorityHost, tenantId: tenantId ?? env.AZURE_TENANT_ID, clientId: env.AZURE_CLIENT_ID!, tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE! }) : undefined,
    },
    { label: 'managed identity', howTo: 'run on an Azure VM, App Service, Functions or Container Apps with an identity assigned', credential: new ManagedIdentityCredential(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {}) },
    { label: 'Azure CLI', howTo: 'run `az login`', credential: new AzureCliCredential(tenantId ? { tenantId } : {}) },
  ];
}

/** The first sentence of an SDK message, short enough for one line. */
function firstSentence(text: string): string {
  const line = text.split('\n')[0].trim();
  const sentence = /^(.*?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}

/**
 * "ChainedTokenCredential authentication failed" says nothing a person can act on.
 * This says which sources were tried, why each failed, and how to use each. A typed
 * AzureAuthenticationError, so the Azure error mapping passes it on whole (not cut to a line).
 */
export function explainSignInFailure(error: unknown, sources: SignInSource[]): AzureAuthenticationError {
  const errors = error instanceof Error ? (error as Error & { errors?: unknown }).errors : undefined;
  const failures: unknown[] = Array.isArray(errors) ? errors : [];
  let next = 0;
  const parts = sources.map((source) => {
    if (!source.credential) return `${source.label}: not configured (to use it, ${source.howTo})`;
    const failure = failures[next++];
    const why = failure instanceof Error ? firstSentence(failure.message) : 'failed.';
    return `${source.label}: ${why.replace(/[.!?]$/, '')} (to use it, ${source.howTo})`;
  });
  return new AzureAuthenticationError(`No Azure sign-in worked. Tried, in order: ${parts.join('; ')}.`, {
    hint: 'Use one of them, then try again.',
  });
}

/** A chain over the sources that, when none works, throws explainSignInFailure's error. */
export function signInChain(sources: SignInSource[]): TokenCredential {
  const chain = new ChainedTokenCredential(...sources.flatMap((source) => (source.credential ? [source.credential] : [])));
  return {
    async getToken(scopes, options) {
      try {
        return await chain.getToken(scopes, options);
      } catch (error) {
        if (error instanceof Error && error.name === 'AggregateAuthenticationError') throw explainSignInFailure(error, sources);
        throw error;
      }
    },
  };
}

export function createDefaultCredential(cloud: AzureCloud, tenantId: string | undefined, env: NodeJS.ProcessEnv): TokenCredential {
  return signInChain(defaultSignInSources(cloud, tenantId, env));
}

export const defaultAzureCliDeps: AzureCliDeps = { createCredential: createDefaultCredential };

/** parseArgs options the Azure commands share (besides --format and --trace, which every command has). */
export const AZURE_OPTIONS = {
  subscription: { type: 'string', multiple: true },
  tenant: { type: 'string' },
  cloud: { type: 'string' },
  'arm-endpoint': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const AZURE_OPTIONS_USAGE = [
  '  --subscription ID|NAME  only these subscriptions (repeat or comma-separate); default: all enabled ones',
  '  --tenant ID             sign in to this Entra ID tenant (Azure CLI login, workload identity)',
  '  --cloud NAME            AzureCloud (default), AzureChinaCloud or AzureUSGovernment',
  '  --format text|json      output format (default text)',
  '  --trace                 log each Azure request (method, path, status) to stderr (--verbose is the same)',
  ...SIGN_IN_SOURCES_USAGE,
].join('\n');

export interface AzureCommandOptions {
  subscription?: string[];
  tenant?: string;
  cloud?: string;
  'arm-endpoint'?: string;
}

/** The one parser with the Azure options; the registry name (show) is the only positional allowed. */
export function parseAzureCommandLine(args: string[]): { positionals: string[]; options: AzureCommandOptions; format: 'text' | 'json'; trace: boolean } {
  const parsed = parseCommandLine(args, AZURE_OPTIONS, ['text', 'json'] as const);
  return { positionals: parsed.positionals, options: parsed.values, format: parsed.format, trace: parsed.trace };
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

export async function createAzureContext(parsed: { options: AzureCommandOptions; format: 'text' | 'json'; trace: boolean }, io: CliIO, deps: AzureCliDeps): Promise<AzureContext> {
  const { options, format } = parsed;
  const logger = cliLogger(io, parsed.trace) ?? silentLogger;
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
