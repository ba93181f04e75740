/**
 * Resumable listing pages for views that load on demand (the explorer): each call
 * makes one listing request and returns `{ items, next }`, `next` being an opaque
 * cursor for the following page. Nothing stays open between calls (no generator
 * per tree node), so a view can drop a node and resume it later from its cursor.
 *
 * The cursor carries the next-page URL (path and query only: it can never point
 * at another host), the page number (for the page cap) and short hashes of the
 * last pages' URLs (a registry that sends the same Link again is stopped instead
 * of looping forever, the known Gitea bug).
 */
import { createHash } from 'node:crypto';
import { manifestInfoFromAcr, tagInfoFromAcr } from './acrShapes';
import type { RegistryCapabilities } from './capabilities';
import type { RegistryConnection } from './connection';
import { ProtocolError } from './errors';
import { field, parseJson } from './json';
import { isRecord, nextLink } from './manifest';
import type { ManifestInfo, TagInfo } from './types';

export interface ListingPage<T> {
  items: T[];
  /** Opaque cursor of the next page; absent on the last page. */
  next?: string;
  /**
   * The listing cannot go on although the registry offers more: it sent a next-page link it
   * had sent before (a loop). The items of this page are still valid.
   */
  stopped?: ProtocolError;
}

export type TagOrder = 'newest' | 'name';

export interface TagPage extends ListingPage<TagInfo> {
  /**
   * The order of the listing: ACR sorts (by date or name); plain /v2 lists in the registry's own
   * order (distribution 2.8 lists in storage order, neither by name nor by date).
   */
  order: TagOrder | 'registry';
  /** Why the order differs from the one asked for, when it does. */
  orderNote?: string;
  /** Where the page came from: ACR's /acr/v1 (digest, dates, locks) or plain /v2 (names only). */
  source: 'acr' | 'v2';
}

/** A manifest as ACR's listing describes it, plus the fields views show that ManifestInfo leaves out. */
export interface ListedManifest extends ManifestInfo {
  lastUpdateTime?: string;
  /** changeableAttributes.quarantineState (FAQ F17), e.g. "Passed", "Pending". */
  quarantineState?: string;
}

export type ManifestPage = (ListingPage<ListedManifest> & { listable: true }) | { listable: false; items: []; reason: string };

export interface PageRequest {
  pageSize?: number;
  /** A cursor returned by the previous page of the same listing; absent for the first page. */
  cursor?: string;
  signal?: AbortSignal;
}

type Kind = 'repositories' | 'tags' | 'manifests';
type Source = 'acr' | 'v2';

interface Cursor {
  v: 1;
  k: Kind;
  /** Repository (tags, manifests) or prefix (repositories), so a cursor is never used for another listing. */
  scope: string;
  s: Source;
  /** Path and query of the next page, relative to the registry. */
  u: string;
  /** Number of the page this cursor fetches (1-based). */
  p: number;
  /** Short hashes of the recent pages' URLs. */
  h: string[];
  /** The order asked for (tags). */
  o?: TagOrder;
}

const DEFAULT_PAGE_SIZE = 100;
const RECENT_PAGES_REMEMBERED = 16;
const V2_MANIFESTS_NOT_LISTABLE =
  'The Docker Registry v2 API cannot list manifests, only tags: untagged manifests exist on this registry but cannot be seen or listed here. ' +
  'ACR lists them through its /acr/v1 API; on a self-hosted registry, the garbage collector (registry garbage-collect --delete-untagged) removes them.';

function urlHash(pathAndQuery: string): string {
  return createHash('sha256').update(pathAndQuery).digest('base64url').slice(0, 12);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, kind: Kind, scope: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = parsed as Partial<Cursor> | undefined;
  if (!isRecord(c) || c.v !== 1 || c.k !== kind || c.scope !== scope || (c.s !== 'acr' && c.s !== 'v2') || typeof c.u !== 'string' || !c.u.startsWith('/') || c.u.startsWith('//') || typeof c.p !== 'number' || !Array.isArray(c.h)) {
    throw new ProtocolError(`The page cursor does not belong to this ${kind} listing.`, { hint: 'Refresh the list to start again from its first page.' });
  }
  return c as Cursor;
}

