/**
 * Turns a registry's error response into a typed RegistryError carrying the
 * server's code and message, plus a hint saying what to do next.
 */
import { redact } from '../log';
import {
  AuthError,
  ForbiddenError,
  NotFoundError,
  OperationDisallowedError,
  RegistryError,
  ServerError,
  ThrottledError,
  UnsupportedError,
} from './errors';

interface RegistryErrorEntry {
  code?: string;
  message?: string;
  detail?: unknown;
}

export function parseErrorBody(body: Buffer): RegistryErrorEntry[] {
  if (body.length === 0) return [];
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (parsed && Array.isArray(parsed.errors)) {
      return parsed.errors.filter((e): e is RegistryErrorEntry => typeof e === 'object' && e !== null);
    }
  } catch {
    // Not JSON: proxies and firewalls answer with text or HTML.
  }
  return [];
}

/** Retry-After as delay in ms: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A header value fit to quote in a message: printable ASCII only, bounded. */
export function quotableHeader(value: string): string {
  const printable = value.trim().replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 64 ? `${printable.slice(0, 64)}…` : printable;
}

/** 1500 → "1.5 s", 5_400_000 → "90 min", 999999999000 → "about 32 years": a wait a person can picture. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3600)} h`;
  if (seconds < 730 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  return `about ${Math.round(seconds / (365.25 * 86_400))} years`;
}

/** The registry's own error text (code: message; ...), redacted; '' when it sent none. */
function serverMessageOf(body: Buffer): string {
  const entries = parseErrorBody(body);
  const text = body.length > 0 && entries.length === 0 ? body.toString('utf8', 0, Math.min(body.length, 400)).trim() : '';
  return redact(
    entries
      .map((e) => [e.code, e.message].filter((part) => typeof part === 'string' && part.length > 0).join(': '))
      .filter(Boolean)
      .join('; ') || (text && !text.startsWith('<') ? text : ''),
  );
}

/**
 * A 429/503 whose Retry-After asks for longer than the retry budget or the request
 * timeout has left: we give up at once, quoting the registry's own Retry-After
 * (never "wait 999999999 s").
 */
export function retryAfterTooLongError(
  response: { status: number; headers: Headers; body: Buffer },
  request: string,
  retryAfterMs: number,
  limit: { name: 'retry budget' | 'request timeout'; leftMs: number; totalMs: number },
): ThrottledError {
  const raw = quotableHeader(response.headers.get('retry-after') ?? '');
  const entries = parseErrorBody(response.body);
  const registryCode = typeof entries[0]?.code === 'string' ? entries[0].code.toUpperCase() : undefined;
  const serverMessage = serverMessageOf(response.body);
  const left =
    limit.totalMs - limit.leftMs < 1000 ? `the ${formatDuration(limit.totalMs)} ${limit.name}` : `the ${formatDuration(Math.max(0, limit.leftMs))} left of the ${formatDuration(limit.totalMs)} ${limit.name}`;
  return new ThrottledError(
    `The registry answered ${request} with HTTP ${response.status} and asked to wait ${formatDuration(retryAfterMs)} before retrying (Retry-After: ${raw}), more than ${left}, so the request was given up instead of waiting.${serverMessage ? ` The registry says: ${serverMessage}.` : ''}`,
    {
      code: 'REGISTRY_THROTTLED_TOO_LONG',
      status: response.status,
      registryCode,
      retryAfterMs,
      retryAfter: raw,
      hint: 'The registry is throttling or unavailable for now; try again later (ACR limits requests per SKU, so a busy registry may need a higher tier or fewer parallel clients).',
    },
  );
}

const FIREWALL_IP = /client with IP '([^']+)' is not allowed/i;

/** The client IP named in ACR's firewall refusal text ("client with IP 'x' is not allowed access", FAQ F07). */
export function firewallIpIn(text: string): string | undefined {
  return FIREWALL_IP.exec(text)?.[1];
}

/** The client IP a firewall 403 names ("client with IP 'x' is not allowed access", FAQ F07), if its body says one. */
export function firewallClientIp(body: Buffer): string | undefined {
  const entries = parseErrorBody(body);
  const text = entries.length ? entries.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' ') : body.toString('utf8', 0, Math.min(body.length, 400));
  return firewallIpIn(text);
}

