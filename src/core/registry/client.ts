/**
 * Registry data-plane client for ACR and any Docker Registry v2 / OCI
 * distribution registry. Uses ACR's /acr/v1 extras where present (tag dates,
 * one-call manifest listing, locks) and plain /v2 everywhere else.
 */
import { Authenticator } from './auth/authenticator';
import { TokenCache } from './auth/tokenCache';
import { mapLimit } from './concurrency';
import { errorFromResponse } from './errorMapping';
import { AuthError, DigestMismatchError, ForbiddenError, NotFoundError, ProtocolError, RegistryError } from './errors';
import {
  artifactTypeOf,
  indexChildren,
  isDigest,
  isIndexMediaType,
  MANIFEST_ACCEPT,
  manifestInfoFromAcr,
  MEDIA_TYPES,
  nextLink,
  referrersTagFor,
  sha256Digest,
  subjectOf,
  toChangeableAttributes,
} from './manifest';
import { httpAllowed, isLoopbackHost, Transport, type HttpMethod, type HttpResponse } from './transport';
import type { FetchedManifest, ManifestInfo, RegistryClientOptions, TagInfo } from './types';
import { throwIfAborted } from '../errors';

const DEFAULT_PAGE_SIZE = 100;
const MIB = 1024 * 1024;

interface RequestSpec {
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
}

export class RegistryClient {
  readonly registry: string;
  private readonly baseUrl: URL;
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly concurrency: number;
  private readonly maxPages: number;
  private capabilitiesPromise?: Promise<{ acr: boolean }>;
  /** Repositories whose /acr/v1 metadata this credential may not read (anonymous pull, pull-only tokens): /v2 is used instead. */
  private readonly acrMetadataDenied = new Set<string>();
  /** undefined = not probed yet; false once a registry showed it has no referrers route. */
  private referrersApi?: boolean;

  constructor(options: RegistryClientOptions & { tokenCache?: TokenCache }) {
    this.baseUrl = registryBaseUrl(options.registry, options.insecureHttp ?? false);
    this.registry = this.baseUrl.host;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.maxPages = options.maxPages ?? 10_000;
    this.transport = new Transport({
      logger: options.logger,
      traceRequests: options.traceRequests ?? options.logger !== undefined,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 4,
      maxBodyBytes: options.maxBodyBytes ?? 8 * MIB,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
      insecureHttp: options.insecureHttp ?? false,
    });
    this.auth = new Authenticator(this.registry, options.credential, this.transport, options.tokenCache ?? new TokenCache(), options.insecureHttp ?? false);
  }

  /** Token-endpoint requests made so far (exchange + token): diagnostics and tests. */
  get tokenRequestCount(): number {
    return this.auth.tokenRequests;
  }

  /**
   * acr: the registry serves ACR's /acr/v1 API. referrersApi: it serves OCI 1.1
   * /v2/NAME/referrers (probed on a repository name that need not exist).
   */
  async capabilities(signal?: AbortSignal): Promise<{ acr: boolean; referrersApi: boolean }> {
    const { acr } = await this.acrCapability(signal);
    if (this.referrersApi === undefined) {
      let probe: HttpResponse;
      try {
        probe = await this.request({
        method: 'GET',
        url: this.url(`/v2/acr-doctor-probe/referrers/sha256:${'0'.repeat(64)}`),
        scope: 'repository:acr-doctor-probe:pull',
        accept: MEDIA_TYPES.ociIndex,
        what: 'probing for the OCI referrers API',
        signal,
        passStatuses: [400, 403, 404, 405],
        });
      } catch (error) {
        // A credential limited to some repositories cannot probe: unknown, and referrers() will try the API itself.
        if (error instanceof AuthError || error instanceof ForbiddenError) return { acr, referrersApi: false };
        throw error;
      }
      // A registry with the API answers 200 (an empty index) or a JSON error for the unknown repository.
      this.referrersApi = probe.status === 200 || (probe.status === 404 && isJsonError(probe));
    }
    return { acr, referrersApi: this.referrersApi };
  }

