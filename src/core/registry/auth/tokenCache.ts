import { CancelledError } from '../../errors';
import type { Secret } from '../../secret';

/**
 * Access and refresh tokens, cached per key (registry + scope) until shortly
 * before they expire, with one in-flight request per key: twenty concurrent
 * calls that need the same token cause one token request, not twenty.
 */
export interface CachedToken {
  value: Secret;
  /** Epoch ms; undefined = no known expiry (kept until `maxUnknownLifetimeMs`). */
  expiresAt?: number;
}

export interface TokenCacheOptions {
  now?: () => number;
  /** Refresh this long before expiry, at most; default 60 s. */
  safetyMarginMs?: number;
  /** Lifetime assumed for a token with no exp/expires_in; default 60 s (the token spec's default). */
  maxUnknownLifetimeMs?: number;
}

export class TokenCache {
  private readonly entries = new Map<string, { value: Secret; usableUntil: number }>();
  private readonly inFlight = new Map<string, Promise<Secret>>();
  private readonly now: () => number;
  private readonly safetyMarginMs: number;
  private readonly unknownLifetimeMs: number;

  constructor(options: TokenCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.safetyMarginMs = options.safetyMarginMs ?? 60_000;
    this.unknownLifetimeMs = options.maxUnknownLifetimeMs ?? 60_000;
  }

  /**
   * The cached token for `key`, or the result of `fetchToken` (shared by concurrent
   * callers). The shared fetch does not take any one caller's signal: cancelling
   * one caller must not fail the others; `signal` only stops this caller waiting.
   */
  get(key: string, fetchToken: () => Promise<CachedToken>, signal?: AbortSignal): Promise<Secret> {
    const entry = this.entries.get(key);
    if (entry && entry.usableUntil > this.now()) return Promise.resolve(entry.value);
    const pending = this.inFlight.get(key) ?? this.start(key, fetchToken);
    return signal ? abortable(pending, signal) : pending;
  }

  private start(key: string, fetchToken: () => Promise<CachedToken>): Promise<Secret> {
    const request = (async () => {
      try {
        const token = await fetchToken();
        this.entries.set(key, { value: token.value, usableUntil: this.usableUntil(token) });
        return token.value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, request);
    return request;
  }

  /**
   * Forget a token the server rejected (e.g. revoked before exp). With `value`,
   * only if that is still the cached one, so concurrent 401s do not each drop
   * the fresh token another caller just fetched.
   */
  invalidate(key: string, value?: Secret | ((cached: Secret) => boolean)): void {
    const cached = this.entries.get(key)?.value;
    if (cached === undefined) return;
    if (value === undefined || (typeof value === 'function' ? value(cached) : value.equals(cached))) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private usableUntil(token: CachedToken): number {
    const now = this.now();
    if (token.expiresAt === undefined) return now + this.unknownLifetimeMs;
    const lifetime = token.expiresAt - now;
    // Short-lived tokens: margin of a fifth of their life, so a 60 s token is still used for 48 s.
    const margin = Math.min(this.safetyMarginMs, Math.max(0, lifetime / 5));
    return token.expiresAt - margin;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** `exp` (epoch seconds) of a JWT, read without verifying it: only to know when to refresh. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Expiry of a token response: the JWT's own `exp` wins (it is what the server
 * enforces); else `issued_at` + `expires_in`; else now + `expires_in`.
 */
export function tokenExpiry(token: string, response: { expires_in?: unknown; issued_at?: unknown }, now: number): number | undefined {
  const fromJwt = jwtExpiry(token);
  if (fromJwt !== undefined) return fromJwt;
  const expiresIn = typeof response.expires_in === 'number' && response.expires_in > 0 ? response.expires_in * 1000 : undefined;
  if (expiresIn === undefined) return undefined;
  const issued = typeof response.issued_at === 'string' ? Date.parse(response.issued_at) : NaN;
  // A server clock far from ours would make issued_at misleading: only trust it when close.
  const base = Number.isFinite(issued) && Math.abs(issued - now) < 5 * 60_000 ? issued : now;
  return base + expiresIn;
}
