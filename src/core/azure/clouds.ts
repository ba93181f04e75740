/**
 * Azure clouds: where Resource Manager lives, which audience its tokens are
 * for, where Entra ID signs in, and which suffix registries' login servers
 * carry. This file is the only place that knows public-cloud endpoints; every
 * client takes them from the chosen `AzureCloud`.
 */
import { AzureError } from './errors';
import { createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest, type TlsSettings } from '@azure/core-rest-pipeline';
import { throwIfAborted } from '../errors';
import { CLOUD_ACR_LOGIN_SERVER_SUFFIX } from '../reference/acrLoginServerSuffixes';

export type BuiltInCloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface AzureCloud {
  /** AzureCloud, AzureChinaCloud, AzureUSGovernment, or a custom cloud's name (Azure Stack Hub). */
  name: string;
  /** ARM base URL, no trailing slash: https://management.azure.com */
  resourceManagerEndpoint: string;
  /** Token audience for ARM, no trailing slash: https://management.azure.com */
  armAudience: string;
  /** Entra ID authority host, no trailing slash: https://login.microsoftonline.com */
  authorityHost: string;
  /** Registries' login server suffix without the dot: azurecr.io */
  acrLoginServerSuffix: string;
  custom: boolean;
}

/** `<audience>/.default`: the one scope asked of a credential for ARM. */
export function armScope(cloud: AzureCloud): string {
  return `${cloud.armAudience}/.default`;
}

// Audience = the ARM URL itself, as the Azure SDKs default to and as ACR's
// /oauth2/exchange accepts (ARM also accepts the legacy management.core.* id).
export const BUILT_IN_CLOUDS: Readonly<Record<BuiltInCloudName, AzureCloud>> = {
  AzureCloud: {
    name: 'AzureCloud',
    resourceManagerEndpoint: 'https://management.azure.com',
    armAudience: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    acrLoginServerSuffix: CLOUD_ACR_LOGIN_SERVER_SUFFIX.AzureCloud,
    custom: false,
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
    armAudience: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    acrLoginServerSuffix: CLOUD_ACR_LOGIN_SERVER_SUFFIX.AzureChinaCloud,
    custom: false,
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
    armAudience: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
    acrLoginServerSuffix: CLOUD_ACR_LOGIN_SERVER_SUFFIX.AzureUSGovernment,
    custom: false,
  },
};

export const BUILT_IN_CLOUD_NAMES = Object.keys(BUILT_IN_CLOUDS) as BuiltInCloudName[];

const ALIASES: Record<string, BuiltInCloudName> = {
  azurecloud: 'AzureCloud',
  public: 'AzureCloud',
  azurepubliccloud: 'AzureCloud',
  azurechinacloud: 'AzureChinaCloud',
  china: 'AzureChinaCloud',
  chinacloud: 'AzureChinaCloud',
  azureusgovernment: 'AzureUSGovernment',
  usgovernment: 'AzureUSGovernment',
  usgov: 'AzureUSGovernment',
};

