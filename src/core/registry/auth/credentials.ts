/**
 * How the registry client proves who it is. The client picks the wire flow
 * (Basic, Docker token spec, ACR exchange) from the registry's challenge; the
 * credential only says what we hold. Every secret in it is a `Secret`, so a
 * credential printed or logged by mistake shows `[redacted]`.
 */
import type { Secret } from '../../secret';

export type RegistryCredential =
  | { kind: 'anonymous' }
  /** htpasswd registries, ACR admin user, ACR scoped (repository-permission) tokens. */
  | { kind: 'basic'; username: string; password: Secret }
  /** ACR refresh token (what `docker login` gets with username 00000000-0000-0000-0000-000000000000). */
  | { kind: 'refresh-token'; refreshToken: Secret }
  /** An Entra ID (AAD) access token for ARM, exchanged at /oauth2/exchange for an ACR refresh token. */
  | { kind: 'aad'; getAadToken(signal?: AbortSignal): Promise<{ token: Secret; tenantId?: string }> };

/** The username ACR expects beside a refresh token in Basic auth / docker login. */
export const ACR_REFRESH_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
