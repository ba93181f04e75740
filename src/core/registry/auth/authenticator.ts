/**
 * Picks and runs the auth flow the registry asks for in its challenge:
 * anonymous, Basic (htpasswd), the Docker token spec (GET realm with optional
 * Basic), or ACR's (POST /oauth2/exchange with an Entra token → refresh token,
 * POST /oauth2/token per scope). Access tokens are cached per (registry, scope).
 */
import { AuthError, ProtocolError, RegistryError } from '../errors';
import { errorFromResponse } from '../errorMapping';
import { httpAllowed, type HttpResponse, type Transport } from '../transport';
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
  ) {}

  /** Authorization to send up front, once the registry's scheme is known; undefined before that. */
  async authorizationFor(scope: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    switch (this.mode.kind) {
      case 'unknown':
      case 'none':
        return undefined;
      case 'basic':
        return this.basicAuthorization(signal);
      case 'bearer':
        return `Bearer ${await this.accessToken(this.mode, scope !== undefined && this.scopeAlias.has(scope) ? this.scopeAlias.get(scope) : scope, signal)}`;
    }
  }

  /**
   * After a 401: learn the scheme from the challenge, and return the Authorization
   * to retry with, or undefined when retrying cannot help.
   */
  async onUnauthorized(challengeHeader: string | null, requestedScope: string | undefined, sent: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    const challenges = challengeHeader ? parseChallenge(challengeHeader) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      let realm: URL;
      try {
        realm = new URL(bearer.params.realm);
      } catch {
        throw new ProtocolError(`The registry's auth challenge names an invalid token realm.`, { status: 401 });
      }
      if (!httpAllowed(realm, this.insecureHttp)) {
        throw new AuthError(`The registry's token service ${realm.host} is plain HTTP; refusing to send credentials there.`, {
          status: 401,
          hint: 'Use a registry whose token realm is HTTPS, or allow insecure HTTP explicitly for a test registry.',
        });
      }
      const mode: Mode = { kind: 'bearer', realm, service: bearer.params.service };
      this.mode = mode;
      // The challenge's scope is what this request needs (it may differ from our guess, e.g. insufficient_scope).
      const scope = bearer.params.scope ?? requestedScope;
      const key = this.cacheKey(scope);
      if (sent?.startsWith('Bearer ')) this.cache.invalidate(key, sent.slice('Bearer '.length));
      if (requestedScope !== undefined && scope !== requestedScope) this.scopeAlias.set(requestedScope, scope);
      const authorization = `Bearer ${await this.accessToken(mode, scope, signal)}`;
      return authorization === sent ? undefined : authorization;
    }
    if (basic) {
      this.mode = { kind: 'basic' };
      if (this.credential.kind === 'anonymous') return undefined;
      const authorization = await this.basicAuthorization(signal);
      return authorization === sent ? undefined : authorization;
    }
    return undefined;
  }

  /** Called after a 2xx with no credentials sent: the registry needs none. */
  noteAnonymousSuccess(): void {
    if (this.mode.kind === 'unknown') this.mode = { kind: 'none' };
  }

  get scheme(): Mode['kind'] {
    return this.mode.kind;
  }

  private cacheKey(scope: string | undefined): string {
    return `${this.registry}\n${scope ?? ''}`;
  }

  private async basicAuthorization(signal?: AbortSignal): Promise<string | undefined> {
    const credential = this.credential;
    switch (credential.kind) {
      case 'anonymous':
        return undefined;
      case 'basic':
        return basic(credential.username, credential.password);
      case 'refresh-token':
        return basic(ACR_REFRESH_TOKEN_USERNAME, credential.refreshToken);
      case 'aad': {
        const mode = this.mode.kind === 'bearer' ? this.mode : undefined;
        if (!mode) {
          throw new AuthError(`The registry ${this.registry} asks for a username and password, which an Entra ID sign-in cannot provide.`, {
            hint: 'Use the admin user or a scoped token for this registry, or check that it is an Azure Container Registry.',
          });
        }
        return basic(ACR_REFRESH_TOKEN_USERNAME, await this.refreshToken(mode, signal));
      }
    }
  }

  /** Shared by concurrent callers, so the token request itself runs without any caller's signal (timeouts bound it). */
  private accessToken(mode: Extract<Mode, { kind: 'bearer' }>, scope: string | undefined, signal?: AbortSignal): Promise<string> {
    return this.cache.get(this.cacheKey(scope), async () => {
      const credential = this.credential;
      let response: HttpResponse;
      if (credential.kind === 'refresh-token' || credential.kind === 'aad') {
        const refreshToken = credential.kind === 'refresh-token' ? credential.refreshToken : await this.refreshToken(mode);
        const form = new URLSearchParams({ grant_type: 'refresh_token', service: mode.service ?? this.registry, refresh_token: refreshToken });
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
          authorization: credential.kind === 'basic' ? basic(credential.username, credential.password) : undefined,
          maxBodyBytes: TOKEN_BODY_LIMIT,
        });
      }
      this.throwUnlessOk(response, `getting an access token${scope ? ` for ${scope}` : ''}`);
      const body = parseTokenJson(response);
      const token = typeof body.token === 'string' && body.token ? body.token : typeof body.access_token === 'string' ? body.access_token : '';
      if (!token) throw new ProtocolError(`The registry's token service answered without a token.`, { status: response.status });
      return { value: token, expiresAt: tokenExpiry(token, body, Date.now()) ?? Date.now() + 60_000 };
    }, signal);
  }

  /** ACR refresh token for an Entra sign-in, cached until its exp (one exchange per registry). */
  private refreshToken(mode: Extract<Mode, { kind: 'bearer' }>, signal?: AbortSignal): Promise<string> {
    const credential = this.credential;
    if (credential.kind !== 'aad') throw new Error('refreshToken() needs an aad credential');
    return this.cache.get(`${this.registry}\nrefresh-token`, async () => {
      const aad = await credential.getAadToken();
      const form = new URLSearchParams({ grant_type: 'access_token', service: mode.service ?? this.registry, access_token: aad.token });
      if (aad.tenantId) form.set('tenant', aad.tenantId);
      const response = await this.post(new URL('/oauth2/exchange', mode.realm), form);
      this.throwUnlessOk(response, 'exchanging the Entra ID token for a registry refresh token');
      const body = parseTokenJson(response);
      const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
      if (!token) throw new ProtocolError(`The registry's /oauth2/exchange answered without a refresh_token.`, { status: response.status });
      return { value: token, expiresAt: tokenExpiry(token, {}, Date.now()) ?? Date.now() + DEFAULT_REFRESH_TOKEN_LIFETIME_MS };
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

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function parseTokenJson(response: HttpResponse): { token?: unknown; access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; issued_at?: unknown } {
  try {
    const parsed: unknown = JSON.parse(response.body.toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch (error) {
    // The body may hold a token: never quote it.
    throw new ProtocolError(`The registry's token service answered with malformed JSON (${response.body.length} bytes).`, { status: response.status, cause: error instanceof RegistryError ? error : undefined });
  }
  throw new ProtocolError(`The registry's token service answered with JSON that is not an object.`, { status: response.status });
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