/** A built-in cloud by name (case-insensitive; `az cloud` names and VS Code's sovereign names accepted). */
export function builtInCloud(name: string): AzureCloud {
  const key = ALIASES[name.toLowerCase()];
  if (!key) {
    throw new AzureError('AZURE_UNKNOWN_CLOUD', `'${name}' is not an Azure cloud ACR Doctor knows.`, {
      hint: `Use one of ${BUILT_IN_CLOUD_NAMES.join(', ')}, or give the Resource Manager endpoint of a custom cloud (Azure Stack Hub).`,
    });
  }
  return BUILT_IN_CLOUDS[key];
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Shape of one entry of ARM's `/metadata/endpoints` answer (the fields we use). */
interface ArmCloudMetadata {
  name?: string;
  resourceManager?: string;
  authentication?: { loginEndpoint?: string; audiences?: string[] };
  suffixes?: { acrLoginServer?: string };
}

/**
 * Builds a custom cloud from ARM's metadata document. api-version 2022-09-01
 * answers an array of clouds; older versions answer one object. We pick the
 * entry whose resourceManager is the endpoint asked, else the only/first one.
 */
export function cloudFromMetadata(resourceManagerEndpoint: string, metadata: unknown): AzureCloud {
  const endpoint = trimSlash(resourceManagerEndpoint);
  const entries = (Array.isArray(metadata) ? metadata : [metadata]).filter(
    (entry): entry is ArmCloudMetadata => typeof entry === 'object' && entry !== null,
  );
  const entry = entries.find((e) => typeof e.resourceManager === 'string' && trimSlash(e.resourceManager).toLowerCase() === endpoint.toLowerCase()) ?? entries[0];
  const audience = entry?.authentication?.audiences?.[0];
  const login = entry?.authentication?.loginEndpoint;
  if (!entry || !audience || !login) {
    throw new AzureError('AZURE_BAD_CLOUD_METADATA', `The metadata at ${endpoint}/metadata/endpoints does not name an Entra ID login endpoint and ARM audience.`, {
      hint: 'Check that the address is the Resource Manager endpoint of your Azure Stack Hub (for example https://management.local.azurestack.external), or give the audience explicitly.',
    });
  }
  return {
    name: entry.name ?? 'custom',
    resourceManagerEndpoint: endpoint,
    armAudience: trimSlash(audience),
    // Azure Stack's loginEndpoint carries the tenant path (…/adfs or …/<tenant>/): keep only the host.
    authorityHost: new URL(login).origin,
    acrLoginServerSuffix: (entry.suffixes?.acrLoginServer ?? '').replace(/^\./, ''),
    custom: true,
  };
}

/**
 * A custom cloud (Azure Stack Hub) from its Resource Manager endpoint: reads
 * `/metadata/endpoints?api-version=2022-09-01` (anonymous, through the Azure
 * pipeline so proxy and TLS settings apply). When `audience` is given, no
 * request is made.
 */
export async function customCloud(
  resourceManagerEndpoint: string,
  options: { audience?: string; authorityHost?: string; acrLoginServerSuffix?: string; tlsOptions?: TlsSettings; signal?: AbortSignal } = {},
): Promise<AzureCloud> {
  const endpoint = trimSlash(resourceManagerEndpoint);
  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch {
    throw new AzureError('AZURE_BAD_ARM_ENDPOINT', `'${endpoint}' is not a URL.`, { hint: 'Give the Resource Manager endpoint as https://host[:port].' });
  }
  if (options.audience) {
    return {
      name: 'custom',
      resourceManagerEndpoint: endpoint,
      armAudience: trimSlash(options.audience),
      authorityHost: trimSlash(options.authorityHost ?? BUILT_IN_CLOUDS.AzureCloud.authorityHost),
      acrLoginServerSuffix: options.acrLoginServerSuffix ?? '',
      custom: true,
    };
  }
  throwIfAborted(options.signal);
  const url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}/metadata/endpoints?api-version=2022-09-01`;
  const pipeline = createPipelineFromOptions({ tlsOptions: options.tlsOptions, retryOptions: { maxRetries: 2 } });
  let status: number;
  let text: string | undefined;
  try {
    const response = await pipeline.sendRequest(createDefaultHttpClient(), createPipelineRequest({ url, method: 'GET', abortSignal: options.signal, headers: createHttpHeaders({ accept: 'application/json' }) }));
    status = response.status;
    text = response.bodyAsText ?? undefined;
  } catch (error) {
    throwIfAborted(options.signal);
    throw new AzureError('AZURE_CLOUD_METADATA_UNREACHABLE', `Could not read the cloud metadata at ${url}: ${error instanceof Error ? error.message : String(error)}.`, {
      hint: 'Check the address, your network and proxy; or give the ARM audience explicitly.',
    });
  }
  if (status !== 200) {
    throw new AzureError('AZURE_CLOUD_METADATA_UNREACHABLE', `The cloud metadata at ${url} answered HTTP ${status}.`, {
      hint: 'Check that the address is a Resource Manager endpoint; or give the ARM audience explicitly.',
    });
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(text ?? '');
  } catch {
    metadata = undefined;
  }
  const cloud = cloudFromMetadata(endpoint, metadata);
  return { ...cloud, resourceManagerEndpoint: endpoint, acrLoginServerSuffix: options.acrLoginServerSuffix ?? cloud.acrLoginServerSuffix };
}

/** NAME.<suffix>, lower case (Docker needs the lower-case login server: FAQ F25). */
export function loginServerFor(registryName: string, cloud: AzureCloud): string {
  if (!cloud.acrLoginServerSuffix) {
    throw new AzureError('AZURE_NO_ACR_SUFFIX', `The cloud '${cloud.name}' does not say which domain its registries use.`, {
      hint: 'Give the registry’s full login server (for example myregistry.azurecr.example) instead of its name.',
    });
  }
  return `${registryName.toLowerCase()}.${cloud.acrLoginServerSuffix}`;
}
