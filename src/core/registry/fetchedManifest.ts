/** GET one manifest by tag or digest and check its bytes against every digest the registry claims for it. */
import type { RegistryConnection } from './connection';
import { digestOf, isDigest, parseDigest, quoteInvalid } from './digest';
import { DigestMismatchError, ProtocolError } from './errors';
import { field, parseJson } from './json';
import { indexChildren, isIndexMediaType, MANIFEST_ACCEPT, MEDIA_TYPES, subjectOf } from './manifest';
import type { FetchedManifest } from './types';

/** A tag name (OCI distribution spec): never a path, a query or a fragment. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * The manifest `reference` (a tag or a digest) of `repo`, its bytes verified against the requested digest
 * and the Docker-Content-Digest header (sha256 or sha512). A header that is not a digest, or a child or
 * subject digest in the body that is not a digest, is a ProtocolError: such a manifest is never used.
 * `purpose` prefixes the "what" of messages (e.g. "listing manifests of repo").
 */
export async function fetchManifest(connection: RegistryConnection, repo: string, reference: string, signal?: AbortSignal, purpose?: string): Promise<FetchedManifest> {
  const byDigest = isDigest(reference);
  if (!byDigest && !TAG.test(reference)) {
    throw new ProtocolError(`Refusing to read manifest ${quoteInvalid(reference)} of ${repo}: it is neither a digest (sha256:<64 hex>) nor a tag name.`);
  }
  const reading = `reading manifest ${repo}${byDigest ? '@' : ':'}${reference}`;
  const what = purpose ? `${purpose} (${reading})` : reading;
  const response = await connection.request({
    method: 'GET',
    url: connection.url(`/v2/${repo}/manifests/${reference}`),
    scope: `repository:${repo}:pull`,
    accept: MANIFEST_ACCEPT,
    what,
    signal,
  });
  const raw = response.body;
  const header = response.headers.get('docker-content-digest') ?? undefined;
  const headerDigest = header === undefined ? undefined : parseDigest(header.trim());
  if (header !== undefined && !headerDigest) {
    throw new ProtocolError(`The registry answered ${what} with a Docker-Content-Digest header that is not a digest (${quoteInvalid(header)}).`, {
      hint: 'A proxy may be rewriting responses, or the registry is broken; nothing from this answer is used.',
    });
  }
  const contentType = response.headers.get('content-type')?.split(';')[0].trim();
  // Signed schema-1 manifests are digested over the JWS payload, not the bytes sent: they cannot be checked this way.
  const schema1 = contentType?.startsWith('application/vnd.docker.distribution.manifest.v1') ?? false;
  const claims: Array<[string | undefined, string]> = [
    [byDigest ? reference : undefined, 'the requested digest'],
    [headerDigest?.value, 'the Docker-Content-Digest header'],
  ];
  for (const [claimed, source] of schema1 ? [] : claims) {
    const parsed = parseDigest(claimed);
    if (!parsed) continue;
    const computed = digestOf(raw, parsed.algorithm);
    if (parsed.value !== computed) {
      throw new DigestMismatchError(`The manifest received while ${what} does not match ${source}: expected ${parsed.value}, received bytes hash to ${computed}.`, {
        expected: parsed.value,
        actual: computed,
        hint: 'The content was altered in transit or the registry is inconsistent; do not use it. Check for a proxy rewriting responses, then retry.',
      });
    }
  }
  const body = parseJson(response, what);
  const declared = field(body, 'mediaType');
  const mediaType = typeof declared === 'string' && declared ? declared : contentType || MEDIA_TYPES.ociManifest;
  const digest = byDigest ? reference : (headerDigest?.value ?? digestOf(raw));
  const fetched: FetchedManifest = { digest, mediaType, size: raw.byteLength, body, raw };
  if (isIndexMediaType(mediaType) || Array.isArray(field(body, 'manifests'))) {
    const { children, rejected } = indexChildren(body);
    if (rejected.length > 0) {
      throw new ProtocolError(`The index received while ${what} lists a child whose digest is not a digest (${quoteInvalid(rejected[0])}), so what it holds cannot be told.`, {
        hint: 'The index is malformed; nothing it lists is used. Re-push it with a correct tool.',
      });
    }
    fetched.platforms = children.map(({ digest: child, platform }) => (platform ? { digest: child, platform } : { digest: child }));
  }
  const subjectRead = subjectOf(body);
  if ('rejected' in subjectRead) {
    throw new ProtocolError(`The manifest received while ${what} has a subject whose digest is not a digest (${quoteInvalid(subjectRead.rejected)}).`, {
      hint: 'The manifest is malformed; it is not used. Re-push it with a correct tool.',
    });
  }
  if (subjectRead.subject) fetched.subject = subjectRead.subject;
  return fetched;
}
