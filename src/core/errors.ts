import type { ErrorCode } from './errorCodes';

export type { ErrorCode } from './errorCodes';

/**
 * Base of every error ACR Doctor shows a person. A message says what is wrong
 * and why; `hint` says the next step. Subsystems (registry, azure) subclass it
 * with their own `code`s so callers can branch on type, not on text.
 *
 * `code` is one of the ErrorCode families in errorCodes.ts (API: JSON output shows it).
 * Never put a secret in a message: messages reach logs, CLI output and the UI.
 */
export class AcrDoctorError extends Error {
  override readonly name: string = 'AcrDoctorError';
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }

  /** One line for a person: what, why, and what to do next. */
  toUserMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** Thrown (or returned) when an operation was cancelled through its AbortSignal. */
export class CancelledError extends AcrDoctorError {
  override readonly name = 'CancelledError';
  constructor(message = 'The operation was cancelled.') {
    super('CANCELLED', message);
  }
}

/**
 * True for an AcrDoctorError from any bundle: the CLI and the extension load some
 * features as separate bundles, each with its own copy of this class, so `instanceof`
 * is not enough across them.
 */
export function isAcrDoctorError(error: unknown): error is AcrDoctorError {
  return error instanceof AcrDoctorError || (error instanceof Error && typeof (error as Partial<AcrDoctorError>).code === 'string' && typeof (error as Partial<AcrDoctorError>).toUserMessage === 'function');
}

/** By code, so a CancelledError from another bundle counts too. */
export function isAbortError(error: unknown): boolean {
  return (
    (isAcrDoctorError(error) && error.code === 'CANCELLED') ||
    (error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR'))
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
