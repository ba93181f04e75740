/**
 * Picks and runs the auth flow the registry asks for in its challenge:
 * anonymous, Basic (htpasswd), the Docker token spec (GET realm with optional
 * Basic), or ACR's (POST /oauth2/exchange with an Entra token → refresh token,
 * POST /oauth2/token per scope). Access tokens are cached per (registry, scope).
 *
 * The challenge's realm decides where credentials go, so it is checked before
 * anything is sent there (see tokenRealm): HTTPS only (plain HTTP only to the
 * registry's own host, or to loopback with insecureHttp), and on ACR exactly
 * https://LOGIN-SERVER/oauth2/token.
 */
import { isAcrHost } from '../../reference/imageReference';
import type { Logger } from '../../log';
import { Secret } from '../../secret';
import { AuthError, ProtocolError } from '../errors';
import { errorFromResponse } from '../errorMapping';
import { httpAllowed, isLoopbackHost, loggableUrl, type HttpResponse, type Transport } from '../transport';
import { parseChallenge } from './challenge';
import { ACR_REFRESH_TOKEN_USERNAME, type RegistryCredential } from './credentials';
import { TokenCache, tokenExpiry } from './tokenCache';

type Mode = { kind: 'unknown' } | { kind: 'none' } | { kind: 'basic' } | { kind: 'bearer'; realm: URL; service?: string };

/** ACR refresh tokens live ~3 h; assume 1 h when one carries no exp. */
const DEFAULT_REFRESH_TOKEN_LIFETIME_MS = 60 * 60_000;
const TOKEN_BODY_LIMIT = 1024 * 1024;

export class Authenticator {
  private mode: Mode = { kind: 'unknown' };
  /** Scope we guessed → scope the registry's challenge actually asked for; saves a 401 round trip next time. */
  private readonly scopeAlias = new Map<string, string | undefined>();
  /** Counts token-endpoint requests (exchange + token): for tests and diagnostics. */
  tokenRequests = 0;

  constructor(
    private readonly registry: string,
    private readonly credential: RegistryCredential,
    private readonly transport: Transport,
    private readonly cache: TokenCache,
    private readonly insecureHttp: boolean,
    private readonly logger?: Logger,
  ) {}

  /** Authorization to send up front, once the registry's scheme is known; undefined before that. */
  async authorizationFor(scope: string | undefined, signal?: AbortSignal): Promise<Secret | undefined> {
    switch (this.mode.kind) {
      case 'unknown':
      case 'none':
        return undefined;
      case 'basic':
        return this.basicAuthorization(signal);
      case 'bearer':
        return bearerHeader(await this.accessToken(this.mode, scope !== undefined && this.scopeAlias.has(scope) ? this.scopeAlias.get(scope) : scope, signal));
    }
  }

