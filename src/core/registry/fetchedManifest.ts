/** GET one manifest by tag or digest and check its bytes against every digest the registry claims for it. */
import type { RegistryConnection } from './connection';
import { DigestMismatchError } from './errors';
import { field, parseJson } from './json';
import { indexChildren, isDigest, isIndexMediaType, MANIFEST_ACCEPT, MEDIA_TYPES, sha256Digest } from './manifest';
import type { FetchedManifest } from './types';

export async function fetchManifest(connection: RegistryConnection, repo: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
  const what = `reading manifest ${repo}${isDigest(reference) ? '@' : ':'}${reference}`;
  const response = await connection.request({
    method: 'GET',
    url: connection.url(`/v2/${repo}/manifests/${reference}`),
    scope: `repository:${repo}:pull`,
    accept: MANIFEST_ACCEPT,
    what,
    signal,
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
