/** Manifest media types and the pure parts of reading manifests (ACR's own listing shapes are in acrShapes.ts). */
import { isDigest } from './digest';
import type { ManifestInfo, Platform } from './types';

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

/**
 * Media types of manifests that by definition list no other manifest (image manifests, Docker schema 1,
 * the withdrawn OCI artifact manifest): what they reference is layers and a config, never manifests.
 */
const SINGLE_MANIFEST_TYPES: ReadonlySet<string> = new Set([
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  'application/vnd.oci.artifact.manifest.v1+json',
]);

export function isSingleManifestMediaType(mediaType: string | undefined): boolean {
  return mediaType !== undefined && SINGLE_MANIFEST_TYPES.has(mediaType);
}

/** A media type whose documents we know how to read for children and subject. */
export function isKnownManifestMediaType(mediaType: string | undefined): boolean {
  return isIndexMediaType(mediaType) || isSingleManifestMediaType(mediaType);
}

/** The OCI referrers fallback tag for a digest: `sha256:abc` → `sha256-abc`. */
export function referrersTagFor(digest: string): string {
  return digest.replace(':', '-');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function toPlatform(value: unknown): Platform | undefined {
  if (!isRecord(value)) return undefined;
  const os = nonEmptyString(value.os);
  const architecture = nonEmptyString(value.architecture);
  if (!os || !architecture) return undefined;
  const variant = nonEmptyString(value.variant);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export interface ChildDescriptor { digest: string; mediaType?: string; size?: number; platform?: Platform; artifactType?: string }

/**
 * Descriptors of an index (`manifests`). An entry whose digest is not a valid digest is returned in
 * `rejected` (never as a child): an index with such an entry cannot say what it holds.
 */
export function indexChildren(body: unknown): { children: ChildDescriptor[]; rejected: unknown[] } {
  const children: ChildDescriptor[] = [];
  const rejected: unknown[] = [];
  if (!isRecord(body) || !Array.isArray(body.manifests)) return { children, rejected };
  for (const entry of body.manifests) {
    const digest = isRecord(entry) ? entry.digest : entry;
    if (!isRecord(entry) || !isDigest(digest)) {
      rejected.push(digest);
      continue;
    }
    children.push({
      digest,
      mediaType: nonEmptyString(entry.mediaType),
      size: typeof entry.size === 'number' ? entry.size : undefined,
      platform: toPlatform(entry.platform),
      artifactType: nonEmptyString(entry.artifactType),
    });
  }
  return { children, rejected };
}

/** The `subject` descriptor's digest; `rejected` holds what stood there when it is not a valid digest. */
export function subjectOf(body: unknown): { subject?: string } | { rejected: unknown } {
  if (!isRecord(body) || body.subject === undefined || body.subject === null) return {};
  const digest = isRecord(body.subject) ? body.subject.digest : body.subject;
  return isDigest(digest) ? { subject: digest } : { rejected: digest };
}

export function artifactTypeOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return nonEmptyString(body.artifactType) ?? (isRecord(body.config) ? nonEmptyString(body.config.mediaType) : undefined);
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

/**
 * The descriptors of a referrers index (API answer or fallback tag) as ManifestInfo entries whose subject
 * is `subject` (known from the index; their own content is not read). Invalid digests are in `rejected`.
 */
export function referrersFromIndex(body: unknown, subject: string): { referrers: ManifestInfo[]; rejected: unknown[] } {
  const { children, rejected } = indexChildren(body);
  const referrers = children.map((child) => ({
    digest: child.digest,
    mediaType: child.mediaType,
    size: child.size,
    tags: [],
    references: [],
    subject,
    artifactType: child.artifactType,
  }));
  return { referrers, rejected };
}
