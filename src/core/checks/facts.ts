/**
 * Shared facts: what several checks read (the registry's ARM resource, the `/v2/` challenge, DNS
 * answers, tokens). Each is fetched at most once per run (a memoised promise, failures included, so
 * every check sees the same answer) under the run's signal, not a single check's.
 *
 * All I/O sits behind small injected interfaces: `ChecksAzure` (ARM and Entra tokens), `NetworkProbe`
 * (DNS, TCP, TLS) and the registry client's own transport for HTTP, so tests present a resolver or
 * an ARM fixture and talk to real loopback servers.
 *
 * Secrets (Entra tokens, refresh and access tokens) live only in `secret` fields here; checks never
 * copy them into evidence, and the engine redacts evidence again before emitting it.
 */
import { Secret } from '../secret';
import type { AzureClient, RegistryDetails, RegistryRef, ReplicationInfo, RoleAssignmentInfo, StorageUsage } from '../azure';
import { isAcrHost } from '../reference/imageReference';
import { RegistryClient, type RegistryCredential } from '../registry';
import { Transport, type HttpResponse } from '../registry/transport';
import { registryBaseUrl } from '../registry/connection';
import { parseChallenge } from '../registry/auth/challenge';
import type { Logger } from '../log';
import type { CheckTarget } from './types';

/** The Azure calls checks make; `AzureClient` satisfies it, tests present the ARM fixture through it. */
export type ChecksAzureClient = Pick<
  AzureClient,
  'cloud' | 'principalId' | 'findRegistry' | 'getRegistry' | 'getStorageUsage' | 'listReplications' | 'listMyRoleAssignments' | 'listWebhooks' | 'listRunningRuns'
>;

