/**
 * HTTP for the registry client, on node's global fetch (undici: keep-alive by
 * default). One `send` = one logical request: one total network-time limit,
 * retries with backoff inside a wait budget, manual redirects, capped body
 * reading, and one trace line per hop. Auth is above this layer; here
 * `authorization` is only ever sent to the origin it was issued for, and a
 * redirect to another origin is refused unless the request is a blob download.
 */
import { STATUS_CODES } from 'node:http';
import { CancelledError, isAbortError } from '../errors';
import type { Logger } from '../log';
import { redactHeaders } from '../log';
import type { Secret } from '../secret';
import { formatDuration, parseRetryAfter, retryAfterTooLongError } from './errorMapping';
import {
  NetworkError,
  RedirectRefusedError,
  RegistryError,
  ResponseTooLargeError,
  TimeoutError,
} from './errors';
import type { RetryWaitInfo } from './types';

export { parseRetryAfter } from './errorMapping';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  /** Authorization value for `url`'s origin; revealed only into that origin's request, never to a redirect elsewhere (F29). */
  authorization?: Secret;
  /**
   * A redirect to another origin: 'refuse' (default: an API answer must come from
   * the registry itself) or, for blob downloads only, 'follow-without-credentials'
   * (ACR sends blobs from its storage or data endpoint).
   */
  crossOriginRedirect?: 'refuse' | 'follow-without-credentials';
  body?: string;
  signal?: AbortSignal;
  /** Cap for a successful body; default the transport's maxBodyBytes. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Body bytes: the whole body for 2xx (capped, else ResponseTooLargeError); at most 64 KiB of an error body. */
  body: Buffer;
  /** Final URL after redirects. */
  url: URL;
}

export interface TransportOptions {
  logger?: Logger;
  /** One trace line per hop; off = no formatting cost at all. */
  traceRequests?: boolean;
  /** Total time of one send(): every attempt (connect, headers, body) and the waits between them. */
  requestTimeoutMs: number;
  maxRetries: number;
  maxBodyBytes: number;
  /** Total wait between the retries of one send(); a Retry-After beyond what is left gives up at once. */
  maxRetryWaitMs: number;
  retryBaseDelayMs: number;
  onRetryWait?: (info: RetryWaitInfo) => void;
  /** Plain HTTP allowed beyond loopback. */
  insecureHttp: boolean;
  maxRedirects?: number;
  /** Test seam for the backoff sleep; default a real, abortable timer. */
  random?: () => number;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const ERROR_BODY_LIMIT = 64 * 1024;
const MAX_BACKOFF_MS = 10_000;
/** Response headers worth a trace line; the rest is noise. */
const LOGGED_RESPONSE_HEADERS = ['content-type', 'content-length', 'docker-content-digest', 'link', 'location', 'retry-after', 'www-authenticate'];

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Whether plain http:// to this URL is acceptable. */
export function httpAllowed(url: URL, insecureHttp: boolean): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (insecureHttp || isLoopbackHost(url.hostname)));
}

export class Transport {
  private readonly options: TransportOptions;
  private readonly random: () => number;
  constructor(options: TransportOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { maxRetries, requestTimeoutMs, maxRetryWaitMs } = this.options;
    // One deadline for everything (attempts and the waits between them): the request never outlasts requestTimeoutMs.
    const deadline = performance.now() + requestTimeoutMs;
    let waitLeftMs = maxRetryWaitMs;
    for (let attempt = 0; ; attempt++) {
      if (request.signal?.aborted) throw new CancelledError();
      let outcome: { response: HttpResponse } | { error: RegistryError };
      try {
        outcome = { response: await this.attempt(request, deadline - performance.now()) };
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        if (!(error instanceof NetworkError || error instanceof TimeoutError)) throw error;
        outcome = { error };
      }
      const retryable =
        'error' in outcome
          ? idempotent(request.method)
          : RETRYABLE_STATUS.has(outcome.response.status) && retryableStatusFor(request.method, outcome.response.status);
      const giveUp = () => {
        if ('error' in outcome) throw outcome.error;
        return outcome.response;
      };
      // A timeout used up the request's network time: a retry could only time out too (a silent server fails once, not once per retry).
      const timeLeftMs = deadline - performance.now();
      const outOfTime = timeLeftMs <= 0 || ('error' in outcome && outcome.error instanceof TimeoutError);
      if (!retryable || attempt >= maxRetries || outOfTime) return giveUp();
      const retryAfter = 'response' in outcome ? parseRetryAfter(outcome.response.headers.get('retry-after'), Date.now()) : undefined;
      if ('response' in outcome && retryAfter !== undefined && (retryAfter > waitLeftMs || retryAfter >= timeLeftMs)) {
        // Whichever limit is nearer is the one to name.
        const limit = retryAfter > waitLeftMs && waitLeftMs <= timeLeftMs ? { name: 'retry budget' as const, leftMs: waitLeftMs, totalMs: maxRetryWaitMs } : { name: 'request timeout' as const, leftMs: timeLeftMs, totalMs: requestTimeoutMs };
        throw retryAfterTooLongError(outcome.response, `${request.method} ${loggableUrl(request.url)}`, retryAfter, limit);
      }
      const delay =
        retryAfter ??
        // Exponential backoff with full jitter: spreads retries of concurrent callers.
        Math.min(MAX_BACKOFF_MS, this.options.retryBaseDelayMs * 2 ** attempt) * (0.5 + this.random() / 2);
      if (delay > waitLeftMs || delay >= timeLeftMs) return giveUp();
      waitLeftMs -= delay;
      const reason =
        'error' in outcome
          ? (networkErrorCode(outcome.error) ?? 'network error')
          : `HTTP ${outcome.response.status}${STATUS_CODES[outcome.response.status] ? ` ${STATUS_CODES[outcome.response.status]}` : ''}${retryAfter !== undefined ? ` (Retry-After: ${outcome.response.headers.get('retry-after')?.trim()})` : ''}`;
      this.options.logger?.debug(
        `HTTP retry ${attempt + 1}/${maxRetries} of ${request.method} ${loggableUrl(request.url)} in ${Math.round(delay)} ms (${
          'error' in outcome ? outcome.error.code : `status ${outcome.response.status}`
        })`,
      );
      this.options.onRetryWait?.({ url: loggableUrl(request.url), attempt: attempt + 1, waitMs: Math.round(delay), reason });
      await sleep(delay, request.signal);
    }
  }

