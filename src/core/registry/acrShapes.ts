/** ACR's /acr/v1 response shapes (tags, manifests, changeableAttributes) → our TagInfo / ManifestInfo. */
import { field } from './json';
import { isRecord, nonEmptyString, toPlatform } from './manifest';
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
 * One entry of ACR's GET /acr/v1/NAME/_manifests (api 2021-07-01): digest,
 * imageSize, createdTime, lastUpdateTime, architecture, os, mediaType, tags,
 * changeableAttributes, references [{digest, architecture, os}] for indexes.
 * Tolerant: `size` for imageSize, string references, `subject` as string or descriptor.
 */
export function manifestInfoFromAcr(item: unknown): ManifestInfo | undefined {
  if (!isRecord(item)) return undefined;
  const digest = nonEmptyString(item.digest);
  if (!digest) return undefined;
  const references: string[] = [];
  if (Array.isArray(item.references)) {
    for (const ref of item.references) {
      const refDigest = typeof ref === 'string' ? ref : isRecord(ref) ? nonEmptyString(ref.digest) : undefined;
      if (refDigest) references.push(refDigest);
    }
  }
  const size = typeof item.imageSize === 'number' ? item.imageSize : typeof item.size === 'number' ? item.size : undefined;
  const subject = typeof item.subject === 'string' ? nonEmptyString(item.subject) : isRecord(item.subject) ? nonEmptyString(item.subject.digest) : undefined;
  const info: ManifestInfo = {
    digest,
    mediaType: nonEmptyString(item.mediaType),
    size,
    tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    platform: toPlatform(item),
    references,
    subject,
    artifactType: nonEmptyString(item.artifactType),
    createdTime: nonEmptyString(item.createdTime),
    changeableAttributes: toChangeableAttributes(item.changeableAttributes),
  };
  return info;
}

/** One entry of ACR's GET /acr/v1/NAME/_tags (or the `tag` of _tags/TAG); undefined without a name. */
export function tagInfoFromAcr(value: unknown): TagInfo | undefined {
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