/** Azure access injected into a run. Absent = not signed in: checks needing `azure` are skipped with `unavailableReason`. */
export interface ChecksAzure {
  client: ChecksAzureClient;
  /** An Entra access token for `scope` (`<audience>/.default`). Secret: never into evidence. */
  getToken(scope: string, signal?: AbortSignal): Promise<{ token: string; tenantId?: string }>;
  /** Subscriptions to search for the registry; all the sign-in sees when absent. */
  subscriptionIds?: string[];
  /** The registry's ARM resource when the caller already knows it (else found by login server). */
  registry?: RegistryRef;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface TlsHandshake {
  /** e.g. 'TLSv1.3' */
  protocol: string | null;
  /** Whether the chain verified against the trust store (for the server name). */
  authorized: boolean;
  authorizationError?: string;
  /** Leaf first: subject CN, issuer CN, validity. */
  chain: Array<{ subject: string; issuer: string; validFrom: string; validTo: string }>;
}

/** DNS, TCP and TLS as checks need them. The real one is `nodeNetwork.ts`; tests present answers. */
export interface NetworkProbe {
  /** All addresses of `host`; throws an error with a node `code` (ENOTFOUND, ETIMEOUT…) when it cannot. */
  resolve(host: string, signal?: AbortSignal): Promise<ResolvedAddress[]>;
  /** Opens and closes a TCP connection; resolves with the connect time, throws with a node `code`. */
  connect(address: string, port: number, options: { timeoutMs: number; signal?: AbortSignal }): Promise<{ ms: number }>;
  /** A TLS handshake with SNI `servername`; throws with a node `code` when the handshake itself fails. */
  tlsHandshake(address: string, port: number, servername: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<TlsHandshake>;
}

/** Where the registry under test answers. */
export interface RegistryEndpoint {
  /** host[:port] as the registry client addresses it */
  host: string;
  hostname: string;
  port: number;
  tls: boolean;
  baseUrl: URL;
}

export interface DnsFact {
  host: string;
  addresses: ResolvedAddress[];
  /** node error code when resolution failed (ENOTFOUND, EAI_AGAIN, …) */
  errorCode?: string;
  errorMessage?: string;
}

export interface ChallengeFact {
  url: string;
  status: number;
  /** the raw `WWW-Authenticate` header */
  wwwAuthenticate?: string;
  scheme?: string;
  realm?: string;
  service?: string;
  /** `Retry-After` as sent */
  retryAfter?: string;
  /** first registry error code in a JSON error body */
  errorCode?: string;
  /** body text (at most 500 chars, redacted later) for 4xx/5xx answers */
  bodyText?: string;
  /** Transport failure instead of an HTTP answer */
  failure?: { code: string; message: string };
}

/** Outcome of one token-server call (the exchange, or an access token for a scope). */
export interface TokenFact {
  /** what was asked: `exchange` or the scope */
  asked: string;
  /** 'ok' with a token; 'refused' with an HTTP error; 'failed' on a transport error; 'not-applicable' (no token server, or the credential has no such step) */
  outcome: 'ok' | 'refused' | 'failed' | 'not-applicable';
  status?: number;
  errorCode?: string;
  message?: string;
  /** Decoded `access` claim of an access token: what was granted (an empty list = nothing). */
  granted?: Array<{ type: string; name: string; actions: string[] }>;
  /** Secret: the token itself. Never into evidence. */
  secret?: string;
}

/** What checks read; every method is memoised per run. */
export interface CheckFacts {
  readonly network: NetworkProbe;
  /** Absent when not signed in to Azure. */
  readonly azure?: ChecksAzure;
  readonly credential: RegistryCredential;
  endpoint(): RegistryEndpoint;
  /** An `*.azurecr.*` host, or a registry that serves ACR's `/acr/v1` API (the loopback front). */
  isAcr(): Promise<boolean>;
  dns(host: string): Promise<DnsFact>;
  /** `GET /v2/` without credentials, no retries (a 429 must be seen, not waited out). */
  challenge(): Promise<ChallengeFact>;
  /** `POST /oauth2/exchange` of the run's Entra credential for a refresh token (not-applicable for other credentials). */
  refreshToken(): Promise<TokenFact>;
  /** An access token for `scope` with the run's credential (space-separated scopes allowed). */
  token(scope: string): Promise<TokenFact>;
  /** The Authorization value for a data-plane request needing `scope`: a Bearer access token, Basic, or none. */
  authorization(scope: string): Promise<Secret | undefined>;
  /** The real registry client for the target with the run's credential. */
  registryClient(): RegistryClient;
  /** One probe-level HTTP request through the registry transport (no retries, redirects followed, credentials never cross hosts). */
  /** A blob download may follow ACR's redirect to its storage or data endpoint, never with credentials. */
  http(request: { method: 'GET' | 'HEAD' | 'POST' | 'PUT'; url: URL; headers?: Record<string, string>; authorization?: Secret; crossOriginRedirect?: 'refuse' | 'follow-without-credentials'; body?: string; maxBodyBytes?: number }): Promise<HttpResponse>;
  registryRef(): Promise<RegistryRef>;
  armRegistry(): Promise<RegistryDetails>;
  storageUsage(): Promise<StorageUsage[]>;
  replications(): Promise<ReplicationInfo[]>;
  roleAssignments(): Promise<RoleAssignmentInfo[]>;
  /** Every secret a fact has seen this run (tokens), so the engine can scrub them from outcomes literally. */
  knownSecrets(): string[];
  /** Memoise any further fact under `key` for this run (management-plane facts beyond the above). */
  memo<T>(key: string, compute: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface FactSources {
  target: CheckTarget;
  credential: RegistryCredential;
  network: NetworkProbe;
  azure?: ChecksAzure;
  /** The run's signal: facts outlive the check that first asked for them. */
  signal: AbortSignal;
  /** Per HTTP attempt, default 15 s. */
  httpTimeoutMs?: number;
  logger?: Logger;
}

/** Thrown by Azure facts when the run has no Azure access (the engine skips `azure` checks before that). */
export class AzureUnavailableError extends Error {
  override readonly name = 'AzureUnavailableError';
}

export function parseEndpoint(target: CheckTarget): RegistryEndpoint {
  const baseUrl = registryBaseUrl(target.registry, target.insecureHttp ?? false);
  const tls = baseUrl.protocol === 'https:';
  const port = baseUrl.port ? Number(baseUrl.port) : tls ? 443 : 80;
  return { host: baseUrl.host, hostname: baseUrl.hostname.replace(/^\[|\]$/g, ''), port, tls, baseUrl };
}

/** Decodes the `access` claim of a registry access token (unverified: only to report what was granted). */
export function grantedActions(token: string): Array<{ type: string; name: string; actions: string[] }> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { access?: unknown };
    if (!Array.isArray(claims.access)) return [];
    return claims.access.flatMap((entry: unknown) => {
      if (!entry || typeof entry !== 'object') return [];
      const e = entry as { type?: unknown; name?: unknown; actions?: unknown };
      return [{ type: String(e.type ?? ''), name: String(e.name ?? ''), actions: Array.isArray(e.actions) ? e.actions.map(String) : [] }];
    });
  } catch {
    return undefined;
  }
}

function firstErrorCode(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: unknown }>; error?: unknown };
    const code = parsed.errors?.[0]?.code ?? parsed.error;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function failureOf(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : 'ERROR';
  return { code, message: typeof e.message === 'string' ? e.message : String(error) };
}

export function createFacts(sources: FactSources): CheckFacts {
  const cache = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, compute: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    let promise = cache.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = Promise.resolve().then(() => compute(sources.signal));
      // A rejected fact is still the run's answer; keep node from reporting it as unhandled.
      promise.catch(() => undefined);
      cache.set(key, promise);
    }
    return promise;
  };
  const endpoint = parseEndpoint(sources.target);
  const transport = new Transport({
    logger: sources.logger,
    traceRequests: sources.logger !== undefined,
    requestTimeoutMs: sources.httpTimeoutMs ?? 15_000,
    maxRetries: 0,
    maxBodyBytes: 8 * 1024 * 1024,
    maxRetryWaitMs: 0,
    retryBaseDelayMs: 0,
    insecureHttp: sources.target.insecureHttp ?? false,
  });
  const http: CheckFacts['http'] = (request) => transport.send({ ...request, signal: sources.signal });
  let client: RegistryClient | undefined;
  const azure = (): ChecksAzure => {
    if (!sources.azure) throw new AzureUnavailableError('Not signed in to Azure.');
    return sources.azure;
  };

  const secrets = new Set<string>();
  const remember = (fact: TokenFact): TokenFact => {
    if (fact.secret) secrets.add(fact.secret);
    return fact;
  };
  const facts: CheckFacts = {
    network: sources.network,
    knownSecrets: () => [...secrets],
    azure: sources.azure,
    credential: sources.credential,
    endpoint: () => endpoint,
    memo,
    http,
    registryClient() {
      client ??= new RegistryClient({ registry: sources.target.registry, credential: sources.credential, insecureHttp: sources.target.insecureHttp, logger: sources.logger, maxRetries: 0, requestTimeoutMs: sources.httpTimeoutMs ?? 15_000 });
      return client;
    },
    isAcr: () =>
      memo('isAcr', async (signal) => {
        if (isAcrHost(endpoint.hostname)) return true;
        // ACR's challenge names its own /oauth2/token as realm and its host as service: no probe needed.
        const challenge = await facts.challenge();
        if (challenge.scheme === 'bearer' && challenge.realm && challenge.service === endpoint.host) {
          try {
            const realm = new URL(challenge.realm);
            if (realm.host === endpoint.host && realm.pathname === '/oauth2/token') return true;
          } catch {
            // not a URL: fall through to the probe
          }
        }
        try {
          return (await facts.registryClient().capabilities(signal)).acr;
        } catch {
          return false;
        }
      }),
    dns: (host) =>
      memo(`dns:${host.toLowerCase()}`, async (signal) => {
        try {
          return { host, addresses: await sources.network.resolve(host, signal) };
        } catch (error) {
          const failure = failureOf(error);
          return { host, addresses: [], errorCode: failure.code, errorMessage: failure.message };
        }
      }),
    challenge: () =>
      memo('challenge', async (): Promise<ChallengeFact> => {
        const url = new URL('/v2/', endpoint.baseUrl);
        let response: HttpResponse;
        try {
          response = await http({ method: 'GET', url, maxBodyBytes: 64 * 1024 });
        } catch (error) {
          return { url: url.href, status: 0, failure: failureOf(error) };
        }
        const header = response.headers.get('www-authenticate') ?? undefined;
        const parsed = header ? parseChallenge(header) : [];
        const bearer = parsed.find((c) => c.scheme === 'bearer') ?? parsed[0];
        return {
          url: url.href,
          status: response.status,
          wwwAuthenticate: header,
          scheme: bearer?.scheme,
          realm: bearer?.params.realm,
          service: bearer?.params.service,
          retryAfter: response.headers.get('retry-after') ?? undefined,
          errorCode: response.status >= 400 ? firstErrorCode(response.body) : undefined,
          bodyText: response.status >= 400 ? response.body.toString('utf8').slice(0, 500) : undefined,
        };
      }),
    refreshToken: () => memo('refreshToken', async () => remember(await exchange(facts, sources, secrets))),
    token: (scope) => memo(`token:${scope}`, async () => remember(await accessToken(facts, sources, scope))),
    authorization: async (scope) => {
      const token = await facts.token(scope);
      if (token.outcome === 'ok' && token.secret) return new Secret(`Bearer ${token.secret}`);
      const credential = sources.credential;
      if (token.outcome === 'not-applicable' && credential.kind === 'basic') return basicAuthorization(credential.username, credential.password);
      return undefined;
    },
    registryRef: () =>
      memo('registryRef', async (signal) => {
        const { client: arm, subscriptionIds, registry } = azure();
        if (registry) return registry;
        const found = await arm.findRegistry(endpoint.hostname, subscriptionIds, signal);
        return { subscriptionId: found.subscriptionId, resourceGroup: found.resourceGroup, name: found.name };
      }),
    armRegistry: () => memo('armRegistry', async (signal) => azure().client.getRegistry(await facts.registryRef(), signal)),
    storageUsage: () => memo('storageUsage', async (signal) => azure().client.getStorageUsage(await facts.registryRef(), signal)),
    replications: () => memo('replications', async (signal) => azure().client.listReplications(await facts.armRegistry(), signal)),
    roleAssignments: () => memo('roleAssignments', async (signal) => azure().client.listMyRoleAssignments(await facts.registryRef(), signal)),
  };
  return facts;
}