  /** One attempt: the request plus its redirects, body read, all within `timeLeftMs`. */
  private async attempt(request: HttpRequest, timeLeftMs: number): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(Math.max(1, Math.ceil(timeLeftMs)));
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const maxRedirects = this.options.maxRedirects ?? 5;
    let url = request.url;
    let method = request.method;
    let body = request.body;
    const authorization = request.authorization;
    const origin = request.url.origin;
    for (let hop = 0; ; hop++) {
      if (!httpAllowed(url, this.options.insecureHttp)) {
        throw new RedirectRefusedError(`Refusing plain HTTP to ${url.host}: registry traffic must use HTTPS outside loopback.`, {
          hint: 'Use the https:// address, or allow insecure HTTP explicitly for a test registry.',
        });
      }
      const headers: Record<string, string> = { ...request.headers };
      // Credentials belong to the origin they were issued for, never to a redirect target (F29).
      if (authorization !== undefined && url.origin === origin) headers.authorization = authorization.reveal();
      if (body === undefined) delete headers['content-type'];
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
      } catch (error) {
        throw this.transportError(error, request, url, timeout);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        this.trace(method, url, response, started, headers);
        await response.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) {
          throw new RedirectRefusedError(`The registry redirected ${request.method} ${loggableUrl(request.url)} more than ${maxRedirects} times.`, {
            status: response.status,
            hint: 'This looks like a redirect loop in the registry or a proxy in front of it; check the proxy configuration.',
          });
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new RedirectRefusedError(`The registry redirected to an invalid location.`, { status: response.status });
        }
        if (next.origin !== origin && (request.crossOriginRedirect ?? 'refuse') === 'refuse') {
          throw new RedirectRefusedError(
            `${request.method} ${loggableUrl(request.url)} was redirected to ${next.origin}, another origin than the registry's ${origin}: an answer from there would pass for the registry's, so the redirect was not followed and nothing was sent there.`,
            {
              code: 'REGISTRY_REDIRECT_OTHER_HOST',
              status: response.status,
              hint: 'A proxy, captive portal or sign-in page may be intercepting the connection, or the registry is misconfigured; check the registry address and the network path to it.',
            },
          );
        }
        if (url.protocol === 'https:' && next.protocol === 'http:' && !httpAllowed(next, this.options.insecureHttp)) {
          throw new RedirectRefusedError(`The registry redirected from HTTPS to plain HTTP (${next.host}); refusing the downgrade.`, {
            status: response.status,
            hint: 'Check the registry or proxy configuration; a redirect must stay on HTTPS.',
          });
        }
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const ok = response.status >= 200 && response.status < 300;
      let bytes: Buffer;
      try {
        bytes =
          method === 'HEAD'
            ? Buffer.alloc(0)
            : ok
              ? await readCapped(response, request.maxBodyBytes ?? this.options.maxBodyBytes, url)
              : await readTruncated(response, ERROR_BODY_LIMIT);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        throw this.transportError(error, request, url, timeout);
      }
      this.trace(method, url, response, started, headers);
      return { status: response.status, headers: response.headers, body: bytes, url };
    }
  }

  private transportError(error: unknown, request: HttpRequest, url: URL, timeout: AbortSignal): RegistryError | CancelledError {
    if (request.signal?.aborted) return new CancelledError();
    if (timeout.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
      const limit = this.options.requestTimeoutMs;
      return new TimeoutError(`${request.method} ${loggableUrl(url)} took longer than ${formatDuration(limit)} without a complete answer (the request timeout, which covers connecting, headers and body of every attempt and the waits between them).`, {
        hint: `The registry at ${url.host}, a proxy or the network is not answering, or answers very slowly; check that the address is reachable from here, then retry.`,
        limitMs: limit,
        cause: error,
      });
    }
    if (isAbortError(error)) return new CancelledError();
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (error as { code?: string }).code;
    return new NetworkError(`${request.method} ${loggableUrl(url)} failed: ${code ?? (error instanceof Error ? error.message : String(error))}.`, {
      hint:
        code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? `The host name ${url.hostname} does not resolve: check the login server name, DNS, or the private endpoint's DNS zone.`
          : code === 'ECONNREFUSED'
            ? `Nothing accepts connections at ${url.host}: check the address and port, a proxy, or the firewall.`
            : 'The connection failed or was dropped; check the network, a proxy, or the registry firewall, then retry.',
      cause: error,
    });
  }

  private trace(method: string, url: URL, response: Response, started: number, requestHeaders: Record<string, string>): void {
    const logger = this.options.logger;
    if (!logger || this.options.traceRequests === false) return;
    const responseHeaders: Array<[string, string]> = [];
    for (const name of LOGGED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) responseHeaders.push([name, name === 'location' ? loggableLocation(value, url) : value]);
    }
    logger.trace(
      `HTTP ${method} ${loggableUrl(url)} -> ${response.status} ${Math.round(performance.now() - started)} ms req=${JSON.stringify(
        redactHeaders(Object.entries(requestHeaders)),
      )} res=${JSON.stringify(redactHeaders(responseHeaders))}`,
    );
  }
}