  async *repositories(opts: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<string> {
    const url = this.url('/v2/_catalog');
    url.searchParams.set('n', String(opts.pageSize ?? DEFAULT_PAGE_SIZE));
    for await (const body of this.pages(url, 'registry:catalog:*', 'listing repositories', opts.signal)) {
      const repositories = field(body, 'repositories');
      if (repositories === null || repositories === undefined) continue;
      if (!Array.isArray(repositories)) throw new ProtocolError('The registry catalog has no "repositories" array.');
      for (const name of repositories) if (typeof name === 'string') yield name;
    }
  }

  /**
   * Tags of a repository. On ACR: with digest, dates and locks, newest first on
   * request. Elsewhere: names from /v2 tags/list; 'newest' then costs a manifest
   * and config read per tag (the only place /v2 keeps a date).
   */
  async *tags(repo: string, opts: { pageSize?: number; order?: 'name' | 'newest'; signal?: AbortSignal } = {}): AsyncIterable<TagInfo> {
    const { signal } = opts;
    const pageSize = String(opts.pageSize ?? DEFAULT_PAGE_SIZE);
    if (await this.useAcrMetadata(repo, signal)) {
      const url = this.url(`/acr/v1/${repo}/_tags`);
      url.searchParams.set('n', pageSize);
      if (opts.order === 'newest') url.searchParams.set('orderby', 'timedesc');
      let yielded = false;
      try {
        for await (const body of this.pages(url, `repository:${repo}:metadata_read`, `listing tags of ${repo}`, signal)) {
          const tags = field(body, 'tags');
          if (tags === null || tags === undefined) continue;
          if (!Array.isArray(tags)) throw new ProtocolError(`The registry's tag list for ${repo} has no "tags" array.`);
          for (const tag of tags) {
            const info = tagInfoFromAcr(tag);
            if (!info) continue;
            yielded = true;
            yield info;
          }
        }
        return;
      } catch (error) {
        if (yielded || !this.noteAcrMetadataDenied(repo, error)) throw error;
      }
    }
    const url = this.url(`/v2/${repo}/tags/list`);
    url.searchParams.set('n', pageSize);
    const newest = opts.order === 'newest';
    const all: string[] = [];
    // One generator level per item (no nested per-tag generators): listing cost stays close to bare fetch.
    for await (const body of this.pages(url, `repository:${repo}:pull`, `listing tags of ${repo}`, signal)) {
      const tags = field(body, 'tags');
      // distribution answers {"tags": null} for a repository whose tags were all deleted.
      if (tags === null || tags === undefined) continue;
      if (!Array.isArray(tags)) throw new ProtocolError(`The registry's tag list for ${repo} has no "tags" array.`);
      for (const tag of tags) {
        if (typeof tag !== 'string') continue;
        if (newest) all.push(tag);
        else yield { name: tag };
      }
    }
    if (!newest) return;
    const details = await mapLimit(all, this.concurrency, (name) => this.genericTagWithDate(repo, name, signal), signal);
    details.sort((a, b) => (b.createdTime ?? '').localeCompare(a.createdTime ?? '') || a.name.localeCompare(b.name));
    yield* details;
  }

  /** Digest (and on ACR dates and locks) of each tag, `concurrency` requests at a time. */
  async tagDetails(repo: string, tags: string[], opts: { signal?: AbortSignal } = {}): Promise<TagInfo[]> {
    const { signal } = opts;
    const listed = new Map<string, TagInfo>();
    if ((await this.useAcrMetadata(repo, signal)) && tags.length >= 2 * this.concurrency) {
      // Many tags: the listing returns 100 per request with the same fields, far cheaper than one request
      // per tag. Stop once every wanted tag was seen, or after as many pages as per-tag rounds would take.
      const wanted = new Set(tags);
      const pageBudget = Math.ceil(tags.length / this.concurrency);
      let seen = 0;
      for await (const tag of this.tags(repo, { pageSize: DEFAULT_PAGE_SIZE, signal })) {
        if (wanted.has(tag.name)) listed.set(tag.name, tag);
        if (listed.size === wanted.size || ++seen >= pageBudget * DEFAULT_PAGE_SIZE) break;
      }
    }
    return mapLimit(
      tags,
      this.concurrency,
      async (name) => {
        const known = listed.get(name);
        if (known) return known;
        if (await this.useAcrMetadata(repo, signal)) {
          const response = await this.request({
            method: 'GET',
            url: this.url(`/acr/v1/${repo}/_tags/${encodeURIComponent(name)}`),
            scope: `repository:${repo}:metadata_read`,
            what: `reading tag ${repo}:${name}`,
            signal,
          });
          const info = tagInfoFromAcr(field(parseJson(response, `tag ${repo}:${name}`), 'tag'));
          if (!info) throw new ProtocolError(`The registry's answer for tag ${repo}:${name} has no tag name.`);
          return info;
        }
        return { name, digest: await this.resolveDigest(repo, name, signal) };
      },
      signal,
    );
  }

  /**
   * Every manifest of a repository. ACR: all of them, tagged or not, from
   * /acr/v1 _manifests. Elsewhere /v2 cannot list manifests: this returns the
   * tagged ones plus everything reachable from them (index children, and
   * referrers where the referrers API exists) — untagged orphans stay invisible.
   */
  async *manifests(repo: string, opts: { signal?: AbortSignal } = {}): AsyncIterable<ManifestInfo> {
    const { signal } = opts;
    if (await this.useAcrMetadata(repo, signal)) {
      const url = this.url(`/acr/v1/${repo}/_manifests`);
      url.searchParams.set('n', String(DEFAULT_PAGE_SIZE));
      let yielded = false;
      try {
        for await (const body of this.pages(url, `repository:${repo}:metadata_read`, `listing manifests of ${repo}`, signal)) {
          const manifests = field(body, 'manifests');
          if (manifests === null || manifests === undefined) continue;
          if (!Array.isArray(manifests)) throw new ProtocolError(`The registry's manifest list for ${repo} has no "manifests" array.`);
          for (const item of manifests) {
            const info = manifestInfoFromAcr(item);
            if (!info) continue;
            yielded = true;
            yield info;
          }
        }
        return;
      } catch (error) {
        if (yielded || !this.noteAcrMetadataDenied(repo, error)) throw error;
      }
    }
    yield* await this.reachableManifests(repo, signal);
  }

  /**
   * ACR's current view of one manifest (tags, locks), or undefined where the
   * registry has no such API (/v2 cannot say which tags point at a digest).
   * NotFoundError when the manifest is gone.
   */
  async manifestInfo(repo: string, digest: string, opts: { signal?: AbortSignal } = {}): Promise<ManifestInfo | undefined> {
    const { signal } = opts;
    if (!(await this.useAcrMetadata(repo, signal))) return undefined;
    const response = await this.request({
      method: 'GET',
      url: this.url(`/acr/v1/${repo}/_manifests/${digest}`),
      scope: `repository:${repo}:metadata_read`,
      what: `reading the attributes of ${repo}@${digest}`,
      signal,
    });
    const info = manifestInfoFromAcr(field(parseJson(response, `attributes of ${repo}@${digest}`), 'manifest'));
    if (!info) throw new ProtocolError(`The registry's answer for ${repo}@${digest} has no manifest digest.`);
    return info;
  }

  async getManifest(repo: string, reference: string, opts: { signal?: AbortSignal } = {}): Promise<FetchedManifest> {
    const what = `reading manifest ${repo}${isDigest(reference) ? '@' : ':'}${reference}`;
    const response = await this.request({
      method: 'GET',
      url: this.url(`/v2/${repo}/manifests/${reference}`),
      scope: `repository:${repo}:pull`,
      accept: MANIFEST_ACCEPT,
      what,
      signal: opts.signal,
    });
    const raw = response.body;
    const computed = sha256Digest(raw);
    const headerDigest = response.headers.get('docker-content-digest') ?? undefined;
    const contentType = response.headers.get('content-type')?.split(';')[0].trim();
    // Signed schema-1 manifests are digested over the JWS payload, not the bytes sent: they cannot be checked this way.
    const schema1 = contentType?.startsWith('application/vnd.docker.distribution.manifest.v1') ?? false;
    for (const [claimed, source] of schema1 ? [] : [
      [isDigest(reference) ? reference : undefined, 'the requested digest'],
      [headerDigest, 'the Docker-Content-Digest header'],
    ] as const) {
      if (claimed !== undefined && claimed.startsWith('sha256:') && claimed !== computed) {
        throw new DigestMismatchError(`The manifest received while ${what} does not match ${source}: expected ${claimed}, received bytes hash to ${computed}.`, {
          expected: claimed,
          actual: computed,
          hint: 'The content was altered in transit or the registry is inconsistent; do not use it. Check for a proxy rewriting responses, then retry.',
        });
      }
    }
    const body = parseJson(response, what);
    const declared = field(body, 'mediaType');
    const mediaType = typeof declared === 'string' && declared ? declared : contentType || MEDIA_TYPES.ociManifest;
    const digest = isDigest(reference) ? reference : (headerDigest ?? computed);
    const fetched: FetchedManifest = { digest, mediaType, size: raw.byteLength, body, raw };
    if (isIndexMediaType(mediaType) || Array.isArray(field(body, 'manifests'))) {
      fetched.platforms = indexChildren(body).map(({ digest: child, platform }) => (platform ? { digest: child, platform } : { digest: child }));
    }
    return fetched;
  }

  /**
   * Manifests whose `subject` is `digest` (signatures, SBOMs). OCI 1.1 referrers
   * API where the registry has it; otherwise the fallback tag `sha256-<hex>`.
   */
  async referrers(repo: string, digest: string, opts: { signal?: AbortSignal } = {}): Promise<ManifestInfo[]> {
    const { signal } = opts;
    if (!isDigest(digest)) throw new ProtocolError(`referrers() needs a digest (sha256:...), got "${digest}".`);
    if (this.referrersApi !== false) {
      const url = this.url(`/v2/${repo}/referrers/${digest}`);
      const found: ManifestInfo[] = [];
      let supported = true;
      for await (const page of this.pages(url, `repository:${repo}:pull`, `listing referrers of ${digest}`, signal, MEDIA_TYPES.ociIndex, [400, 404, 405])) {
        if (page === NOT_SERVED) {
          supported = false;
          break;
        }
        for (const child of indexChildren(page)) {
          found.push({ digest: child.digest, mediaType: child.mediaType, size: child.size, tags: [], references: [], subject: digest, artifactType: child.artifactType });
        }
      }
      if (supported) {
        this.referrersApi = true;
        return found;
      }
    }
    // Fallback tag schema (OCI distribution spec 1.1 §referrers-tag-schema).
    let index: FetchedManifest;
    try {
      index = await this.getManifest(repo, referrersTagFor(digest), { signal });
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
    return indexChildren(index.body).map((child) => ({
      digest: child.digest,
      mediaType: child.mediaType,
      size: child.size,
      tags: [],
      references: [],
      subject: digest,
      artifactType: child.artifactType,
    }));
  }

  /**
   * ACR: untag (DELETE /v2/_acr/NAME/tags/TAG), the manifest stays. Other
   * registries have no untag: deleting the digest would remove every tag that
   * points at it, so nothing is deleted and `note` says so.
   */
  async deleteTag(repo: string, tag: string, opts: { signal?: AbortSignal } = {}): Promise<{ untagged: boolean; note?: string }> {
    const { signal } = opts;
    if ((await this.acrCapability(signal)).acr) {
      await this.request({
        method: 'DELETE',
        url: this.url(`/v2/_acr/${repo}/tags/${encodeURIComponent(tag)}`),
        scope: `repository:${repo}:delete`,
        what: `untagging ${repo}:${tag}`,
        signal,
      });
      return { untagged: true };
    }
    const digest = await this.resolveDigest(repo, tag, signal);
    return {
      untagged: false,
      note:
        `Not deleted: ${this.registry} has no "untag" operation (the Docker Registry v2 API only deletes manifests by digest). ` +
        `Deleting ${digest} would remove ${repo}:${tag} and every other tag that points at the same digest. ` +
        `To do that deliberately, delete the manifest by digest; to keep the others, re-push them first.`,
    };
  }

  async deleteManifest(repo: string, digest: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    if (!isDigest(digest)) {
      throw new ProtocolError(`deleteManifest() needs a digest (sha256:...), got "${digest}": deleting by tag would remove every tag of that image.`);
    }
    await this.request({
      method: 'DELETE',
      url: this.url(`/v2/${repo}/manifests/${digest}`),
      scope: `repository:${repo}:delete`,
      what: `deleting manifest ${repo}@${digest}`,
      signal: opts.signal,
    });
  }

  // ---- internals -------------------------------------------------------------

  private url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  private async useAcrMetadata(repo: string, signal?: AbortSignal): Promise<boolean> {
    return !this.acrMetadataDenied.has(repo) && (await this.acrCapability(signal)).acr;
  }

  /**
   * An /acr/v1 read refused for permission (anonymous pull, a token with pull but
   * not metadata_read): remember it and let the caller fall back to /v2.
   */
  private noteAcrMetadataDenied(repo: string, error: unknown): boolean {
    if (!(error instanceof AuthError || error instanceof ForbiddenError)) return false;
    this.acrMetadataDenied.add(repo);
    return true;
  }

  private acrCapability(signal?: AbortSignal): Promise<{ acr: boolean }> {
    if (!this.capabilitiesPromise) {
      const probe = (async () => {
        try {
          const response = await this.request({
            method: 'GET',
            url: this.url('/acr/v1/_catalog?n=1'),
            scope: 'registry:catalog:*',
            what: 'probing for the ACR API',
            signal,
            passStatuses: [400, 404, 405],
          });
          return { acr: response.status >= 200 && response.status < 300 };
        } catch (error) {
          // Refused for lack of permission: the route exists, so this is ACR (a scoped token, say).
          if (error instanceof AuthError || error instanceof ForbiddenError) return { acr: true };
          throw error;
        }
      })();
      this.capabilitiesPromise = probe;
      // A failed probe (network, cancel) must not be cached.
      probe.catch(() => {
        if (this.capabilitiesPromise === probe) this.capabilitiesPromise = undefined;
      });
    }
    return this.capabilitiesPromise;
  }

  /** One authenticated request: up-front auth once the scheme is known, one re-auth on 401. */
  private async request(spec: RequestSpec): Promise<HttpResponse> {
    throwIfAborted(spec.signal);
    const headers: Record<string, string> = { accept: spec.accept ?? 'application/json' };
    let authorization = await this.auth.authorizationFor(spec.scope, spec.signal);
    let response = await this.transport.send({ method: spec.method, url: spec.url, headers, authorization, signal: spec.signal, maxBodyBytes: spec.maxBodyBytes });
    if (response.status === 401) {
      const retryWith = await this.auth.onUnauthorized(response.headers.get('www-authenticate'), spec.scope, authorization, spec.signal);
      if (retryWith !== undefined) {
        authorization = retryWith;
        response = await this.transport.send({ method: spec.method, url: spec.url, headers, authorization, signal: spec.signal, maxBodyBytes: spec.maxBodyBytes });
      }
    } else if (authorization === undefined && response.status < 400) {
      this.auth.noteAnonymousSuccess();
    }
    if ((response.status >= 200 && response.status < 300) || spec.passStatuses?.includes(response.status)) return response;
    throw errorFromResponse(response.status, response.headers, response.body, spec.what);
  }

  /**
   * Pages of a listing, following `Link: <...>; rel="next"` (resolved against the
   * response URL) lazily: a caller that stops iterating never causes the next
   * request. A repeated link or more than `maxPages` pages is a ProtocolError.
   * With `notServedStatuses`, such a status on the first page yields NOT_SERVED.
   */
  private async *pages(
    first: URL,
    scope: string,
    what: string,
    signal: AbortSignal | undefined,
    accept?: string,
    notServedStatuses?: readonly number[],
  ): AsyncGenerator<unknown> {
    const seen = new Set<string>([first.href]);
    let url: URL | undefined = first;
    for (let page = 1; url; page++) {
      if (page > this.maxPages) {
        throw new ProtocolError(`Stopped ${what} after ${this.maxPages} pages: the registry keeps sending next-page links.`, {
          hint: 'The registry may be paging incorrectly; use a larger page size or report it to the registry operator.',
        });
      }
      const response = await this.request({ method: 'GET', url, scope, accept, what, signal, passStatuses: page === 1 ? notServedStatuses : undefined });
      if (response.status < 200 || response.status >= 300) {
        if (response.status === 404 && isJsonError(response) && notServedStatuses) {
          // The route exists but the repository or manifest does not: an empty answer, not a missing API.
          return;
        }
        yield NOT_SERVED;
        return;
      }
      const body = parseJson(response, what);
      const next = nextLink(response.headers.get('link'), response.url);
      yield body;
      if (next) {
        if (seen.has(next.href)) {
          throw new ProtocolError(`Stopped ${what}: the registry sent the same next-page link twice (${next.pathname}${next.search}), which would loop forever.`, {
            hint: 'This is a registry paging bug; the items listed so far are complete up to this page.',
          });
        }
        seen.add(next.href);
      }
      url = next;
    }
  }

  /**
   * GET, not HEAD: node's fetch (undici) never reuses a connection after a HEAD response, so a
   * per-tag HEAD fan-out opened one connection (one TLS handshake) per tag. A manifest is small,
   * and the GET also lets us verify the digest against the body.
   */
  private async resolveDigest(repo: string, reference: string, signal?: AbortSignal): Promise<string> {
    return (await this.getManifest(repo, reference, { signal })).digest;
  }

  /** For 'newest' ordering on plain /v2: the image config's `created`. */
  private async genericTagWithDate(repo: string, tag: string, signal?: AbortSignal): Promise<TagInfo> {
    const manifest = await this.getManifest(repo, tag, { signal });
    let image = manifest;
    if (manifest.platforms && manifest.platforms.length > 0) image = await this.getManifest(repo, manifest.platforms[0].digest, { signal });
    const config = field(image.body, 'config');
    const configDigest = field(config, 'digest');
    let createdTime: string | undefined;
    if (typeof configDigest === 'string' && isDigest(configDigest)) {
      const response = await this.request({
        method: 'GET',
        url: this.url(`/v2/${repo}/blobs/${configDigest}`),
        scope: `repository:${repo}:pull`,
        what: `reading the image config of ${repo}:${tag}`,
        signal,
        maxBodyBytes: 4 * MIB,
      });
      try {
        const created = field(JSON.parse(response.body.toString('utf8')), 'created');
        if (typeof created === 'string') createdTime = created;
      } catch {
        // An artifact's config need not be JSON; it simply has no date.
      }
    }
    return { name: tag, digest: manifest.digest, createdTime };
  }

  private async reachableManifests(repo: string, signal?: AbortSignal): Promise<ManifestInfo[]> {
    const tagNames: string[] = [];
    for await (const tag of this.tags(repo, { signal, pageSize: 1000 })) tagNames.push(tag.name);
    const byDigest = new Map<string, ManifestInfo>();
    const fetched = await mapLimit(tagNames, this.concurrency, (tag) => this.getManifest(repo, tag, { signal }), signal);
    const pendingIndexes: FetchedManifest[] = [];
    fetched.forEach((manifest, i) => {
      const existing = byDigest.get(manifest.digest);
      if (existing) {
        existing.tags.push(tagNames[i]);
        return;
      }
      byDigest.set(manifest.digest, infoFromFetched(manifest, [tagNames[i]]));
      if (manifest.platforms) pendingIndexes.push(manifest);
    });
    // Children of indexes, transitively (an index may list indexes).
    while (pendingIndexes.length > 0) {
      const index = pendingIndexes.pop() as FetchedManifest;
      const nested: string[] = [];
      for (const child of indexChildren(index.body)) {
        if (byDigest.has(child.digest)) continue;
        if (isIndexMediaType(child.mediaType)) {
          nested.push(child.digest);
          continue;
        }
        byDigest.set(child.digest, { digest: child.digest, mediaType: child.mediaType, size: child.size, tags: [], platform: child.platform, references: [], artifactType: child.artifactType });
      }
      const children = await mapLimit(nested, this.concurrency, (digest) => this.getManifest(repo, digest, { signal }), signal);
      for (const child of children) {
        if (byDigest.has(child.digest)) continue;
        byDigest.set(child.digest, infoFromFetched(child, []));
        pendingIndexes.push(child);
      }
    }
    if ((await this.capabilities(signal)).referrersApi) {
      const subjects = [...byDigest.keys()];
      const found = await mapLimit(subjects, this.concurrency, (digest) => this.referrers(repo, digest, { signal }), signal);
      for (const referrer of found.flat()) if (!byDigest.has(referrer.digest)) byDigest.set(referrer.digest, referrer);
    }
    return [...byDigest.values()];
  }
}

/** Marker a page generator yields when the first request hit a "not served here" status. */
const NOT_SERVED = Symbol('not served');

function infoFromFetched(manifest: FetchedManifest, tags: string[]): ManifestInfo {
  return {
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    size: manifest.size,
    tags,
    references: manifest.platforms?.map((p) => p.digest) ?? [],
    subject: subjectOf(manifest.body),
    artifactType: artifactTypeOf(manifest.body),
  };
}

function tagInfoFromAcr(value: unknown): TagInfo | undefined {
  const name = field(value, 'name');
  if (typeof name !== 'string' || !name) return undefined;
  const info: TagInfo = { name };
  const digest = field(value, 'digest');
  if (typeof digest === 'string') info.digest = digest;
  const created = field(value, 'createdTime');
  if (typeof created === 'string') info.createdTime = created;
  const updated = field(value, 'lastUpdateTime');
  if (typeof updated === 'string') info.lastUpdateTime = updated;
  const attributes = toChangeableAttributes(field(value, 'changeableAttributes'));
  if (attributes) info.changeableAttributes = attributes;
  return info;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function parseJson(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new ProtocolError(`The registry answered ${what} with malformed JSON (HTTP ${response.status}, ${response.body.length} bytes, ${response.headers.get('content-type') ?? 'no content type'}).`, {
      status: response.status,
      cause: error,
      hint: 'A proxy or captive portal may be answering instead of the registry; check the address and proxy settings, then retry.',
    });
  }
}

function isJsonError(response: HttpResponse): boolean {
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as { errors?: unknown };
    return Array.isArray(parsed?.errors);
  } catch {
    return false;
  }
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