  /**
   * After a 401: learn the scheme from the challenge, and return the Authorization
   * to retry with, or undefined when retrying cannot help.
   */
  async onUnauthorized(challengeHeader: string | null, requestedScope: string | undefined, sent: Secret | undefined, signal?: AbortSignal): Promise<Secret | undefined> {
    const challenges = challengeHeader ? parseChallenge(challengeHeader) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      const { realm, otherHost } = tokenRealm(this.registry, bearer.params.realm, this.insecureHttp);
      if (otherHost) this.logger?.debug(`auth: the token service for ${this.registry} is on another host: ${loggableUrl(new URL(`${realm.origin}${realm.pathname}`))}`);
      const mode: Mode = { kind: 'bearer', realm, service: bearer.params.service };
      this.mode = mode;
      // The challenge's scope is what this request needs (it may differ from our guess, e.g. insufficient_scope).
      const scope = bearer.params.scope ?? requestedScope;
      const key = this.cacheKey(scope);
      if (sent !== undefined) this.cache.invalidate(key, (cached) => bearerHeader(cached).equals(sent));
      if (requestedScope !== undefined && scope !== requestedScope) this.scopeAlias.set(requestedScope, scope);
      const authorization = bearerHeader(await this.accessToken(mode, scope, signal));
      return authorization.equals(sent) ? undefined : authorization;
    }
    if (basic) {
      this.mode = { kind: 'basic' };
      if (this.credential.kind === 'anonymous') return undefined;
      const authorization = await this.basicAuthorization(signal);
      return authorization === undefined || authorization.equals(sent) ? undefined : authorization;
    }
    return undefined;
  }

  /** Called after a 2xx with no credentials sent: the registry needs none. */
  noteAnonymousSuccess(): void {
    if (this.mode.kind === 'unknown') this.mode = { kind: 'none' };
  }

  /**
   * What `docker login` (or podman, oras, helm) needs for this registry: the Basic credential we hold,
   * or for an Entra sign-in the ACR refresh token of the exchange (`az acr login --expose-token` gives
   * the same); undefined for anonymous access. `learnScheme` reads a challenge when an Entra sign-in
   * needs the token service and none was seen yet.
   */
  async loginCredential(learnScheme: () => Promise<unknown>, signal?: AbortSignal): Promise<{ username: string; password: Secret } | undefined> {
    const credential = this.credential;
    switch (credential.kind) {
      case 'anonymous':
        return undefined;
      case 'basic':
        return { username: credential.username, password: credential.password };
      case 'refresh-token':
        return { username: ACR_REFRESH_TOKEN_USERNAME, password: credential.refreshToken };
      case 'aad': {
        if (this.mode.kind === 'unknown') await learnScheme();
        if (this.mode.kind !== 'bearer') {
          throw new AuthError(`The registry ${this.registry} did not ask for a token, so an Entra ID sign-in cannot be turned into a login for it.`, {
            hint: 'Check that it is an Azure Container Registry (its /v2/ answers 401 with a Bearer challenge).',
          });
        }
        return { username: ACR_REFRESH_TOKEN_USERNAME, password: await this.refreshToken(this.mode, signal) };
      }
    }
  }

  get scheme(): Mode['kind'] {
    return this.mode.kind;
  }

  private cacheKey(scope: string | undefined): string {
    return `${this.registry}\n${scope ?? ''}`;
  }

  private async basicAuthorization(signal?: AbortSignal): Promise<Secret | undefined> {
    const credential = this.credential;
    switch (credential.kind) {
      case 'anonymous':
        return undefined;
      case 'basic':
        return basicHeader(credential.username, credential.password);
      case 'refresh-token':
        return basicHeader(ACR_REFRESH_TOKEN_USERNAME, credential.refreshToken);
      case 'aad': {
        const mode = this.mode.kind === 'bearer' ? this.mode : undefined;
        if (!mode) {
          throw new AuthError(`The registry ${this.registry} asks for a username and password, which an Entra ID sign-in cannot provide.`, {
            hint: 'Use the admin user or a scoped token for this registry, or check that it is an Azure Container Registry.',
          });
        }
        return basicHeader(ACR_REFRESH_TOKEN_USERNAME, await this.refreshToken(mode, signal));
      }
    }
  }

  /** Shared by concurrent callers, so the token request itself runs without any caller's signal (timeouts bound it). */
  private accessToken(mode: Extract<Mode, { kind: 'bearer' }>, scope: string | undefined, signal?: AbortSignal): Promise<Secret> {
    return this.cache.get(this.cacheKey(scope), async () => {
      const credential = this.credential;
      let response: HttpResponse;
      if (credential.kind === 'refresh-token' || credential.kind === 'aad') {
        const refreshToken = credential.kind === 'refresh-token' ? credential.refreshToken : await this.refreshToken(mode);
        const form = new URLSearchParams({ grant_type: 'refresh_token', service: mode.service ?? this.registry, refresh_token: refreshToken.reveal() });
        if (scope) form.set('scope', scope);
        response = await this.post(mode.realm, form);
      } else {
        const url = new URL(mode.realm.href);
        if (mode.service) url.searchParams.set('service', mode.service);
        if (scope) for (const part of scope.split(' ')) url.searchParams.append('scope', part);
        this.tokenRequests++;
        response = await this.transport.send({
          method: 'GET',
          url,
          headers: { accept: 'application/json' },
          authorization: credential.kind === 'basic' ? basicHeader(credential.username, credential.password) : undefined,
          maxBodyBytes: TOKEN_BODY_LIMIT,
        });
      }
      const what = `getting an access token${scope ? ` for ${scope}` : ''}`;
      this.throwUnlessOk(response, what);
      const body = parseTokenJson(response, what);
      const token = typeof body.token === 'string' && body.token ? body.token : typeof body.access_token === 'string' ? body.access_token : '';
      if (!token) throw new ProtocolError(`The registry's token service answered without a token.`, { status: response.status });
      return { value: new Secret(token), expiresAt: tokenExpiry(token, body, Date.now()) ?? Date.now() + 60_000 };
    }, signal);
  }

  /** ACR refresh token for an Entra sign-in, cached until its exp (one exchange per registry). */
  private refreshToken(mode: Extract<Mode, { kind: 'bearer' }>, signal?: AbortSignal): Promise<Secret> {
    const credential = this.credential;
    if (credential.kind !== 'aad') throw new Error('refreshToken() needs an aad credential');
    return this.cache.get(`${this.registry}\nrefresh-token`, async () => {
      const aad = await credential.getAadToken();
      const form = new URLSearchParams({ grant_type: 'access_token', service: mode.service ?? this.registry, access_token: aad.token.reveal() });
      if (aad.tenantId) form.set('tenant', aad.tenantId);
      const response = await this.post(new URL('/oauth2/exchange', mode.realm), form);
      const what = 'exchanging the Entra ID token for a registry refresh token';
      this.throwUnlessOk(response, what);
      const body = parseTokenJson(response, what);
      const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
      if (!token) throw new ProtocolError(`The registry's /oauth2/exchange answered without a refresh_token.`, { status: response.status });
      return { value: new Secret(token), expiresAt: tokenExpiry(token, {}, Date.now()) ?? Date.now() + DEFAULT_REFRESH_TOKEN_LIFETIME_MS };
    }, signal);
  }

  private post(url: URL, form: URLSearchParams): Promise<HttpResponse> {
    this.tokenRequests++;
    return this.transport.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      maxBodyBytes: TOKEN_BODY_LIMIT,
    });
  }

  private throwUnlessOk(response: HttpResponse, what: string): void {
    if (response.status >= 200 && response.status < 300) return;
    const error = errorFromResponse(response.status, response.headers, response.body, what);
    if (response.status === 401 || response.status === 400 || response.status === 403) {
      throw new AuthError(error.message, {
        status: error.status,
        registryCode: error.registryCode,
        detail: error.detail,
        hint: credentialHint(this.credential),
      });
    }
    throw error;
  }
}

