/**
 * Content digests: the one place a string from a registry becomes a digest we put in a URL, a plan or
 * a comparison. Accepted: the OCI image spec's registered algorithms with their fixed encodings,
 * `sha256:` + 64 lower-case hex and `sha512:` + 128 lower-case hex. Other strings the spec's general
 * grammar allows (`algorithm:encoded`, e.g. `blake3:…` or a vendor algorithm) are refused: we could
 * not verify content against them, and an unverifiable digest must not decide a delete.
 * See docs/decisions/registry-client.md ("Cleanup safety rules").
 */
import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'sha256' | 'sha512';

export interface Digest {
  algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  hex: string;
  /** `algorithm:hex`, exactly as parsed. */
  value: string;
}

const ENCODED_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };
const SHAPE = /^(sha256|sha512):([a-f0-9]+)$/;

/** The digest in `value`, or undefined when it is not a sha256/sha512 digest in canonical form. */
export function parseDigest(value: unknown): Digest | undefined {
  if (typeof value !== 'string') return undefined;
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const algorithm = match[1] as DigestAlgorithm;
  const hex = match[2] ?? '';
  if (hex.length !== ENCODED_LENGTH[algorithm]) return undefined;
  return { algorithm, hex, value };
}

export function isDigest(value: unknown): value is string {
  return parseDigest(value) !== undefined;
}

/** The digest of `bytes` under `algorithm` (sha256 unless told). */
export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** A value that failed digest validation, quoted and bounded for a message (never raw registry text). */
export function quoteInvalid(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  const bounded = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(bounded);
}