/** The string just before `prefix` in byte order, for `last=`: valid repository names never contain U+007F. */
function beforePrefix(prefix: string): string {
  const lastCode = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(Math.max(0, lastCode - 1))}\u007f`;
}

export class RegistryPages {
  constructor(
    private readonly connection: RegistryConnection,
    private readonly served: RegistryCapabilities,
    /** Pages fetched at most per listing; the page after that is a ProtocolError saying so. */
    private readonly maxPages: number,
  ) {}

  /**
   * One page of repository names, in the registry's (lexical) order. With `prefix`, the
   * listing starts at the prefix (`last=` just before it) and ends at the first name past
   * it, so a filter never loads the names before or after the matches.
   */
  async repositoryPage(opts: PageRequest & { prefix?: string } = {}): Promise<ListingPage<string>> {
    const prefix = opts.prefix ?? '';
    let cursor: Cursor;
    if (opts.cursor) cursor = decodeCursor(opts.cursor, 'repositories', prefix);
    else {
      const url = new URLSearchParams({ n: String(opts.pageSize ?? DEFAULT_PAGE_SIZE) });
      if (prefix) url.set('last', beforePrefix(prefix));
      cursor = { v: 1, k: 'repositories', scope: prefix, s: 'v2', u: `/v2/_catalog?${url.toString()}`, p: 1, h: [] };
    }
    const { body, next, stopped } = await this.fetchPage(cursor, 'registry:catalog:*', prefix ? `listing repositories starting with "${prefix}"` : 'listing repositories', opts.signal);
    // After the answer (not beside the request: the first page stays one request, and the scheme and catalog token are known by now).
    if (!opts.cursor) this.served.prefetchAcr();
    const names = arrayField(body, 'repositories', 'The registry catalog').filter((name): name is string => typeof name === 'string');
    if (!prefix) return { items: names, next, stopped };
    const items = names.filter((name) => name.startsWith(prefix));
    // Sorted listing: a name past the prefix means no later page can match.
    const pastPrefix = names.some((name) => !name.startsWith(prefix) && name > prefix);
    return pastPrefix ? { items } : { items, next, stopped };
  }

  /**
   * One page of tags. ACR: from /acr/v1 with digest, dates and locks, newest first when
   * asked (`orderby=timedesc`, one call per page). Elsewhere: names from /v2 tags/list in the
   * registry's own order, and `orderNote` says why (sorting would cost every page, or a
   * manifest and config read per tag, before the first page shows).
   */
  async tagPage(repo: string, opts: PageRequest & { order?: TagOrder } = {}): Promise<TagPage> {
    const wanted: TagOrder = opts.order ?? 'newest';
    const pageSize = String(opts.pageSize ?? DEFAULT_PAGE_SIZE);
    let cursor: Cursor;
    if (opts.cursor) cursor = decodeCursor(opts.cursor, 'tags', repo);
    else if (await this.served.useAcrMetadata(repo, opts.signal)) {
      const query = new URLSearchParams({ n: pageSize });
      if (wanted === 'newest') query.set('orderby', 'timedesc');
      cursor = { v: 1, k: 'tags', scope: repo, s: 'acr', u: `/acr/v1/${repo}/_tags?${query.toString()}`, p: 1, h: [], o: wanted };
    } else cursor = this.v2TagCursor(repo, pageSize, wanted);

    if (cursor.s === 'acr') {
      let page;
      try {
        page = await this.fetchPage(cursor, `repository:${repo}:metadata_read`, `listing tags of ${repo}`, opts.signal);
      } catch (error) {
        // Refused /acr/v1 metadata on the first page (anonymous pull, pull-only token): list over /v2.
        if (cursor.p !== 1 || !this.served.noteAcrMetadataDenied(repo, error)) throw error;
        return this.tagPage(repo, { ...opts, cursor: encodeCursor(this.v2TagCursor(repo, pageSize, wanted)) });
      }
      const items = arrayField(page.body, 'tags', `The registry's tag list for ${repo}`, true)
        .map((item) => tagInfoFromAcr(item))
        .filter((tag): tag is TagInfo => tag !== undefined);
      return { items, next: page.next, stopped: page.stopped, order: cursor.o ?? wanted, source: 'acr' };
    }
    const page = await this.fetchPage(cursor, `repository:${repo}:pull`, `listing tags of ${repo}`, opts.signal);
    const items = arrayField(page.body, 'tags', `The registry's tag list for ${repo}`)
      .filter((tag): tag is string => typeof tag === 'string')
      .map((name) => ({ name }));
    const orderNote =
      "Listed in the registry's own order: the Docker Registry v2 API sorts tags neither by date nor reliably by name (only ACR's API sorts), " +
      "and sorting here would read every page, or every tag's manifest and config, before the first page could show.";
    return { items, next: page.next, stopped: page.stopped, order: 'registry', orderNote, source: 'v2' };
  }

  /**
   * One page of a repository's manifests, tagged or not, newest first (ACR's /acr/v1
   * _manifests). The listing does not name an index's children: a caller must not treat
   * an untagged entry as unreferenced. Plain /v2 cannot list manifests: `listable` is
   * false and `reason` says why.
   */
  async manifestPage(repo: string, opts: PageRequest = {}): Promise<ManifestPage> {
    let cursor: Cursor;
    if (opts.cursor) cursor = decodeCursor(opts.cursor, 'manifests', repo);
    else {
      if (!(await this.served.acr(opts.signal)).acr) return { listable: false, items: [], reason: V2_MANIFESTS_NOT_LISTABLE };
      const query = new URLSearchParams({ n: String(opts.pageSize ?? DEFAULT_PAGE_SIZE), orderby: 'timedesc' });
      cursor = { v: 1, k: 'manifests', scope: repo, s: 'acr', u: `/acr/v1/${repo}/_manifests?${query.toString()}`, p: 1, h: [] };
    }
    const page = await this.fetchPage(cursor, `repository:${repo}:metadata_read`, `listing manifests of ${repo}`, opts.signal);
    const items: ListedManifest[] = [];
    for (const raw of arrayField(page.body, 'manifests', `The registry's manifest list for ${repo}`, true)) {
      const info = manifestInfoFromAcr(raw, 'listing');
      if (!info) continue;
      const listed: ListedManifest = info;
      const updated = field(raw, 'lastUpdateTime');
      if (typeof updated === 'string') listed.lastUpdateTime = updated;
      const quarantine = field(field(raw, 'changeableAttributes'), 'quarantineState');
      if (typeof quarantine === 'string' && quarantine) listed.quarantineState = quarantine;
      items.push(listed);
    }
    return { listable: true, items, next: page.next, stopped: page.stopped };
  }

  private v2TagCursor(repo: string, pageSize: string, wanted: TagOrder): Cursor {
    return { v: 1, k: 'tags', scope: repo, s: 'v2', u: `/v2/${repo}/tags/list?${new URLSearchParams({ n: pageSize }).toString()}`, p: 1, h: [], o: wanted };
  }

  /** One listing request; the next page's cursor from its Link header, with the loop guard and the page cap. */
  private async fetchPage(cursor: Cursor, scope: string, what: string, signal: AbortSignal | undefined): Promise<{ body: unknown; next?: string; stopped?: ProtocolError }> {
    if (cursor.p > this.maxPages) {
      throw new ProtocolError(`Stopped ${what} after ${this.maxPages} pages: the registry keeps sending next-page links.`, {
        hint: 'Everything up to here is shown. The registry may be paging incorrectly; raise the page size, or report it to the registry operator.',
      });
    }
    const url = this.connection.url(cursor.u);
    const response = await this.connection.request({ method: 'GET', url, scope, what, signal });
    const body = parseJson(response, what);
    const link = nextLink(response.headers.get('link'), response.url);
    if (!link) return { body };
    if (link.origin !== url.origin) {
      throw new ProtocolError(`Stopped ${what}: the registry's next-page link points at another host (${link.host}).`, {
        code: 'REGISTRY_LINK_OTHER_ORIGIN',
        hint: 'Credentials are never sent to another host; this is a registry or proxy misconfiguration.',
      });
    }
    const nextPath = `${link.pathname}${link.search}`;
    const recent = [...cursor.h, urlHash(cursor.u)].slice(-RECENT_PAGES_REMEMBERED);
    if (recent.includes(urlHash(nextPath))) {
      const stopped = new ProtocolError(`Stopped ${what}: the registry sent a next-page link it had already sent (${nextPath}), which would loop forever.`, {
        hint: 'This is a registry paging bug; the items listed so far are complete up to this page.',
      });
      return { body, stopped };
    }
    return { body, next: encodeCursor({ ...cursor, u: nextPath, p: cursor.p + 1, h: recent }) };
  }
}

/**
 * The `key` array of a listing page; null counts as empty (distribution answers {"tags": null}).
 * A missing key is empty on /v2 but a ProtocolError on /acr/v1, which always sends it
 * (acr-v1-tags-list.json, acr-v1-manifests-list.json): "no manifests" read from a broken answer
 * would make every tag look gone.
 */
function arrayField(body: unknown, key: string, list: string, acr = false): unknown[] {
  const items = field(body, key);
  if (items === null || (items === undefined && !acr)) return [];
  if (!Array.isArray(items)) {
    throw new ProtocolError(`${list}: the registry's answer ${items === undefined ? `has no "${key}" list` : `has "${key}" that is not a list`}, so the listing cannot be trusted.`, {
      hint: 'Something other than ACR may be answering (a proxy, or a registry that only looks like ACR); check the address, then retry.',
    });
  }
  return items;
}
