/**
 * The one list of the domains Azure Container Registry login servers end in. isAcrHost (lint
 * rules, CLI) and the built-in Azure clouds (core/azure/clouds.ts) both read it, so they cannot
 * disagree. Dependency-free: the lint engine bundle imports it without the Azure SDKs.
 */

/** The suffix of each built-in Azure cloud, without the leading dot. */
export const CLOUD_ACR_LOGIN_SERVER_SUFFIX = {
  AzureCloud: 'azurecr.io',
  AzureChinaCloud: 'azurecr.cn',
  AzureUSGovernment: 'azurecr.us',
} as const;

/**
 * Air-gapped clouds: no built-in cloud here (their endpoints come from their own metadata,
 * `--arm-endpoint`), but a registry there is an ACR all the same.
 */
export const AIR_GAPPED_ACR_LOGIN_SERVER_SUFFIXES = ['azurecr.microsoft.scloud', 'azurecr.eaglex.ic.gov'] as const;

export const ACR_LOGIN_SERVER_SUFFIXES: readonly string[] = [...Object.values(CLOUD_ACR_LOGIN_SERVER_SUFFIX), ...AIR_GAPPED_ACR_LOGIN_SERVER_SUFFIXES];
