/**
 * Every error code ACR Doctor can show, one family per subsystem, one line per code with what it
 * means. Codes are API: they appear as `code` in the CLI's JSON output and in the extension, so the
 * error classes take only these (an unknown code is a type error) and the README's list is
 * generated from this file (scripts/gen-docs.ts). A new code is one new line in its family.
 */

/** Any subsystem. */
export const CORE_ERROR_CODES = {
  CANCELLED: 'The operation was cancelled (Ctrl-C, a closed panel, a newer request).',
} as const;

/** The registry data plane (src/core/registry), and the CLI's registry credentials. */
export const REGISTRY_ERROR_CODES = {
  REGISTRY_ADDRESS: 'The registry argument is not a registry address (host[:port]).',
  REGISTRY_INSECURE: 'Plain HTTP was refused: it was not explicitly allowed.',
  REGISTRY_NO_CREDENTIALS: 'An ACR with no Docker credentials, and signing in with the Azure identity failed.',
  REGISTRY_AUTH: 'The registry refused the credentials (401, or its token service said no).',
  REGISTRY_REALM_INSECURE: "The challenge's token realm is plain HTTP (or another host over HTTP): no credential was sent.",
  REGISTRY_REALM_UNEXPECTED: 'An ACR challenge named a token realm other than its own https://LOGIN/oauth2/token: no credential was sent.',
  REGISTRY_FORBIDDEN: 'Authenticated but not allowed (403: role, scoped token, firewall, lock).',
  REGISTRY_NOT_FOUND: 'The repository, tag or manifest does not exist (404).',
  REGISTRY_THROTTLED: 'The registry kept throttling (429) after our retries.',
  REGISTRY_THROTTLED_TOO_LONG: "The registry's Retry-After asked for longer than the retry budget left: gave up at once.",
  REGISTRY_REDIRECT_REFUSED: 'A redirect was not followed (too many, to plain HTTP, or with credentials to another host).',
  REGISTRY_REDIRECT_OTHER_HOST: 'An API call or token request was redirected to another origin, whose answer would pass for the registry\'s: not followed.',
  REGISTRY_RESPONSE_TOO_LARGE: 'An answer was larger than ACR Doctor reads for that request.',
  REGISTRY_PROTOCOL: 'The registry broke the protocol (malformed JSON, wrong digest, missing header).',
  REGISTRY_LINK_OTHER_ORIGIN: 'A paging Link pointed at another origin (scheme, host or port): not followed.',
  REGISTRY_TOKEN_NOT_JSON: 'The token service answered HTML or other non-JSON: a proxy, captive portal or login page answered in its place.',
  REGISTRY_UNSUPPORTED: 'This registry does not offer the operation (e.g. untag without ACR).',
  REGISTRY_NETWORK: 'No answer: DNS, connection refused or reset, TLS.',
  REGISTRY_TIMEOUT: 'The registry did not answer in time.',
  REGISTRY_DISALLOWED: 'ACR refused an operation a lock or policy forbids (FAQ F32).',
  REGISTRY_SERVER: 'Any other error status from the registry.',
  REGISTRY_CLEANUP_SKIPPED: 'Cleanup left a manifest alone: what references it failed, or it changed since the plan.',
  REGISTRY_CLEANUP_FAILED: 'Cleanup could not delete a manifest.',
} as const;

/** Docker's config.json and credential helpers (src/core/registry/auth/dockerConfig.ts). */
export const DOCKER_CONFIG_ERROR_CODES = {
  DOCKER_CONFIG_INVALID: "Docker's config.json is not valid JSON, not an object, or has an unreadable auth value.",
  DOCKER_CONFIG_UNREADABLE: "Docker's config.json exists but cannot be read.",
  DOCKER_CREDENTIAL_HELPER_INVALID: 'The configured credential helper name is not a plain program name, so it was not run.',
  DOCKER_CREDENTIAL_HELPER_MISSING: 'The configured docker-credential-* program is not on PATH.',
  DOCKER_CREDENTIAL_HELPER_TIMEOUT: 'The credential helper did not answer in time (a locked keychain).',
  DOCKER_CREDENTIAL_HELPER_FAILED: 'The credential helper failed or answered with something that is not JSON.',
} as const;

