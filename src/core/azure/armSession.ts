/**
 * What every Azure resource module shares: the SDK clients for the chosen cloud (one per
 * subscription, made on first use), request logging, the signed-in principal, and turning
 * whatever the SDK throws into a typed AzureError. AzureClient (client.ts) owns one.
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
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
import { AzureAuthenticationError, rememberArmErrorBody, toAzureError } from './errors';
import { decodeJwtClaims } from './jwt';

export interface AzureClientOptions {
  credential: TokenCredential;
  cloud: AzureCloud;
  logger?: Logger;
  /** Trust this CA for ARM (tests' loopback fixture; Azure Stack Hub with a private CA). */
  tlsOptions?: TlsSettings;
  /** SDK retry tuning; defaults are the SDK's (429/503 honour Retry-After). */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

export type Json = Record<string, unknown>;
export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export async function collect<T, U = T>(source: AsyncIterable<T>, map?: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  for await (const item of source) out.push(map ? map(item) : (item as unknown as U));
  return out;
}

export class ArmSession {
  readonly cloud: AzureCloud;
  readonly log: Logger;
  private readonly credential: TokenCredential;
  private readonly tlsOptions?: TlsSettings;
  private readonly retryOptions?: AzureClientOptions['retryOptions'];
  private readonly acrClients = new Map<string, ContainerRegistryManagementClient>();
  private readonly authClients = new Map<string, AuthorizationManagementClient>();
  private subscriptionClient?: SubscriptionClient;
  private readonly httpClient: HttpClient = createDefaultHttpClient();
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

  acr(subscriptionId: string): ContainerRegistryManagementClient {
    let client = this.acrClients.get(subscriptionId);
    if (!client) {
      client = new ContainerRegistryManagementClient(this.credential, subscriptionId, { ...this.commonOptions(), credentials: { scopes: [armScope(this.cloud)] } });
      this.acrClients.set(subscriptionId, client);
    }
    return client;
  }

  authorization(subscriptionId: string): AuthorizationManagementClient {
    let client = this.authClients.get(subscriptionId);
    if (!client) {
      client = new AuthorizationManagementClient(this.credential, subscriptionId, { ...this.commonOptions(), $host: this.cloud.resourceManagerEndpoint, credentialScopes: [armScope(this.cloud)] });
      this.authClients.set(subscriptionId, client);
    }
    return client;
  }

  subscriptions(): SubscriptionClient {
    this.subscriptionClient ??= new SubscriptionClient(this.credential, { ...this.commonOptions(), $host: this.cloud.resourceManagerEndpoint, credentialScopes: [armScope(this.cloud)] });
    return this.subscriptionClient;
  }

  async run<T>(operation: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    throwIfAborted(signal);
    try {
      return await fn();
    } catch (error) {
      throw toAzureError(error, { operation, principalId: this.principal, cloudName: this.cloud.name });
    }
  }

  async *iterate<T, U>(operation: string, signal: AbortSignal | undefined, source: () => AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
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

  /** A REST call through the registry client's pipeline (same auth, retries, TLS, logging). */
  async rest(subscriptionId: string, method: HttpMethods, url: string, signal: AbortSignal | undefined): Promise<unknown> {
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

  /**
   * A REST list (`value` + `nextLink`) read page by page, at most `maxPages` pages (a looping nextLink
   * ends) and, with `limit`, no further than the page that reaches `limit` items (the rest are dropped).
   */
  async restList(subscriptionId: string, operation: string, firstUrl: string, signal: AbortSignal | undefined, maxPages = 100, limit?: number): Promise<Json[]> {
    return this.run(operation, signal, async () => {
      const items: Json[] = [];
      let url: string | undefined = firstUrl;
      for (let page = 0; url && page < maxPages && (limit === undefined || items.length < limit); page++) {
        const body = obj(await this.rest(subscriptionId, 'GET', url, signal));
        for (const item of Array.isArray(body?.value) ? body.value : []) {
          const entry = obj(item);
          if (entry) items.push(entry);
        }
        url = typeof body?.nextLink === 'string' && body.nextLink ? body.nextLink : undefined;
      }
      return limit === undefined ? items : items.slice(0, limit);
    });
  }
}