function idempotent(method: HttpMethod): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'PUT';
}

/**
 * GET/HEAD retry on 429/502/503/504. DELETE retries only on 429: the server
 * refused it before acting, whereas after a 502/504 the delete may have happened
 * and a retry would report a confusing 404. POST/PATCH never retry.
 */
function retryableStatusFor(method: HttpMethod, status: number): boolean {
  if (idempotent(method)) return true;
  return method === 'DELETE' && status === 429;
}

/** The system error code (ECONNRESET, ...) behind a NetworkError, for the retry reason. */
function networkErrorCode(error: RegistryError): string | undefined {
  const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = cause?.cause?.code ?? cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a 2xx body, refusing (without buffering it) one larger than `limit`. */
async function readCapped(response: Response, limit: number, url: URL): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new ResponseTooLargeError(`The registry sent ${size} for ${loggableUrl(url)}, more than the ${limit}-byte limit for this kind of response.`, {
      limitBytes: limit,
      hint: 'A proxy or the registry may be returning the wrong document: check the registry address and any proxy in between. The limit keeps an endless or hostile answer from filling memory.',
    });
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(`${declared} bytes`);
    }
    // Declared and small: undici enforces Content-Length, so one arrayBuffer() is safe and fastest.
    return Buffer.from(await response.arrayBuffer());
  }
  return readChunks(response, limit, () => tooLarge(`more than ${limit} bytes`));
}

/** The first `limit` bytes of an error body (enough for {"errors":[...]}); the rest is discarded. */
async function readTruncated(response: Response, limit: number): Promise<Buffer> {
  return readChunks(response, limit, 'truncate');
}

/**
 * Reads a body chunk by chunk up to `limit` bytes; past it, either refuses (throws `overLimit()`, for the
 * answer itself) or keeps what it has ('truncate', for error bodies, whose start is enough). Cancels the rest either way.
 */
async function readChunks(response: Response, limit: number, overLimit: (() => Error) | 'truncate'): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (overLimit !== 'truncate' && total > limit) {
        await reader.cancel().catch(() => undefined);
        throw overLimit();
      }
      chunks.push(value);
      if (overLimit === 'truncate' && total >= limit) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1 && total <= limit) return Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength);
  return Buffer.concat(chunks, Math.min(total, limit));
}

/** URL for logs and messages: no userinfo, and no query on URLs that may carry SAS signatures. */
export function loggableUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  for (const name of [...copy.searchParams.keys()]) {
    if (/^(sig|signature|se|st|sp|skoid|sktid|skt|ske|sks|skv|token|access_token|refresh_token|password|code|x-amz-signature|x-amz-credential|x-amz-security-token)$/i.test(name)) {
      copy.searchParams.set(name, 'redacted');
    }
  }
  return copy.href;
}

function loggableLocation(location: string, base: URL): string {
  try {
    return loggableUrl(new URL(location, base));
  } catch {
    return '[unparseable location]';
  }
}
