/**
 * ACR's /acr/v1 response shapes (tags, manifests, changeableAttributes) → our TagInfo / ManifestInfo.
 * Shapes as recorded from real ACR (../shared/reference/acr-recorded/data-plane/acr-v1-*.json): only
 * recorded fields are read, and nothing is inferred from a field ACR does not send.
 */
import { isDigest, quoteInvalid } from './digest';
import { ProtocolError } from './errors';
import { field } from './json';
import { isIndexMediaType, isRecord, nonEmptyString, toPlatform } from './manifest';
import { loggableUrl } from './transport';
import type { ChangeableAttributes, ManifestInfo, TagInfo } from './types';

export function toChangeableAttributes(value: unknown): ChangeableAttributes | undefined {
  if (!isRecord(value)) return undefined;
  const out: ChangeableAttributes = {};
  for (const key of ['deleteEnabled', 'writeEnabled', 'readEnabled', 'listEnabled'] as const) {
    if (typeof value[key] === 'boolean') out[key] = value[key];
  }
  return out;
}

/**
 * Where an ACR manifest object came from. 'listing': an entry of GET /acr/v1/NAME/_manifests
 * (acr-v1-manifests-list.json: digest, imageSize, createdTime, lastUpdateTime, architecture/os on
 * images, mediaType, tags only where tagged, changeableAttributes; NO references, NO subject).
 * 'manifest': the `manifest` of GET /acr/v1/NAME/_manifests/DIGEST (acr-v1-manifest-get.json): the same
 * fields, plus `references: [{digest, architecture, os}]` on an index — the only place ACR names an
 * index's children. Neither shape carries a referrer's subject.
 */
export type AcrManifestSource = 'listing' | 'manifest';

/**
 * An ACR manifest object as ManifestInfo; undefined when its digest is not a valid digest (the caller
 * reports it). From a listing nothing about children or subject is known (`read` is absent); from a
 * single-manifest answer an index's children are (`read.references`), or it is `unreadable` when a
 * child digest is invalid or an index came without `references`.
 */
export function manifestInfoFromAcr(item: unknown, source: AcrManifestSource): ManifestInfo | undefined {
  if (!isRecord(item) || !isDigest(item.digest)) return undefined;
  const mediaType = nonEmptyString(item.mediaType);
  const info: ManifestInfo = {
    digest: item.digest,
    mediaType,
    size: typeof item.imageSize === 'number' ? item.imageSize : undefined,
    // An untagged manifest has no `tags` key at all (acr-v1-manifests-list.json).
    tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    platform: toPlatform(item),
    references: [],
    createdTime: nonEmptyString(item.createdTime),
    changeableAttributes: toChangeableAttributes(item.changeableAttributes),
  };
  if (source === 'manifest' && (isIndexMediaType(mediaType) || item.references !== undefined)) {
    const listed = Array.isArray(item.references) ? item.references : undefined;
    const rejected = (listed ?? []).map((ref) => (isRecord(ref) ? ref.digest : ref)).filter((digest) => !isDigest(digest));
    for (const ref of listed ?? []) if (isRecord(ref) && isDigest(ref.digest)) info.references.push(ref.digest);
    if (!listed) info.unreadable = 'ACR\'s answer for this index has no "references" list, so its children are unknown';
    else if (rejected.length > 0) info.unreadable = `ACR's answer for this index lists a child whose digest is not a digest (${quoteInvalid(rejected[0])})`;
    else info.read = { references: true, subject: false };
  }
  return info;
}

/** One entry of ACR's GET /acr/v1/NAME/_tags (or the `tag` of _tags/TAG); undefined without a name. An invalid digest is left out. */
export function tagInfoFromAcr(value: unknown): TagInfo | undefined {
  const name = field(value, 'name');
  if (typeof name !== 'string' || !name) return undefined;
  const info: TagInfo = { name };
  const digest = field(value, 'digest');
  if (isDigest(digest)) info.digest = digest;
  const created = field(value, 'createdTime');
  if (typeof created === 'string') info.createdTime = created;
  const updated = field(value, 'lastUpdateTime');
  if (typeof updated === 'string') info.lastUpdateTime = updated;
  const attributes = toChangeableAttributes(field(value, 'changeableAttributes'));
  if (attributes) info.changeableAttributes = attributes;
  return info;
}

/**
 * The `key` array of each page of an /acr/v1 listing (`tags`, `manifests`, `repositories`). ACR always
 * sends the key (acr-v1-tags-list.json, acr-v1-manifests-list.json, acr-v1-catalog.json), so a page
 * without it (or with a non-list) is a ProtocolError naming the URL, never an empty list: reading "no manifests" from a
 * broken answer would make every tag look gone.
 */
export async function* acrPageArrays(bodies: AsyncIterable<unknown>, key: string, first: URL, list: string): AsyncGenerator<unknown[]> {
  let page = 0;
  for await (const body of bodies) {
    page++;
    const items = field(body, key);
    if (Array.isArray(items)) {
      yield items;
      continue;
    }
    // null is what distribution sends for "none left"; only a missing key or another type is refused.
    if (items === null) continue;
    const where = `GET ${loggableUrl(first)}${page > 1 ? ` (page ${page})` : ''}`;
    const found = items === undefined ? `has no "${key}" list` : `has "${key}" that is not a list`;
    throw new ProtocolError(`${list}: the registry's answer to ${where} ${found}, so the listing cannot be trusted.`, {
      hint: 'Something other than ACR may be answering (a proxy, or a registry that only looks like ACR); check the address with --trace, then retry.',
    });
  }
}