/** `what` names the operation for the message, e.g. "listing tags of hello-world". */
export function errorFromResponse(status: number, headers: Headers, body: Buffer, what: string): RegistryError {
  const entries = parseErrorBody(body);
  const first = entries[0];
  const registryCode = typeof first?.code === 'string' ? first.code.toUpperCase() : undefined;
  const text = body.length > 0 && entries.length === 0 ? body.toString('utf8', 0, Math.min(body.length, 400)).trim() : '';
  const serverMessage = serverMessageOf(body);
  const says = serverMessage ? ` The registry says: ${serverMessage}.` : '';
  const options = { status, registryCode, detail: first?.detail };

  if (status === 401) {
    return new AuthError(`Authentication failed while ${what} (HTTP 401).${says}`, {
      ...options,
      hint: 'Check that you are logged in to this registry (az acr login / docker login, or the right credential), that your identity has a role on it (AcrPull to read, AcrDelete to delete), and wait a few minutes if the role was just assigned (role propagation).',
    });
  }
  if (status === 403) {
    const ip = firewallIpIn(serverMessage || text);
    if (ip) {
      return new ForbiddenError(`The registry firewall refused the request while ${what}: client IP ${ip} is not allowed.${says}`, {
        ...options,
        clientIp: ip,
        hint: `Add ${ip} to the registry's network rules (or reach it through its private endpoint); firewall changes take a few minutes to apply (FAQ F07).`,
      });
    }
    return new ForbiddenError(`The registry denied access while ${what} (HTTP 403).${says}`, {
      ...options,
      hint: 'Your identity is known but lacks permission: check its role (AcrPull/AcrPush/AcrDelete) or the scoped token\'s repository permissions, and whether the image or repository is locked (changeableAttributes, FAQ F32).',
    });
  }
  if (status === 404) {
    const hint =
      registryCode === 'NAME_UNKNOWN'
        ? 'The repository does not exist: check its name (names are lower-case and include any namespace path).'
        : registryCode === 'MANIFEST_UNKNOWN'
          ? 'No manifest with that tag or digest: list the tags to see what exists.'
          : 'Check the repository, tag or digest; if the registry is not ACR, this API may not exist there.';
    return new NotFoundError(`Not found while ${what} (HTTP 404).${says}`, { ...options, hint });
  }
  if (status === 429 || registryCode === 'TOOMANYREQUESTS') {
    const header = headers.get('retry-after');
    const retryAfterMs = parseRetryAfter(header, Date.now());
    const retryAfter = header === null ? undefined : quotableHeader(header);
    return new ThrottledError(`The registry is throttling requests while ${what} (HTTP ${status}) and kept doing so after retries.${says}`, {
      ...options,
      retryAfterMs,
      retryAfter,
      hint: `Wait ${retryAfterMs !== undefined ? `${formatDuration(retryAfterMs)} (the registry's Retry-After: ${retryAfter})` : 'a minute'} and retry; ACR limits requests per SKU, so lower the concurrency (fewer parallel clients or jobs) or use a higher tier.`,
    });
  }
  if (registryCode?.includes('DISALLOWED')) {
    return new OperationDisallowedError(`The registry disallowed the operation while ${what} (HTTP ${status}).${says}`, {
      ...options,
      hint: 'The image, tag or repository is probably locked (changeableAttributes deleteEnabled/writeEnabled false); other causes are quarantine, a classic SKU or the storage quota (FAQ F32). Unlock it with az acr repository update if the change is intended.',
    });
  }
  if (status === 405 || registryCode === 'UNSUPPORTED') {
    return new UnsupportedError(`The registry does not support this operation while ${what} (HTTP ${status}).${says}`, {
      ...options,
      hint: 'On a self-hosted registry deletion must be enabled (distribution: storage.delete.enabled: true); on ACR check the SKU and the image lock.',
    });
  }
  return new ServerError(`The registry answered HTTP ${status} while ${what}.${says}`, {
    ...options,
    hint:
      status >= 500
        ? 'The registry failed internally or is unavailable; retry in a few minutes and check the Azure status page for the region.'
        : 'The request was rejected; check the arguments and the registry type.',
  });
}
