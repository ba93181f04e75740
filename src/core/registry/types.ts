import type { Logger } from '../log';
import type { RegistryCredential } from './auth/credentials';

export interface RegistryClientOptions {
  /** host[:port], no scheme (e.g. myreg.azurecr.io, 127.0.0.1:5000). */
  registry: string;
  credential: RegistryCredential;
  /** Plain HTTP is always allowed for localhost/loopback; anywhere else only with this. */
  insecureHttp?: boolean;
  /** Trace log of every request (method, URL, status, ms, redacted headers). */
  logger?: Logger;
  /**
   * Format a trace line per request; default true when a logger is given. Logger
   * has no level query, so pass false when its level is above trace (e.g. a CLI
   * without --verbose) to skip the formatting entirely.
   */
  traceRequests?: boolean;
  /**
   * Total time one request may take, default 30 s: connect, headers and body of
   * every attempt and the waits between retries (the CLI's --timeout). A silent or
   * trickling server fails in this time with a TimeoutError naming the URL; a
   * Retry-After that would not fit gives up at once.
   */
  requestTimeoutMs?: number;
  /** Retries after the first attempt for retryable failures, default 4. */
  maxRetries?: number;
  /** Per-tag detail fan-out, default 8. */
  concurrency?: number;
  /** Cap on a JSON body (manifests, listings, errors), default 8 MiB. */
  maxBodyBytes?: number;
  /**
   * Retry budget: the longest one request waits between its retries in total,
   * default 60 s. A 429/503 whose Retry-After asks for more than what is left
   * gives up at once with a ThrottledError quoting the registry's Retry-After.
   */
  maxRetryWaitMs?: number;
  /** Called before each wait between retries (e.g. to tell a person why nothing happens). */
  onRetryWait?: (info: RetryWaitInfo) => void;
  /** Base delay of the exponential backoff, default 200 ms. */
  retryBaseDelayMs?: number;
  /** Page cap for Link-following loops, default 10 000 pages. */
  maxPages?: number;
}

export interface RetryWaitInfo {
  /** The request's URL (userinfo and secret-bearing query parameters masked). */
  url: string;
  /** The retry about to be made: 1 for the first retry. */
  attempt: number;
  waitMs: number;
  /** Why: "HTTP 429 Too Many Requests (Retry-After: 5)", "HTTP 503 Service Unavailable", "ECONNRESET". */
  reason: string;
}

export interface ChangeableAttributes {
  deleteEnabled?: boolean;
  writeEnabled?: boolean;
  readEnabled?: boolean;
  listEnabled?: boolean;
}

/** What an ACR lock (changeableAttributes) sits on: ACR keeps them separately per repository, tag and manifest. */
export type LockTarget =
  | { kind: 'repository'; repository: string }
  | { kind: 'tag'; repository: string; tag: string }
  | { kind: 'manifest'; repository: string; digest: string };

export interface TagInfo {
  name: string;
  digest?: string;
  createdTime?: string;
  lastUpdateTime?: string;
  changeableAttributes?: ChangeableAttributes;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ManifestInfo {
  digest: string;
  mediaType?: string;
  size?: number;
  tags: string[];
  platform?: Platform;
  /** Child digests of an index. */
  references: string[];
  /** Digest this manifest refers to (OCI referrers: signatures, SBOMs). */
  subject?: string;
  artifactType?: string;
  createdTime?: string;
  changeableAttributes?: ChangeableAttributes;
  /**
   * What of this manifest's own content is known. `references`: its children were read (its
   * digest-verified body, or ACR's single-manifest answer). `subject`: its body was read, so `subject`
   * is its subject or it has none. Absent: a listing summary only (ACR's _manifests listing carries
   * neither children nor subject), so an empty `references` means "not known", not "none".
   */
  read?: { references: boolean; subject: boolean };
  /** Why its content could not be read (error, timeout, unknown media type, digest that does not verify). */
  unreadable?: string;
}

/** A value a registry sent where a digest belongs that is not a valid digest: reported, never used. */
export interface RejectedDigest {
  /** Where it came from, e.g. "the manifest listing of repo". */
  where: string;
  /** The value, quoted and bounded for a message. */
  value: string;
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  size: number;
  /** Parsed JSON body. */
  body: unknown;
  /** Exact bytes the digest was computed over. */
  raw: Uint8Array;
  /** For an index / manifest list: its children and their platforms. */
  platforms?: Array<{ digest: string; platform?: Platform }>;
  /** Its `subject` (OCI referrers: what it signs or describes). */
  subject?: string;
}

export interface CleanupDecision {
  digest: string;
  action: 'delete' | 'keep';
  reason: string;
}