/** The token server the challenge names (ACR: `https://<host>/oauth2/token`), or undefined without a Bearer challenge. */
async function tokenRealm(facts: CheckFacts): Promise<{ realm: URL; service: string } | undefined> {
  const challenge = await facts.challenge();
  if (challenge.scheme !== 'bearer' || !challenge.realm) return undefined;
  try {
    return { realm: new URL(challenge.realm), service: challenge.service ?? facts.endpoint().host };
  } catch {
    return undefined;
  }
}

function tokenFactFromResponse(asked: string, response: HttpResponse, field: 'refresh_token' | 'access_token'): TokenFact {
  if (response.status < 200 || response.status >= 300) {
    const text = response.body.toString('utf8').slice(0, 300);
    return { asked, outcome: 'refused', status: response.status, errorCode: firstErrorCode(response.body), message: text };
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { asked, outcome: 'refused', status: response.status, message: `malformed JSON (${response.body.length} bytes)` };
  }
  const token = [body[field], body.token, body.access_token].find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!token) return { asked, outcome: 'refused', status: response.status, message: `answered without a ${field}` };
  return { asked, outcome: 'ok', status: response.status, secret: token, granted: field === 'access_token' ? grantedActions(token) : undefined };
}

/** `Authorization: Basic …` for a username and password, held as a Secret. */
function basicAuthorization(username: string, password: Secret): Secret {
  return new Secret(`Basic ${Buffer.from(`${username}:${password.reveal()}`, 'utf8').toString('base64')}`);
}

