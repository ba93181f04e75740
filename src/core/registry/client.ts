/**
 * Registry data-plane client for ACR and any Docker Registry v2 / OCI
 * distribution registry. Uses ACR's /acr/v1 extras where present (tag dates,
 * one-call manifest listing, locks) and plain /v2 everywhere else.
 */
import { acrPageArrays, manifestInfoFromAcr, tagInfoFromAcr } from './acrShapes';
import { Authenticator } from './auth/authenticator';
import { TokenCache } from './auth/tokenCache';
import { RegistryCapabilities } from './capabilities';
import { mapLimit } from '../concurrency';
import { RegistryConnection, registryBaseUrl } from './connection';
import { firewallClientIp } from './errorMapping';
import { NotFoundError, ProtocolError } from './errors';
import { isDigest, quoteInvalid } from './digest';
import { fetchManifest } from './fetchedManifest';
import { configDigestOf, readImageConfig, type ImageConfigBlob } from './imageConfig';
import { RegistryLocks } from './locks';
import { field, parseJson } from './json';
import { MEDIA_TYPES, referrersFromIndex, referrersTagFor } from './manifest';
import { readManifestContents } from './manifestContents';
import { RegistryPages } from './pages';
import { DEFAULT_PAGE_SIZE, listingPages, NOT_SERVED, pageArrays } from './paging';
import { reachableManifests, tagsNewestFirst } from './plainV2';
import type { Secret } from '../secret';
import { Transport } from './transport';
import type { ChangeableAttributes, FetchedManifest, LockTarget, ManifestInfo, RegistryClientOptions, RejectedDigest, TagInfo } from './types';

const MIB = 1024 * 1024;

export class RegistryClient {
  readonly registry: string;
  private readonly connection: RegistryConnection;
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly concurrency: number;
  private readonly maxPages: number;
  /** What this registry serves (ACR API, referrers API), probed once and remembered. */
  private readonly served: RegistryCapabilities;
  /** Resumable pages ({ items, next }) for views that load on demand (src/core/registry/pages.ts). */
  readonly paged: RegistryPages;
  private readonly locks: RegistryLocks;

  constructor(options: RegistryClientOptions & { tokenCache?: TokenCache }) {
    const baseUrl = registryBaseUrl(options.registry, options.insecureHttp ?? false);
    this.registry = baseUrl.host;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.maxPages = options.maxPages ?? 10_000;
    const transport = new Transport({
      logger: options.logger,
      traceRequests: options.traceRequests ?? options.logger !== undefined,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 4,
      maxBodyBytes: options.maxBodyBytes ?? 8 * MIB,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
      insecureHttp: options.insecureHttp ?? false,
      onRetryWait: options.onRetryWait,
    });
    this.transport = transport;
    this.auth = new Authenticator(this.registry, options.credential, transport, options.tokenCache ?? new TokenCache(), options.insecureHttp ?? false, options.logger);
    this.connection = new RegistryConnection(baseUrl, transport, this.auth);
    this.served = new RegistryCapabilities(this.connection);
    this.paged = new RegistryPages(this.connection, this.served, this.maxPages);
    this.locks = new RegistryLocks(this.connection, this.served, this.registry);
  }

  /** Token-endpoint requests made so far (exchange + token): diagnostics and tests. */
  get tokenRequestCount(): number {
    return this.auth.tokenRequests;
  }

  /**
   * acr: the registry serves ACR's /acr/v1 API. referrersApi: it serves OCI 1.1
   * /v2/NAME/referrers (probed on a repository name that need not exist).
   */
  capabilities(signal?: AbortSignal): Promise<{ acr: boolean; referrersApi: boolean }> {
    return this.served.probe(signal);
  }

  /**
   * One GET /v2/ without credentials: its status, and the client IP when the registry's firewall
   * refused it (403 "client with IP 'x' is not allowed access", FAQ F07). ACR's firewall answers
   * before authentication, so no credential is sent (or needed) to see it.
   */
  async ping(opts: { signal?: AbortSignal } = {}): Promise<{ status: number; deniedClientIp?: string }> {
    const response = await this.transport.send({ method: 'GET', url: this.connection.url('/v2/'), headers: { accept: 'application/json' }, signal: opts.signal, maxBodyBytes: 64 * 1024 });
    return { status: response.status, deniedClientIp: response.status === 403 ? firewallClientIp(response.body) : undefined };
  }

