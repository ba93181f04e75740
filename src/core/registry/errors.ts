import { AcrDoctorError } from '../errors';
import type { RegistryErrorCode } from '../errorCodes';

/**
 * Every failure of the registry data plane. Callers branch on the subclass
 * (or `code`), show `toUserMessage()`; `registryCode` is the server's own code
 * (UNAUTHORIZED, NAME_UNKNOWN, DENIED, TOOMANYREQUESTS, ...) when it sent one.
 */
export class RegistryError extends AcrDoctorError {
  override readonly name: string = 'RegistryError';
  readonly status?: number;
  readonly registryCode?: string;
  readonly detail?: unknown;

  constructor(
    code: RegistryErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; status?: number; registryCode?: string; detail?: unknown } = {},
  ) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.status = options.status;
    this.registryCode = options.registryCode;
    this.detail = options.detail;
  }
}

type RegistryErrorOptions = ConstructorParameters<typeof RegistryError>[2];

/**
 * The base of a RegistryError subclass that only fixes the code and the name: most of them
 * differ in nothing else (the subclass is what callers catch with instanceof).
 */
function withCode(code: RegistryErrorCode, name: string) {
  return class extends RegistryError {
    override readonly name: string = name;
    constructor(message: string, options: RegistryErrorOptions = {}) {
      super(code, message, options);
    }
  };
}

/**
 * 401, or a token endpoint refusing our credential. REGISTRY_REALM_INSECURE: the
 * challenge's token realm is plain HTTP; REGISTRY_REALM_UNEXPECTED: an ACR
 * challenge names a realm other than its own login server's /oauth2/token.
 * Both are refused before any credential is sent.
 */
export class AuthError extends RegistryError {
  override readonly name: string = 'AuthError';
  constructor(message: string, options: RegistryErrorOptions & { code?: 'REGISTRY_AUTH' | 'REGISTRY_REALM_INSECURE' | 'REGISTRY_REALM_UNEXPECTED' } = {}) {
    super(options.code ?? 'REGISTRY_AUTH', message, options);
  }
}

/** 403: authenticated, but not allowed (role, scoped token, firewall, lock). */
export class ForbiddenError extends RegistryError {
  override readonly name: string = 'ForbiddenError';
  /** Client IP named by a firewall 403 ("client with IP 'x' is not allowed"), FAQ F07. */
  readonly clientIp?: string;
  constructor(message: string, options: RegistryErrorOptions & { clientIp?: string } = {}) {
    super('REGISTRY_FORBIDDEN', message, options);
    this.clientIp = options.clientIp;
  }
}

export class NotFoundError extends withCode('REGISTRY_NOT_FOUND', 'NotFoundError') {}

/**
 * 429 (or 503 with TOOMANYREQUESTS) that outlasted our retries, or
 * REGISTRY_THROTTLED_TOO_LONG: the registry's Retry-After asked for longer than
 * the retry budget left, so we gave up at once instead of waiting.
 */
export class ThrottledError extends RegistryError {
  override readonly name: string = 'ThrottledError';
  readonly retryAfterMs?: number;
  /** The registry's own Retry-After header value, as sent (printable characters only). */
  readonly retryAfter?: string;
  constructor(message: string, options: RegistryErrorOptions & { retryAfterMs?: number; retryAfter?: string; code?: 'REGISTRY_THROTTLED' | 'REGISTRY_THROTTLED_TOO_LONG' } = {}) {
    super(options.code ?? 'REGISTRY_THROTTLED', message, options);
    this.retryAfterMs = options.retryAfterMs;
    this.retryAfter = options.retryAfter;
  }
}

/**
 * A redirect we refuse to follow: too many, to plain HTTP, or
 * (REGISTRY_REDIRECT_OTHER_HOST) an API call or token request sent to another
 * origin, whose answer would pass for the registry's.
 */
export class RedirectRefusedError extends RegistryError {
  override readonly name: string = 'RedirectRefusedError';
  constructor(message: string, options: RegistryErrorOptions & { code?: 'REGISTRY_REDIRECT_REFUSED' | 'REGISTRY_REDIRECT_OTHER_HOST' } = {}) {
    super(options.code ?? 'REGISTRY_REDIRECT_REFUSED', message, options);
  }
}

export class ResponseTooLargeError extends RegistryError {
  override readonly name: string = 'ResponseTooLargeError';
  readonly limitBytes: number;
  constructor(message: string, options: RegistryErrorOptions & { limitBytes: number }) {
    super('REGISTRY_RESPONSE_TOO_LARGE', message, options);
    this.limitBytes = options.limitBytes;
  }
}

/**
 * The server broke the protocol: malformed JSON, wrong digest, looping Link,
 * missing header. REGISTRY_LINK_OTHER_ORIGIN: a paging Link points at another
 * origin (not followed); REGISTRY_TOKEN_NOT_JSON: the token service answered
 * HTML or other non-JSON (something else is answering in its place).
 */
export class ProtocolError extends RegistryError {
  override readonly name: string = 'ProtocolError';
  constructor(message: string, options: RegistryErrorOptions & { code?: 'REGISTRY_PROTOCOL' | 'REGISTRY_LINK_OTHER_ORIGIN' | 'REGISTRY_TOKEN_NOT_JSON' } = {}) {
    super(options.code ?? 'REGISTRY_PROTOCOL', message, options);
  }
}

/** Docker-Content-Digest disagrees with the sha256 of the bytes we received. */
export class DigestMismatchError extends ProtocolError {
  override readonly name: string = 'DigestMismatchError';
  readonly expected: string;
  readonly actual: string;
  constructor(message: string, options: RegistryErrorOptions & { expected: string; actual: string }) {
    super(message, options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}

/** The operation is not possible on this registry (e.g. untag without ACR's /v2/_acr). */
export class UnsupportedError extends withCode('REGISTRY_UNSUPPORTED', 'UnsupportedError') {}

export class NetworkError extends withCode('REGISTRY_NETWORK', 'NetworkError') {}

/** No complete answer (connect, headers and body) within the request timeout. */
export class TimeoutError extends RegistryError {
  override readonly name: string = 'TimeoutError';
  /** The limit that ran out (requestTimeoutMs), so an adapter can name its own option for it. */
  readonly limitMs?: number;
  constructor(message: string, options: RegistryErrorOptions & { limitMs?: number } = {}) {
    super('REGISTRY_TIMEOUT', message, options);
    this.limitMs = options.limitMs;
  }
}

/**
 * ACR refused an operation a lock or policy forbids ("operation disallowed":
 * deleteEnabled/writeEnabled false, quarantine, classic SKU, storage quota; FAQ F32).
 */
export class OperationDisallowedError extends withCode('REGISTRY_DISALLOWED', 'OperationDisallowedError') {}

/** Any other HTTP status the registry answered with an error. */
export class ServerError extends withCode('REGISTRY_SERVER', 'ServerError') {}