async function exchange(facts: CheckFacts, sources: FactSources, secrets: Set<string>): Promise<TokenFact> {
  const credential = sources.credential;
  if (credential.kind !== 'aad') return { asked: 'exchange', outcome: 'not-applicable', message: `the credential is ${credential.kind}, not an Entra ID sign-in` };
  const server = await tokenRealm(facts);
  if (!server) return { asked: 'exchange', outcome: 'not-applicable', message: 'the registry names no Bearer token server' };
  let aad: { token: Secret; tenantId?: string };
  try {
    aad = await credential.getAadToken(sources.signal);
  } catch (error) {
    return { asked: 'exchange', outcome: 'failed', message: `no Entra ID token: ${failureOf(error).message}` };
  }
  secrets.add(aad.token.reveal());
  return exchangeEntraToken(facts, aad.token.reveal(), aad.tenantId);
}

/** `POST /oauth2/exchange` of one Entra token (any audience) for a refresh token; the caller keeps `secret` out of evidence. */
export async function exchangeEntraToken(facts: CheckFacts, entraToken: string, tenantId: string | undefined): Promise<TokenFact> {
  const server = await tokenRealm(facts);
  if (!server) return { asked: 'exchange', outcome: 'not-applicable', message: 'the registry names no Bearer token server' };
  const form = new URLSearchParams({ grant_type: 'access_token', service: server.service, access_token: entraToken });
  if (tenantId) form.set('tenant', tenantId);
  try {
    const response = await facts.http({ method: 'POST', url: new URL('/oauth2/exchange', server.realm), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), maxBodyBytes: 1024 * 1024 });
    return tokenFactFromResponse('exchange', response, 'refresh_token');
  } catch (error) {
    return { asked: 'exchange', outcome: 'failed', ...pick(failureOf(error)) };
  }
}

