/**
 * Reads claims from an access token WITHOUT verifying it: only to learn who we
 * are (oid, tid) and when the token expires. The token itself never leaves here.
 */
export interface TokenClaims {
  oid?: string;
  tid?: string;
  exp?: number;
  upn?: string;
  appid?: string;
}

export function decodeJwtClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const claims = parsed as Record<string, unknown>;
    const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
    return { oid: text('oid'), tid: text('tid'), upn: text('upn') ?? text('unique_name'), appid: text('appid') ?? text('azp'), exp: typeof claims.exp === 'number' ? claims.exp : undefined };
  } catch {
    return {};
  }
}
