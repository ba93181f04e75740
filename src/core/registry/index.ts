/**
 * Public API of the registry data-plane client (ACR and any Docker Registry v2).
 * The CLI, the extension and the benchmark import from here only (test/core/boundaries.test.ts enforces it).
 */
export type { RegistryCredential } from './auth/credentials';
export { ACR_REFRESH_TOKEN_USERNAME } from './auth/credentials';
export { findDockerCredentials, loginCommand, DockerConfigError } from './auth/dockerConfig';
export type { DockerConfigEnvironment, DockerConfigHint } from './auth/dockerConfig';
export type { Challenge } from './auth/challenge';
export { parseChallenge } from './auth/challenge';
export type {
  RegistryClientOptions,
  RetryWaitInfo,
  TagInfo,
  ChangeableAttributes,
  LockTarget,
  Platform,
  ManifestInfo,
  FetchedManifest,
  CleanupDecision,
  RejectedDigest,
} from './types';
export { RegistryClient } from './client';
export { RegistryPages } from './pages';
export { describeLockTarget } from './locks';
export type { ListingPage, TagPage, TagOrder, ListedManifest, ManifestPage, PageRequest } from './pages';
export { CleanupPlanner, executeCleanup } from './cleanup';
export type { PlannedDecision, PlanContext, CleanupResult } from './cleanup';
export { TokenCache } from './auth/tokenCache';
export type { DockerCredentialLookup } from './auth/dockerConfig';
export { MEDIA_TYPES } from './manifest';
export { firewallIpIn } from './errorMapping';
export type { ImageConfigBlob } from './imageConfig';
export {
  RegistryError,
  AuthError,
  ForbiddenError,
  NotFoundError,
  ThrottledError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ProtocolError,
  DigestMismatchError,
  UnsupportedError,
  OperationDisallowedError,
  NetworkError,
  TimeoutError,
  ServerError,
} from './errors';
