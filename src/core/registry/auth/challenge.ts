/** One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Lower-cased auth scheme: 'bearer', 'basic', ... */
  scheme: string;
  /** Parameter names lower-cased; values unquoted and unescaped. */
  params: Record<string, string>;
  /** token68 form (e.g. `Negotiate abc==`), when the challenge has no parameters. */
  token68?: string;
}

export function parseChallenge(_header: string): Challenge[] {
  throw new Error('not implemented');
}
