/** Reading registry JSON bodies: field access, a strict parse with a helpful error, and the /v2 error-envelope test. */
import { ProtocolError } from './errors';
import type { HttpResponse } from './transport';

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

export function parseJson(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new ProtocolError(`The registry answered ${what} with malformed JSON (HTTP ${response.status}, ${response.body.length} bytes, ${response.headers.get('content-type') ?? 'no content type'}).`, {
      status: response.status,
      cause: error,
      hint: 'A proxy or captive portal may be answering instead of the registry; check the address and proxy settings, then retry.',
    });
  }
}

export function isJsonError(response: HttpResponse): boolean {
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as { errors?: unknown };
    return Array.isArray(parsed?.errors);
  } catch {
    return false;
  }
}
