/**
 * Typed errors for the Azure management plane. Each says what permission or
 * state is missing and the next step. Built from ARM's error body (code,
 * message) and status, never from request headers: no token can reach them.
 */
import { isRestError } from '@azure/core-rest-pipeline';
import { AcrDoctorError, CancelledError, isAbortError } from '../errors';
import type { AzureErrorCode } from '../errorCodes';

export interface AzureErrorDetails {
  /** HTTP status, when ARM answered. */
  status?: number;
  /** ARM's error code (AuthorizationFailed, ResourceNotFound…). */
  armCode?: string;
  /** x-ms-request-id / correlation id, for a support ticket. */
  requestId?: string;
}

export class AzureError extends AcrDoctorError {
  override readonly name: string = 'AzureError';
  readonly status?: number;
  readonly armCode?: string;
  readonly requestId?: string;

  constructor(code: AzureErrorCode, message: string, options: { hint?: string } & AzureErrorDetails = {}) {
    super(code, message, { hint: options.hint });
    this.status = options.status;
    this.armCode = options.armCode;
    this.requestId = options.requestId;
  }
}

/** An AzureError subclass that differs only in its code and name (callers catch it by class or code). */
const fixedCode = (code: AzureErrorCode, name: string) =>
  class extends AzureError {
    override readonly name: string = name;
    constructor(message: string, options: { hint?: string } & AzureErrorDetails) {
      super(code, message, options);
    }
  };

/** 403 AuthorizationFailed (and friends): who lacks which action on which scope. */
export class AzurePermissionError extends AzureError {
  override readonly name = 'AzurePermissionError';
  constructor(
    message: string,
    readonly action: string | undefined,
    readonly scope: string | undefined,
    readonly suggestedRole: string | undefined,
    options: { hint?: string } & AzureErrorDetails,
  ) {
    super('AZURE_PERMISSION_DENIED', message, options);
  }
}

export class AzureNotFoundError extends fixedCode('AZURE_NOT_FOUND', 'AzureNotFoundError') {}

export class AzureSubscriptionNotFoundError extends fixedCode('AZURE_SUBSCRIPTION_NOT_FOUND', 'AzureSubscriptionNotFoundError') {}

/** 401, expired/invalid token, or no credential could sign in: sign in again. */
export class AzureAuthenticationError extends fixedCode('AZURE_SIGN_IN_REQUIRED', 'AzureAuthenticationError') {}

/** 429 that outlasted the SDK's retries. */
export class AzureThrottledError extends fixedCode('AZURE_THROTTLED', 'AzureThrottledError') {}

/** No answer at all: DNS, TLS, connection refused, proxy. */
export class AzureNetworkError extends fixedCode('AZURE_UNREACHABLE', 'AzureNetworkError') {}

/** Least-privilege built-in role that grants an action (names as in the Azure portal). */
export function roleForAction(action: string | undefined): string {
  const a = (action ?? '').toLowerCase();
  if (a.startsWith('microsoft.authorization/')) return 'Reader';
  // Reading tasks and runs is in Reader (*/read); cancelling, scheduling and editing them is not.
  if ((a.includes('/runs/') || a.includes('/tasks/')) && a.endsWith('/read')) return 'Reader';
  if (a.includes('/runs/') || a.endsWith('/schedulerun/action') || a.includes('/tasks/')) return 'Container Registry Tasks Contributor';
  if (a.endsWith('/listcredentials/action') || a.endsWith('/regeneratecredential/action')) return 'Container Registry Contributor and Data Access Configuration Administrator';
  if (a.startsWith('microsoft.containerregistry/') && (a.endsWith('/write') || a.endsWith('/delete') || a.endsWith('/action'))) {
    return 'Container Registry Contributor and Data Access Configuration Administrator';
  }
  if (a.startsWith('microsoft.containerregistry/') && a.endsWith('/read')) return 'Container Registry Configuration Reader and Data Access Configuration Reader';
  if (a.endsWith('/read')) return 'Reader';
  return 'Contributor';
}

/** ARM's AuthorizationFailed message names the client, object id, action and scope in quotes. */
export function parseAuthorizationFailed(message: string): { objectId?: string; action?: string; scope?: string } {
  return {
    objectId: /object id '([^']+)'/i.exec(message)?.[1],
    action: /perform action '([^']+)'/i.exec(message)?.[1],
    scope: /over scope '([^']+)'/i.exec(message)?.[1],
  };
}

/**
 * ARM error bodies (code, message) by request. The SDK's paging helper throws
 * "Pagination failed with unexpected statusCode 403" and drops ARM's message,
 * which names the missing action; our pipeline policy keeps it here so the
 * typed error can still say it. Only code and message are kept.
 */
const armErrorBodies = new WeakMap<object, { code?: string; message?: string }>();

export function rememberArmErrorBody(request: object, bodyText: string | undefined): void {
  if (!bodyText) return;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: { code?: unknown; message?: unknown } }).error : undefined;
    if (error) armErrorBodies.set(request, { code: typeof error.code === 'string' ? error.code : undefined, message: typeof error.message === 'string' ? error.message : undefined });
  } catch {
    // Not JSON: nothing to keep.
  }
}

