/** Listing pages: follows `Link: rel="next"` lazily, with a loop guard and a page cap. */
import type { RegistryConnection } from './connection';
import { ProtocolError } from './errors';
import { field, isJsonError, parseJson } from './json';
import { nextLink } from './manifest';

export const DEFAULT_PAGE_SIZE = 100;

/** Marker a page generator yields when the first request hit a "not served here" status. */
export const NOT_SERVED = Symbol('not served');

export interface Listing {
  first: URL;
  scope: string;
  what: string;
  signal: AbortSignal | undefined;
  /** Pages followed at most; more is a ProtocolError. */
  maxPages: number;
  accept?: string;
  notServedStatuses?: readonly number[];
}

/**
 * Pages of a listing, following `Link: <...>; rel="next"` (resolved against the
 * response URL) lazily: a caller that stops iterating never causes the next
 * request. A link to another origin (scheme, host, port) is a ProtocolError
 * before that page is yielded; a repeated link or more than `maxPages` pages too.
 * With `notServedStatuses`, such a status on the first page yields NOT_SERVED.
 */
export async function* listingPages(connection: RegistryConnection, listing: Listing): AsyncGenerator<unknown> {
  const { first, scope, what, signal, maxPages, accept, notServedStatuses } = listing;
  const seen = new Set<string>([first.href]);
  let url: URL | undefined = first;
  for (let page = 1; url; page++) {
    if (page > maxPages) {
      throw new ProtocolError(`Stopped ${what} after ${maxPages} pages: the registry keeps sending next-page links.`, {
        hint: 'The registry may be paging incorrectly; use a larger page size or report it to the registry operator.',
      });
    }
    const response = await connection.request({ method: 'GET', url, scope, accept, what, signal, passStatuses: page === 1 ? notServedStatuses : undefined });
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
    if (next && next.origin !== connection.origin) {
      // Following it would send our credentials there and merge its answer into the registry's listing.
      throw new ProtocolError(`Stopped ${what}: the registry ${connection.origin} sent a next-page link to another origin, ${next.origin}, which was not followed (nothing was sent there).`, {
        code: 'REGISTRY_LINK_OTHER_ORIGIN',
        hint: 'A registry pages on its own address; a link elsewhere means a misconfigured registry or proxy (e.g. a wrong public URL setting) or a hostile answer. Check the registry or proxy configuration.',
      });
    }
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
 * The `key` array of each page, one array per page (not one generator step per
 * item, so listing cost stays close to bare fetch). A page without the key or
 * with null counts as empty (distribution answers {"tags": null} for a
 * repository whose tags were all deleted); anything else is a ProtocolError
 * naming `list`.
 */
export async function* pageArrays(bodies: AsyncIterable<unknown>, key: string, list: string): AsyncGenerator<unknown[]> {
  for await (const body of bodies) {
    const items = field(body, key);
    if (items === null || items === undefined) continue;
    if (!Array.isArray(items)) throw new ProtocolError(`${list} has no "${key}" array.`);
    yield items;
  }
}
