/** Manifest media types and the pure parts of reading manifests and ACR listings. */
import { createHash } from 'node:crypto';
import type { ChangeableAttributes, ManifestInfo, Platform } from './types';

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

/** Accept header for manifest GET/HEAD: every current format, so the registry never down-converts. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifestList, MEDIA_TYPES.dockerManifest].join(', ');

export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifestList;
}

export const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function isDigest(reference: string): boolean {
  return DIGEST.test(reference);
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The OCI referrers fallback tag for a digest: `sha256:abc` → `sha256-abc`. */
export function referrersTagFor(digest: string): string {
  return digest.replace(':', '-');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function toPlatform(value: unknown): Platform | undefined {
  if (!isRecord(value)) return undefined;
  const os = str(value.os);
  const architecture = str(value.architecture);
  if (!os || !architecture) return undefined;
  const variant = str(value.variant);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function toChangeableAttributes(value: unknown): ChangeableAttributes | undefined {
  if (!isRecord(value)) return undefined;
  const out: ChangeableAttributes = {};
  for (const key of ['deleteEnabled', 'writeEnabled', 'readEnabled', 'listEnabled'] as const) {
    if (typeof value[key] === 'boolean') out[key] = value[key];
  }
  return out;
}

/** Descriptors of an index (`manifests`), tolerant of junk entries. */
export function indexChildren(body: unknown): Array<{ digest: string; mediaType?: string; size?: number; platform?: Platform; artifactType?: string }> {
  if (!isRecord(body) || !Array.isArray(body.manifests)) return [];
  const out: Array<{ digest: string; mediaType?: string; size?: number; platform?: Platform; artifactType?: string }> = [];
  for (const entry of body.manifests) {
    if (!isRecord(entry)) continue;
    const digest = str(entry.digest);
    if (!digest) continue;
    out.push({
      digest,
      mediaType: str(entry.mediaType),
      size: typeof entry.size === 'number' ? entry.size : undefined,
      platform: toPlatform(entry.platform),
      artifactType: str(entry.artifactType),
    });
  }
  return out;
}

export function subjectOf(body: unknown): string | undefined {
  return isRecord(body) && isRecord(body.subject) ? str(body.subject.digest) : undefined;
}

export function artifactTypeOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return str(body.artifactType) ?? (isRecord(body.config) ? str(body.config.mediaType) : undefined);
}

/**
 * One entry of ACR's GET /acr/v1/NAME/_manifests (api 2021-07-01): digest,
 * imageSize, createdTime, lastUpdateTime, architecture, os, mediaType, tags,
 * changeableAttributes, references [{digest, architecture, os}] for indexes.
 * Tolerant: `size` for imageSize, string references, `subject` as string or descriptor.
 */
export function manifestInfoFromAcr(item: unknown): ManifestInfo | undefined {
  if (!isRecord(item)) return undefined;
  const digest = str(item.digest);
  if (!digest) return undefined;
  const references: string[] = [];
  if (Array.isArray(item.references)) {
    for (const ref of item.references) {
      const refDigest = typeof ref === 'string' ? ref : isRecord(ref) ? str(ref.digest) : undefined;
      if (refDigest) references.push(refDigest);
    }
  }
  const size = typeof item.imageSize === 'number' ? item.imageSize : typeof item.size === 'number' ? item.size : undefined;
  const subject = typeof item.subject === 'string' ? str(item.subject) : isRecord(item.subject) ? str(item.subject.digest) : undefined;
  const info: ManifestInfo = {
    digest,
    mediaType: str(item.mediaType),
    size,
    tags: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    platform: toPlatform(item),
    references,
    subject,
    artifactType: str(item.artifactType),
    createdTime: str(item.createdTime),
    changeableAttributes: toChangeableAttributes(item.changeableAttributes),
  };
  return info;
}

/**
 * `Link: </v2/_catalog?last=x&n=100>; rel="next"` → absolute URL, resolved
 * against the URL of the response that carried it.
 */
export function nextLink(header: string | null, base: URL): URL | undefined {
  if (!header) return undefined;
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (let match = pattern.exec(header); match; match = pattern.exec(header)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2]);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (!relations.includes('next')) continue;
    try {
      return new URL(match[1], base);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