  async *repositories(opts: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<string> {
    const url = this.connection.url('/v2/_catalog');
    url.searchParams.set('n', String(opts.pageSize ?? DEFAULT_PAGE_SIZE));
    for await (const repositories of pageArrays(this.pages(url, 'registry:catalog:*', 'listing repositories', opts.signal), 'repositories', 'The registry catalog')) {
      for (const name of repositories) if (typeof name === 'string') yield name;
    }
  }

  /**
   * Tags of a repository. On ACR: with digest, dates and locks, newest first on
   * request. Elsewhere: names from /v2 tags/list; 'newest' then costs a manifest
   * and config read per tag (the only place /v2 keeps a date).
   */
  async *tags(repo: string, opts: { pageSize?: number; order?: 'name' | 'newest'; signal?: AbortSignal; what?: string } = {}): AsyncIterable<TagInfo> {
    const { signal } = opts;
    const what = opts.what ?? `listing tags of ${repo}`;
    const pageSize = String(opts.pageSize ?? DEFAULT_PAGE_SIZE);
    if (await this.served.useAcrMetadata(repo, signal)) {
      const url = this.connection.url(`/acr/v1/${repo}/_tags`);
      url.searchParams.set('n', pageSize);
      if (opts.order === 'newest') url.searchParams.set('orderby', 'timedesc');
      if (yield* this.acrListing(repo, url, { what, key: 'tags', list: `The registry's tag list for ${repo}` }, tagInfoFromAcr, signal)) return;
    }
    const url = this.connection.url(`/v2/${repo}/tags/list`);
    url.searchParams.set('n', pageSize);
    const newest = opts.order === 'newest';
    const all: string[] = [];
    // One generator level per item (no nested per-tag generators): listing cost stays close to bare fetch.
    for await (const tags of pageArrays(this.pages(url, `repository:${repo}:pull`, what, signal), 'tags', `The registry's tag list for ${repo}`)) {
      for (const tag of tags) {
        if (typeof tag !== 'string') continue;
        if (newest) all.push(tag);
        else yield { name: tag };
      }
    }
    if (!newest) return;
    yield* await tagsNewestFirst(this.connection, repo, all, this.concurrency, signal);
  }

  /** Digest (and on ACR dates and locks) of each tag, `concurrency` requests at a time. */
  async tagDetails(repo: string, tags: string[], opts: { signal?: AbortSignal } = {}): Promise<TagInfo[]> {
    const { signal } = opts;
    const listed = new Map<string, TagInfo>();
    if ((await this.served.useAcrMetadata(repo, signal)) && tags.length >= 2 * this.concurrency) {
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
        if (await this.served.useAcrMetadata(repo, signal)) {
          const response = await this.connection.request({
            method: 'GET',
            url: this.connection.url(`/acr/v1/${repo}/_tags/${encodeURIComponent(name)}`),
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
   * Every manifest of a repository, with what each one holds and refers to as READ from the manifest
   * itself. ACR: all of them, tagged or not, from /acr/v1 _manifests; that listing names neither an
   * index's children nor a referrer's subject, so every index, every untagged manifest and every
   * manifest of unknown type is then read over /v2 (`concurrency` at a time), and one that cannot be
   * read comes back `unreadable` with the reason. Elsewhere /v2 cannot list manifests: this returns the
   * tagged ones plus everything reachable from them (index children, and referrers where the referrers
   * API exists); untagged orphans stay invisible. A listing entry whose digest is not a digest is never
   * yielded: it goes to `onRejected`.
   */
  async *manifests(repo: string, opts: { signal?: AbortSignal; onRejected?: (rejected: RejectedDigest) => void } = {}): AsyncIterable<ManifestInfo> {
    const { signal } = opts;
    if (await this.served.useAcrMetadata(repo, signal)) {
      const url = this.connection.url(`/acr/v1/${repo}/_manifests`);
      url.searchParams.set('n', String(DEFAULT_PAGE_SIZE));
      const listed: ManifestInfo[] = [];
      const where = `the manifest listing of ${repo}`;
      const convert = (item: unknown): ManifestInfo | undefined => {
        const info = manifestInfoFromAcr(item, 'listing');
        if (!info) opts.onRejected?.({ where, value: quoteInvalid(field(item, 'digest')) });
        return info;
      };
      const listing = this.acrListing(repo, url, { what: `listing manifests of ${repo}`, key: 'manifests', list: `The registry's manifest list for ${repo}` }, convert, signal);
      let step = await listing.next();
      for (; !step.done; step = await listing.next()) listed.push(step.value);
      if (step.value) {
        yield* await readManifestContents(this.connection, repo, listed, this.concurrency, signal);
        return;
      }
    }
    yield* await reachableManifests(this.connection, repo, this.concurrency, {
      tags: this.tags(repo, { signal, pageSize: 1000, what: `listing manifests of ${repo} (reading its tags)` }),
      referrersOf: async (subjects) => {
        if (!(await this.capabilities(signal)).referrersApi) return [];
        return (await mapLimit(subjects, this.concurrency, (digest) => this.referrers(repo, digest, { signal, onRejected: opts.onRejected }), signal)).flat();
      },
    }, signal);
  }

  /**
   * Converted items of an /acr/v1 listing. Returns false, having yielded nothing, when ACR
   * refused this repository's metadata (the caller then lists over /v2); once an item was
   * yielded, an error is thrown rather than switching source, which would repeat or mix items.
   * A page without its list key is a ProtocolError naming the URL (acrPageArrays).
   */
  private async *acrListing<T>(
    repo: string,
    url: URL,
    names: { what: string; key: string; list: string },
    convert: (item: unknown) => T | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<T, boolean> {
    let yielded = false;
    try {
      for await (const items of acrPageArrays(this.pages(url, `repository:${repo}:metadata_read`, names.what, signal), names.key, url, names.list)) {
        for (const item of items) {
          const info = convert(item);
          if (!info) continue;
          yielded = true;
          yield info;
        }
      }
      return true;
    } catch (error) {
      if (yielded || !this.served.noteAcrMetadataDenied(repo, error)) throw error;
      return false;
    }
  }

  /**
   * ACR's current view of one manifest (tags, locks, and an index's `references`, the one answer
   * where ACR names an index's children), or undefined where the registry has no such API (/v2 cannot
   * say which tags point at a digest). NotFoundError when the manifest is gone.
   */
  async manifestInfo(repo: string, digest: string, opts: { signal?: AbortSignal } = {}): Promise<ManifestInfo | undefined> {
    const { signal } = opts;
    if (!isDigest(digest)) throw new ProtocolError(`manifestInfo() needs a digest (sha256:<64 hex>), got ${quoteInvalid(digest)}.`);
    if (!(await this.served.useAcrMetadata(repo, signal))) return undefined;
    const response = await this.connection.request({
      method: 'GET',
      url: this.connection.url(`/acr/v1/${repo}/_manifests/${digest}`),
      scope: `repository:${repo}:metadata_read`,
      what: `reading the attributes of ${repo}@${digest}`,
      signal,
    });
    const info = manifestInfoFromAcr(field(parseJson(response, `attributes of ${repo}@${digest}`), 'manifest'), 'manifest');
    if (!info) throw new ProtocolError(`The registry's answer for ${repo}@${digest} has no valid manifest digest.`);
    if (info.digest !== digest) throw new ProtocolError(`The registry answered a question about ${repo}@${digest} with manifest ${info.digest}.`);
    return info;
  }

  /**
   * The username and password for `docker login` to this registry (Basic credential, or ACR refresh token
   * for an Entra sign-in); undefined for anonymous access. An Entra sign-in reads /v2/ first when the auth scheme is not known yet.
   */
  async loginCredential(opts: { signal?: AbortSignal } = {}): Promise<{ username: string; password: Secret } | undefined> {
    const learnScheme = () => this.connection.request({ method: 'GET', url: this.connection.url('/v2/'), what: 'checking how the registry signs in', signal: opts.signal });
    return this.auth.loginCredential(learnScheme, opts.signal);
  }

  async getManifest(repo: string, reference: string, opts: { signal?: AbortSignal } = {}): Promise<FetchedManifest> {
    return fetchManifest(this.connection, repo, reference, opts.signal);
  }

  /** The config blob of an image manifest (verified against its digest); undefined for an index, which has none. */
  async imageConfig(repo: string, manifest: FetchedManifest, opts: { signal?: AbortSignal } = {}): Promise<ImageConfigBlob | undefined> {
    const digest = configDigestOf(manifest.body);
    if (digest === undefined) return undefined;
    return readImageConfig(this.connection, repo, digest, `reading the image config of ${repo}@${manifest.digest}`, opts.signal);
  }

  /**
   * Manifests whose `subject` is `digest` (signatures, SBOMs). OCI 1.1 referrers
   * API where the registry has it; otherwise the fallback tag `sha256-<hex>`. A listed referrer whose
   * digest is not a digest is left out and goes to `onRejected`.
   */
  async referrers(repo: string, digest: string, opts: { signal?: AbortSignal; onRejected?: (rejected: RejectedDigest) => void } = {}): Promise<ManifestInfo[]> {
    const { signal } = opts;
    if (!isDigest(digest)) throw new ProtocolError(`referrers() needs a digest (sha256:<64 hex>), got ${quoteInvalid(digest)}.`);
    const keep = ({ referrers, rejected }: { referrers: ManifestInfo[]; rejected: unknown[] }): ManifestInfo[] => {
      for (const value of rejected) opts.onRejected?.({ where: `the referrers of ${repo}@${digest}`, value: quoteInvalid(value) });
      return referrers;
    };
    if (this.served.referrersApi !== false) {
      const url = this.connection.url(`/v2/${repo}/referrers/${digest}`);
      const found: ManifestInfo[] = [];
      let supported = true;
      for await (const page of this.pages(url, `repository:${repo}:pull`, `listing referrers of ${digest}`, signal, MEDIA_TYPES.ociIndex, [400, 404, 405])) {
        if (page === NOT_SERVED) {
          supported = false;
          break;
        }
        found.push(...keep(referrersFromIndex(page, digest)));
      }
      if (supported) {
        this.served.referrersApi = true;
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
    return keep(referrersFromIndex(index.body, digest));
  }

  /**
   * ACR: untag (DELETE /v2/_acr/NAME/tags/TAG), the manifest stays. Other
   * registries have no untag: deleting the digest would remove every tag that
   * points at it, so nothing is deleted and `note` says so.
   */
  async deleteTag(repo: string, tag: string, opts: { signal?: AbortSignal } = {}): Promise<{ untagged: boolean; note?: string }> {
    const { signal } = opts;
    if ((await this.served.acr(signal)).acr) {
      await this.connection.request({
        method: 'DELETE',
        url: this.connection.url(`/v2/_acr/${repo}/tags/${encodeURIComponent(tag)}`),
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
      throw new ProtocolError(`deleteManifest() needs a digest (sha256:<64 hex>), got ${quoteInvalid(digest)}: deleting by tag would remove every tag of that image.`);
    }
    await this.connection.request({
      method: 'DELETE',
      url: this.connection.url(`/v2/${repo}/manifests/${digest}`),
      scope: `repository:${repo}:delete`,
      what: `deleting manifest ${repo}@${digest}`,
      signal: opts.signal,
    });
  }

  /**
   * ACR: the changeable attributes (locks, FAQ F32) of a repository, tag or manifest as they are now.
   * Elsewhere an UnsupportedError: locks are an ACR feature.
   */
  changeableAttributes(target: LockTarget, opts: { signal?: AbortSignal } = {}): Promise<ChangeableAttributes> {
    return this.locks.read(target, opts.signal);
  }

  /**
   * ACR: changes the given changeable attributes of a repository, tag or manifest (PATCH, never
   * retried) and returns all four as the registry reports them after the change. Elsewhere an
   * UnsupportedError: locks are an ACR feature.
   */
  updateChangeableAttributes(target: LockTarget, change: ChangeableAttributes, opts: { signal?: AbortSignal } = {}): Promise<ChangeableAttributes> {
    return this.locks.update(target, change, opts.signal);
  }

  // ---- internals -------------------------------------------------------------

  private pages(first: URL, scope: string, what: string, signal: AbortSignal | undefined, accept?: string, notServedStatuses?: readonly number[]): AsyncGenerator<unknown> {
    return listingPages(this.connection, { first, scope, what, signal, maxPages: this.maxPages, accept, notServedStatuses });
  }

  /**
   * GET, not HEAD: node's fetch (undici) never reuses a connection after a HEAD response, so a
   * per-tag HEAD fan-out opened one connection (one TLS handshake) per tag. A manifest is small,
   * and the GET also lets us verify the digest against the body.
   */
  private async resolveDigest(repo: string, reference: string, signal?: AbortSignal): Promise<string> {
    return (await this.getManifest(repo, reference, { signal })).digest;
  }
}