/** The Azure management plane (src/core/azure) and the Azure sign-in. */
export const AZURE_ERROR_CODES = {
  AZURE_PERMISSION_DENIED: 'The signed-in identity lacks an action on a scope (403 AuthorizationFailed).',
  AZURE_NOT_FOUND: 'The resource does not exist (404).',
  AZURE_SUBSCRIPTION_NOT_FOUND: 'Azure does not know the subscription, or it is not visible to the identity.',
  AZURE_REGISTRY_NOT_FOUND: 'No registry with that name or login server in the subscriptions searched.',
  AZURE_UNAVAILABLE: 'A check needs the Azure management plane, but this run has no Azure sign-in.',
  AZURE_CLIENT_INCOMPLETE: 'The Azure client given to a check run lacks a method the check needs (a stub or an older client).',
  AZURE_SIGN_IN_REQUIRED: 'No Azure token: not signed in, expired, or for another tenant.',
  AZURE_THROTTLED: 'Azure Resource Manager kept throttling (429).',
  AZURE_UNREACHABLE: 'No answer from Azure Resource Manager: DNS, TLS, proxy.',
  AZURE_REQUEST_FAILED: 'Any other error status from Azure Resource Manager.',
  AZURE_UNEXPECTED: 'The Azure SDK failed in a way that is not an HTTP answer.',
  AZURE_BAD_RESOURCE_ID: 'Not a container registry resource id.',
  AZURE_BAD_IP_RULE: 'Not an IPv4 address or CIDR range for a firewall rule.',
  AZURE_BAD_RUN_ID: 'Not an ACR Tasks run id.',
  AZURE_BAD_PRINCIPAL_ID: 'Not an Entra object id (a GUID) for a principal whose roles were asked for.',
  AZURE_IP_RULES_NEED_PREMIUM: 'Firewall IP rules need the Premium tier.',
  AZURE_UNKNOWN_CLOUD: 'Not the name of a built-in Azure cloud.',
  AZURE_CUSTOM_CLOUD_UNSET: 'The cloud is set to custom but no Resource Manager endpoint is given.',
  AZURE_BAD_ARM_ENDPOINT: 'The custom Resource Manager endpoint is not a URL.',
  AZURE_BAD_CLOUD_METADATA: "The custom cloud's metadata lacks the login endpoint or ARM audience.",
  AZURE_CLOUD_METADATA_UNREACHABLE: "The custom cloud's metadata could not be read.",
  AZURE_NO_ACR_SUFFIX: 'The cloud does not say which domain its registries use.',
} as const;

/** The registry explorer's commands (src/extension/explorer). */
export const EXPLORER_ERROR_CODES = {
  EXPLORER_NO_SELECTION: 'An explorer command ran without the kind of item it works on (select it in the ACR Doctor view).',
  EXPLORER_NO_REGISTRY: 'The item does not belong to a registry.',
  EXPLORER_NOT_CONFIGURED: 'The registry comes from Azure, not from acrDoctor.registries, so it cannot be removed there.',
  EXPLORER_AZURE_CREDENTIALS: 'Azure registries use the Azure sign-in; credentials are entered for Other registries only.',
  EXPLORER_UNSAFE_NAME: 'A name has characters no valid reference has, so no terminal command or docker command is built from it.',
  EXPLORER_NOT_AZURE: 'The command needs a registry from your Azure subscriptions.',
} as const;

export type CoreErrorCode = keyof typeof CORE_ERROR_CODES;
export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_CODES;
export type DockerConfigErrorCode = keyof typeof DOCKER_CONFIG_ERROR_CODES;
export type AzureErrorCode = keyof typeof AZURE_ERROR_CODES;
export type ExplorerErrorCode = keyof typeof EXPLORER_ERROR_CODES;
/** Every code an AcrDoctorError may carry. */
export type ErrorCode = CoreErrorCode | RegistryErrorCode | DockerConfigErrorCode | AzureErrorCode | ExplorerErrorCode;

/** The families in documentation order, with their codes and meanings. */
export const ERROR_CODE_FAMILIES: ReadonlyArray<{ family: string; codes: Readonly<Record<string, string>> }> = [
  { family: 'Any command', codes: CORE_ERROR_CODES },
  { family: 'Registry', codes: REGISTRY_ERROR_CODES },
  { family: 'Docker config and credential helpers', codes: DOCKER_CONFIG_ERROR_CODES },
  { family: 'Azure', codes: AZURE_ERROR_CODES },
  { family: 'Registry explorer', codes: EXPLORER_ERROR_CODES },
];
