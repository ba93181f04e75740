/** GET an image's config blob (the JSON with its platform, entrypoint, env and history), verified against its digest. */
import type { RegistryConnection } from './connection';
import { digestOf, parseDigest, quoteInvalid } from './digest';
import { DigestMismatchError, ProtocolError } from './errors';
import { field } from './json';

/** Bound on a config read: real configs are kilobytes; an artifact's "config" could be anything. */
export const CONFIG_MAX_BYTES = 4 * 1024 * 1024;

export interface ImageConfigBlob {
  digest: string;
  size: number;
  /** The parsed JSON, or undefined when the blob is not JSON (an artifact's config need not be). */
  json?: unknown;
}

/** The config blob a manifest names (`config.digest`); undefined when the manifest names none (an index). */
export function configDigestOf(manifestBody: unknown): string | undefined {
  const digest = field(field(manifestBody, 'config'), 'digest');
  return typeof digest === 'string' ? digest : undefined;
}

export async function readImageConfig(connection: RegistryConnection, repo: string, configDigest: string, what: string, signal?: AbortSignal): Promise<ImageConfigBlob> {
  const parsed = parseDigest(configDigest);
  if (!parsed) throw new ProtocolError(`Refusing to read config ${quoteInvalid(configDigest)} of ${repo}: it is not a digest.`);
  const response = await connection.request({ method: 'GET', url: connection.url(`/v2/${repo}/blobs/${parsed.value}`), scope: `repository:${repo}:pull`, what, signal, maxBodyBytes: CONFIG_MAX_BYTES });
  const computed = digestOf(response.body, parsed.algorithm);
  if (computed !== parsed.value) {
    throw new DigestMismatchError(`The config received while ${what} does not match its digest: expected ${parsed.value}, received bytes hash to ${computed}.`, {
      expected: parsed.value,
      actual: computed,
      hint: 'The content was altered in transit or the registry is inconsistent; nothing from it is shown.',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { digest: parsed.value, size: response.body.length, json };
}