/**
 * The challenge's realm, if credentials may go there. A token realm receives the
 * password, refresh token or Entra token, and a challenge can be forged by
 * anything on the path, so it must not be able to send them in clear or to a
 * host ACR never uses. `otherHost`: the realm is not on the registry's host
 * (legitimate elsewhere, e.g. Docker Hub's auth.docker.io; the caller logs it).
 */
export function tokenRealm(registry: string, value: string, insecureHttp: boolean): { realm: URL; otherHost: boolean } {
  let realm: URL;
  try {
    realm = new URL(value);
  } catch {
    throw new ProtocolError(`The registry's auth challenge names an invalid token realm.`, { status: 401 });
  }
  const registryHost = new URL(`https://${registry}`).hostname;
  const where = loggableUrl(new URL(`${realm.origin}${realm.pathname}`));
  if (isAcrHost(registry)) {
    // ACR's realm is always its own login server's /oauth2/token.
    const expected = new URL(`https://${registry}/oauth2/token`);
    if (realm.origin !== expected.origin || realm.pathname !== expected.pathname) {
      throw new AuthError(`The registry ${registry} sent an auth challenge naming the token service ${where}, but an Azure Container Registry's is always ${expected.href}; no credential was sent there.`, {
        code: 'REGISTRY_REALM_UNEXPECTED',
        status: 401,
        hint: 'Something between you and the registry (a proxy, or a host that is not the registry) answered the request; check the registry address, DNS (a private endpoint zone?) and any proxy.',
      });
    }
  }
  const otherHost = realm.hostname !== registryHost;
  // Plain HTTP: to the registry's own host when the registry itself may be plain HTTP (a local test registry), or to loopback with insecureHttp.
  const clearTextAllowed = otherHost ? insecureHttp && isLoopbackHost(realm.hostname) : httpAllowed(realm, insecureHttp);
  if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && clearTextAllowed)) {
    throw new AuthError(`The registry's auth challenge names the token service ${where} over plain HTTP${otherHost ? `, on ${realm.host} rather than the registry ${registry}` : ''}; no credential was sent there, because it would travel unencrypted.`, {
      code: 'REGISTRY_REALM_INSECURE',
      status: 401,
      hint: "A registry's token service must use HTTPS: check the registry's auth configuration (token realm) or a proxy rewriting its answers. For a test registry on this machine, allow insecure HTTP explicitly.",
    });
  }
  return { realm, otherHost };
}

