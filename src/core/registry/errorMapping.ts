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
import { parseRetryAfter } from './transport';

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

const FIREWALL_IP = /client with IP '([^']+)' is not allowed/i;

/** `what` names the operation for the message, e.g. "listing tags of hello-world". */
export function errorFromResponse(status: number, headers: Headers, body: Buffer, what: string): RegistryError {
  const entries = parseErrorBody(body);
  const first = entries[0];
  const registryCode = typeof first?.code === 'string' ? first.code.toUpperCase() : undefined;
  const text = body.length > 0 && entries.length === 0 ? body.toString('utf8', 0, Math.min(body.length, 400)).trim() : '';
  const serverMessage = redact(
    entries
      .map((e) => [e.code, e.message].filter((part) => typeof part === 'string' && part.length > 0).join(': '))
      .filter(Boolean)
      .join('; ') || (text && !text.startsWith('<') ? text : ''),
  );
  const says = serverMessage ? ` The registry says: ${serverMessage}.` : '';
  const options = { status, registryCode, detail: first?.detail };

  if (status === 401) {
    return new AuthError(`Authentication failed while ${what} (HTTP 401).${says}`, {
      ...options,
      hint: 'Check that you are logged in to this registry (az acr login / docker login, or the right credential), that your identity has a role on it (AcrPull to read, AcrDelete to delete), and wait a few minutes if the role was just assigned (role propagation).',
    });
  }
  if (status === 403) {
    const ip = FIREWALL_IP.exec(serverMessage || text)?.[1];
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
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), Date.now());
    return new ThrottledError(`The registry is throttling requests while ${what} (HTTP ${status}) and kept doing so after retries.${says}`, {
      ...options,
      retryAfterMs,
      hint: `Wait${retryAfterMs !== undefined ? ` ${Math.ceil(retryAfterMs / 1000)} s` : ' a minute'} and retry, or lower the concurrency; ACR limits requests per SKU.`,
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
