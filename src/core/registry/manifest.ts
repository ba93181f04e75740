/** Manifest media types and the pure parts of reading manifests (ACR's own listing shapes are in acrShapes.ts). */
import { createHash } from 'node:crypto';
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

/** Descriptors of an index (`manifests`), tolerant of junk entries. */
export function indexChildren(body: unknown): Array<{ digest: string; mediaType?: string; size?: number; platform?: Platform; artifactType?: string }> {
  if (!isRecord(body) || !Array.isArray(body.manifests)) return [];
  const out: Array<{ digest: string; mediaType?: string; size?: number; platform?: Platform; artifactType?: string }> = [];
  for (const entry of body.manifests) {
    if (!isRecord(entry)) continue;
    const digest = nonEmptyString(entry.digest);
    if (!digest) continue;
    out.push({
      digest,
      mediaType: nonEmptyString(entry.mediaType),
      size: typeof entry.size === 'number' ? entry.size : undefined,
      platform: toPlatform(entry.platform),
      artifactType: nonEmptyString(entry.artifactType),
    });
  }
  return out;
}

export function subjectOf(body: unknown): string | undefined {
  return isRecord(body) && isRecord(body.subject) ? nonEmptyString(body.subject.digest) : undefined;
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

/** The descriptors of a referrers index (API answer or fallback tag) as ManifestInfo entries whose subject is `subject`. */
export function referrersFromIndex(body: unknown, subject: string): ManifestInfo[] {
  return indexChildren(body).map((child) => ({
    digest: child.digest,
    mediaType: child.mediaType,
    size: child.size,
    tags: [],
    references: [],
    subject,
    artifactType: child.artifactType,
  }));
}