/** The Authorization values: built here, from the secret, for the wire only. */
function basicHeader(username: string, password: Secret): Secret {
  return new Secret(`Basic ${Buffer.from(`${username}:${password.reveal()}`, 'utf8').toString('base64')}`);
}

function bearerHeader(token: Secret): Secret {
  return new Secret(`Bearer ${token.reveal()}`);
}

function parseTokenJson(response: HttpResponse, what: string): { token?: unknown; access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; issued_at?: unknown } {
  const contentType = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  const text = response.body.toString('utf8');
  const looksHtml = contentType === 'text/html' || contentType === 'application/xhtml+xml' || /^\s*</.test(text);
  let parsed: unknown;
  if (!looksHtml) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON. The parser's message quotes the body, which may hold a token: it is not kept.
    }
  }
  if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  if (parsed !== undefined) throw new ProtocolError(`The registry's token service answered ${what} with JSON that is not an object.`, { status: response.status });
  // The body may hold a token: never quote it, only say what kind of document it is.
  const url = loggableUrl(new URL(`${response.url.origin}${response.url.pathname}`));
  const kind = looksHtml ? 'an HTML page' : 'a body that is not JSON';
  throw new ProtocolError(
    `The token service at ${url} answered ${what} with ${kind} (HTTP ${response.status}, ${contentType ? `content type ${contentType}` : 'no content type'}, ${response.body.length} bytes) instead of JSON: probably not the registry's token service but a proxy, a captive portal (hotel or guest Wi-Fi sign-in) or a company login page answering in its place.`,
    {
      code: 'REGISTRY_TOKEN_NOT_JSON',
      status: response.status,
      hint: `Open ${url} in a browser on this machine to see what answers; sign in to the network if it asks, or check the proxy settings, then retry.`,
    },
  );
}

function credentialHint(credential: RegistryCredential): string {
  switch (credential.kind) {
    case 'anonymous':
      return 'This registry needs credentials for this operation: log in (az acr login / docker login) or enable anonymous pull.';
    case 'basic':
      return 'Check the username and password (admin user enabled? scoped token not expired or disabled, with a scope map covering this repository?).';
    case 'refresh-token':
      return 'The refresh token was refused or has expired (they last about 3 hours): log in again (az acr login).';
    case 'aad':
      return 'The registry refused the Entra ID token: check that the identity has a role on the registry (AcrPull/AcrPush/AcrDelete), that the tenant is right, and wait a few minutes after a new role assignment.';
  }
}