function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The names @azure/identity gives its errors; matched by name to avoid importing identity into every caller. */
const SIGN_IN_ERROR_NAMES = new Set(['CredentialUnavailableError', 'AuthenticationRequiredError', 'AggregateAuthenticationError', 'AuthenticationError']);

export interface ArmErrorContext {
  /** What we were doing, for the message: "list registries in subscription X". */
  operation: string;
  /** The signed-in principal's object id, when known (from the token's oid claim). */
  principalId?: string;
  /** Cloud name, for sign-in hints. */
  cloudName?: string;
}

/**
 * Turns whatever the SDK threw into a typed AzureError (or CancelledError).
 * Uses only status, ARM error code/message and the request id header.
 */
export function toAzureError(error: unknown, context: ArmErrorContext): AcrDoctorError {
  if (error instanceof AcrDoctorError) return error;
  if (isAbortError(error)) return new CancelledError(`Cancelled: ${context.operation}.`);
  const name = error instanceof Error ? error.name : '';
  if (SIGN_IN_ERROR_NAMES.has(name)) {
    return new AzureAuthenticationError(`Could not get an Azure token to ${context.operation}: ${firstLine(errorMessageOf(error))}`, {
      hint: 'Sign in to Azure (VS Code: "ACR Doctor: Sign in to Azure"; terminal: `az login`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET) and try again.',
    });
  }
  if (!isRestError(error)) {
    return new AzureError('AZURE_UNEXPECTED', `Could not ${context.operation}: ${firstLine(errorMessageOf(error))}`, { hint: 'Try again; if it keeps failing, run with --verbose and report the log.' });
  }
  const remembered = error.request ? armErrorBodies.get(error.request) : undefined;
  const status = error.statusCode;
  const armCode = remembered?.code ?? error.code;
  const fullMessage = remembered?.message ?? error.message;
  const requestId = error.response?.headers.get('x-ms-request-id') ?? error.response?.headers.get('x-ms-correlation-request-id') ?? undefined;
  const details: AzureErrorDetails = { status, armCode, requestId };
  const armMessage = firstLine(fullMessage);
  if (status === undefined) {
    return new AzureNetworkError(`Could not reach Azure Resource Manager to ${context.operation}: ${armMessage}`, {
      ...details,
      hint: 'Check your network, proxy (HTTPS_PROXY) and that the chosen cloud is right.',
    });
  }
  const code = (armCode ?? '').toLowerCase();
  if (status === 401 || code === 'invalidauthenticationtoken' || code === 'expiredauthenticationtoken' || code === 'invalidauthenticationtokentenant' || code === 'authenticationfailed') {
    const tenantHint = code === 'invalidauthenticationtokentenant' ? ' The token is for another tenant: choose the tenant that owns the subscription (--tenant, or "ACR Doctor: Select Azure Tenant").' : '';
    return new AzureAuthenticationError(`Azure rejected the sign-in while trying to ${context.operation} (${armCode ?? `HTTP ${status}`}).${tenantHint}`, {
      ...details,
      hint: `Sign in again${context.cloudName ? ` to ${context.cloudName}` : ''} and retry.`,
    });
  }
  if (status === 403 || code === 'authorizationfailed' || code === 'linkedauthorizationfailed') {
    const parsed = parseAuthorizationFailed(fullMessage);
    const principal = parsed.objectId ?? context.principalId;
    const role = roleForAction(parsed.action);
    const who = principal ? `You (object id ${principal})` : 'You';
    const what = parsed.action ? `permission ${parsed.action}` : `permission to ${context.operation}`;
    const where = parsed.scope ? ` on scope ${parsed.scope}` : '';
    return new AzurePermissionError(`${who} lack ${what}${where}, so ACR Doctor could not ${context.operation}.`, parsed.action, parsed.scope, role, {
      ...details,
      hint: `Ask an owner of that scope for the role '${role}' (or one that includes the action). New role assignments can take up to 10 minutes to apply; then sign in again.`,
    });
  }
  if (code === 'subscriptionnotfound' || code === 'invalidsubscriptionid') {
    return new AzureSubscriptionNotFoundError(`Azure does not know that subscription (while trying to ${context.operation}): ${armMessage}`, {
      ...details,
      hint: 'Check the subscription id, that it belongs to the signed-in tenant, and the cloud.',
    });
  }
  if (status === 404 || code === 'resourcenotfound' || code === 'resourcegroupnotfound' || code === 'parentresourcenotfound') {
    return new AzureNotFoundError(`Not found while trying to ${context.operation}: ${armMessage}`, {
      ...details,
      hint: 'Check the name, resource group and subscription; the resource may have been deleted or moved.',
    });
  }
  if (status === 429) {
    return new AzureThrottledError(`Azure Resource Manager is throttling requests (HTTP 429) while trying to ${context.operation}.`, {
      ...details,
      hint: 'Wait a minute and try again; fewer parallel requests or fewer subscriptions help.',
    });
  }
  return new AzureError('AZURE_REQUEST_FAILED', `Azure answered HTTP ${status}${armCode ? ` ${armCode}` : ''} while trying to ${context.operation}: ${armMessage}`, {
    ...details,
    hint: status >= 500 ? 'This is on Azure’s side: try again in a few minutes.' : 'Check the request; the message above says what Azure objected to.',
  });
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}
