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

/** 401, or a token endpoint refusing our credential. */
export class AuthError extends withCode('REGISTRY_AUTH', 'AuthError') {}

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

/** 429 (or 503 with TOOMANYREQUESTS) that outlasted our retries. */
export class ThrottledError extends RegistryError {
  override readonly name: string = 'ThrottledError';
  readonly retryAfterMs?: number;
  constructor(message: string, options: RegistryErrorOptions & { retryAfterMs?: number } = {}) {
    super('REGISTRY_THROTTLED', message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A redirect we refuse to follow (too many, to plain HTTP, or with credentials to another host). */
export class RedirectRefusedError extends withCode('REGISTRY_REDIRECT_REFUSED', 'RedirectRefusedError') {}

export class ResponseTooLargeError extends RegistryError {
  override readonly name: string = 'ResponseTooLargeError';
  readonly limitBytes: number;
  constructor(message: string, options: RegistryErrorOptions & { limitBytes: number }) {
    super('REGISTRY_RESPONSE_TOO_LARGE', message, options);
    this.limitBytes = options.limitBytes;
  }
}

/** The server broke the protocol: malformed JSON, wrong digest, looping Link, missing header. */
export class ProtocolError extends withCode('REGISTRY_PROTOCOL', 'ProtocolError') {}

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

export class TimeoutError extends withCode('REGISTRY_TIMEOUT', 'TimeoutError') {}

/**
 * ACR refused an operation a lock or policy forbids ("operation disallowed":
 * deleteEnabled/writeEnabled false, quarantine, classic SKU, storage quota; FAQ F32).
 */
export class OperationDisallowedError extends withCode('REGISTRY_DISALLOWED', 'OperationDisallowedError') {}

/** Any other HTTP status the registry answered with an error. */
export class ServerError extends withCode('REGISTRY_SERVER', 'ServerError') {}