function pick(failure: { code: string; message: string }): { errorCode: string; message: string } {
  return { errorCode: failure.code, message: failure.message };
}

async function accessToken(facts: CheckFacts, sources: FactSources, scope: string): Promise<TokenFact> {
  const server = await tokenRealm(facts);
  if (!server) return { asked: scope, outcome: 'not-applicable', message: 'the registry names no Bearer token server' };
  const credential = sources.credential;
  try {
    let response: HttpResponse;
    if (credential.kind === 'aad' || credential.kind === 'refresh-token') {
      let refreshToken: string;
      if (credential.kind === 'aad') {
        const exchanged = await facts.refreshToken();
        if (exchanged.outcome !== 'ok' || !exchanged.secret) return { asked: scope, outcome: 'not-applicable', message: 'no refresh token (the exchange did not succeed)' };
        refreshToken = exchanged.secret;
      } else {
        refreshToken = credential.refreshToken.reveal();
      }
      const form = new URLSearchParams({ grant_type: 'refresh_token', service: server.service, scope, refresh_token: refreshToken });
      response = await facts.http({ method: 'POST', url: server.realm, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), maxBodyBytes: 1024 * 1024 });
    } else {
      const url = new URL(server.realm.href);
      url.searchParams.set('service', server.service);
      for (const part of scope.split(' ')) url.searchParams.append('scope', part);
      const authorization = credential.kind === 'basic' ? basicAuthorization(credential.username, credential.password) : undefined;
      response = await facts.http({ method: 'GET', url, headers: { accept: 'application/json' }, authorization, maxBodyBytes: 1024 * 1024 });
    }
    return tokenFactFromResponse(scope, response, 'access_token');
  } catch (error) {
    return { asked: scope, outcome: 'failed', ...pick(failureOf(error)) };
  }
}
