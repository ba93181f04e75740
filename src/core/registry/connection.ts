/** The authenticated request path to one registry: its base URL, up-front auth, one re-auth on 401, typed errors. */
import type { Authenticator } from './auth/authenticator';
import { errorFromResponse } from './errorMapping';
import { RegistryError } from './errors';
import { httpAllowed, isLoopbackHost, type HttpMethod, type HttpResponse, type Transport } from './transport';
import { throwIfAborted } from '../errors';

export interface RequestSpec {
  method: HttpMethod;
  url: URL;
  /** Token scope this request needs (e.g. repository:foo:pull). */
  scope?: string;
  accept?: string;
  /** For messages: "listing tags of foo". */
  what: string;
  signal?: AbortSignal;
  maxBodyBytes?: number;
  /** Non-2xx statuses the caller handles itself instead of getting a typed error. */
  passStatuses?: readonly number[];
  /** A JSON request body (ACR's PATCH of changeable attributes), sent with Content-Type: application/json. */
  json?: unknown;
}

export class RegistryConnection {
  private readonly baseUrl: URL;
  private readonly transport: Transport;
  private readonly auth: Authenticator;

  constructor(baseUrl: URL, transport: Transport, auth: Authenticator) {
    this.baseUrl = baseUrl;
    this.transport = transport;
    this.auth = auth;
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  /** scheme://host:port of the registry: the only origin that answers for it (paging links, API redirects). */
  get origin(): string {
    return this.baseUrl.origin;
  }

  /** One authenticated request: up-front auth once the scheme is known, one re-auth on 401. */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    throwIfAborted(spec.signal);
    const headers: Record<string, string> = { accept: spec.accept ?? 'application/json' };
    const body = spec.json === undefined ? undefined : JSON.stringify(spec.json);
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Only a blob download may be answered from elsewhere (ACR's storage or data endpoint), and never with our credentials.
    const crossOriginRedirect = isBlobDownload(spec) ? 'follow-without-credentials' : 'refuse';
    let authorization = await this.auth.authorizationFor(spec.scope, spec.signal);
    let response = await this.transport.send({ method: spec.method, url: spec.url, headers, body, authorization, signal: spec.signal, maxBodyBytes: spec.maxBodyBytes, crossOriginRedirect });
    if (response.status === 401) {
      const retryWith = await this.auth.onUnauthorized(response.headers.get('www-authenticate'), spec.scope, authorization, spec.signal);
      if (retryWith !== undefined) {
        authorization = retryWith;
        response = await this.transport.send({ method: spec.method, url: spec.url, headers, body, authorization, signal: spec.signal, maxBodyBytes: spec.maxBodyBytes, crossOriginRedirect });
      }
    } else if (authorization === undefined && response.status < 400) {
      this.auth.noteAnonymousSuccess();
    }
    if ((response.status >= 200 && response.status < 300) || spec.passStatuses?.includes(response.status)) return response;
    throw errorFromResponse(response.status, response.headers, response.body, spec.what);
  }
}

/** GET/HEAD /v2/NAME/blobs/DIGEST: content-addressed bytes, which registries may serve from another host. */
function isBlobDownload(spec: RequestSpec): boolean {
  return (spec.method === 'GET' || spec.method === 'HEAD') && /^\/v2\/.+\/blobs\/[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(spec.url.pathname);
}

/**
 * host[:port] → base URL. HTTPS unless the host is loopback (local test
 * registries speak plain HTTP) or an explicit http:// was allowed.
 */
export function registryBaseUrl(registry: string, insecureHttp: boolean): URL {
  const trimmed = registry.trim().replace(/\/+$/, '');
  const explicit = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(explicit ? trimmed : `https://${trimmed}`);
  } catch (error) {
    throw new RegistryError('REGISTRY_ADDRESS', `"${registry}" is not a registry address.`, { hint: 'Give the login server, e.g. myregistry.azurecr.io.', cause: error });
  }
  if (!explicit && isLoopbackHost(url.hostname)) url = new URL(`http://${url.host}`);
  if (!httpAllowed(url, insecureHttp)) {
    throw new RegistryError('REGISTRY_INSECURE', `Refusing plain HTTP to ${url.host}: credentials and images would travel unencrypted.`, {
      hint: 'Use HTTPS, or allow insecure HTTP explicitly (only for a test registry on a trusted network).',
    });
  }
  return new URL(`${url.protocol}//${url.host}/`);
}
