/**
 * Published apiVersions per Microsoft.ContainerRegistry resource type.
 *
 * Source: Azure/bicep-types-az `generated/containerregistry_{0,1}/microsoft.containerregistry/VERSION/types.md`
 * (generated from azure-rest-api-specs `specification/containerregistry/resource-manager`),
 * the union over that repository's history so versions since dropped from the
 * generator (2016-06-27-preview, 2017-06-01-preview, 2018-02-01-preview) still count
 * as published. Snapshot of 2026-08; see docs/decisions/arm.md.
 */
export const PUBLISHED_API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.ContainerRegistry/registries': ['2016-06-27-preview', '2017-03-01', '2017-06-01-preview', '2017-10-01', '2019-05-01', '2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/agentPools': ['2019-06-01-preview', '2025-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/buildTasks': ['2018-02-01-preview'],
  'Microsoft.ContainerRegistry/registries/buildTasks/steps': ['2018-02-01-preview'],
  'Microsoft.ContainerRegistry/registries/builds': ['2018-02-01-preview'],
  'Microsoft.ContainerRegistry/registries/cacheRules': ['2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/connectedRegistries': ['2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2023-01-01-preview', '2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/credentialSets': ['2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/exportPipelines': ['2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2023-01-01-preview', '2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-05-01-preview', '2025-06-01-preview', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/importPipelines': ['2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2023-01-01-preview', '2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-05-01-preview', '2025-06-01-preview', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/packages/archives': ['2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-05-01-preview', '2025-06-01-preview', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/packages/archives/versions': ['2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-05-01-preview', '2025-06-01-preview', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/pipelineRuns': ['2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2023-01-01-preview', '2023-06-01-preview', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-05-01-preview', '2025-06-01-preview', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/privateEndpointConnections': ['2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/privateLinkResources': ['2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/replications': ['2017-06-01-preview', '2017-10-01', '2019-05-01', '2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/runs': ['2018-09-01', '2019-04-01', '2019-06-01-preview', '2025-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/scopeMaps': ['2019-05-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/taskRuns': ['2019-06-01-preview', '2025-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/tasks': ['2018-09-01', '2019-04-01', '2019-06-01-preview', '2025-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/tokens': ['2019-05-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
  'Microsoft.ContainerRegistry/registries/webhooks': ['2017-06-01-preview', '2017-10-01', '2019-05-01', '2019-12-01-preview', '2020-11-01-preview', '2021-06-01-preview', '2021-08-01-preview', '2021-09-01', '2021-12-01-preview', '2022-02-01-preview', '2022-12-01', '2023-01-01-preview', '2023-06-01-preview', '2023-07-01', '2023-08-01-preview', '2023-11-01-preview', '2024-11-01-preview', '2025-03-01-preview', '2025-04-01', '2025-05-01-preview', '2025-06-01-preview', '2025-11-01', '2026-01-01-preview', '2026-03-01-preview'],
};

const BY_LOWER_TYPE = new Map(Object.entries(PUBLISHED_API_VERSIONS).map(([type, versions]) => [type.toLowerCase(), versions]));

/** Published versions of a type (case-insensitive), or undefined when the type is not in the table. */
export function publishedVersions(type: string): readonly string[] | undefined {
  return BY_LOWER_TYPE.get(type.toLowerCase());
}

export function isPreview(version: string): boolean {
  return /-preview$/i.test(version) || /-(alpha|beta|privatepreview)$/i.test(version);
}

/** The date part of an apiVersion (`2023-06-01-preview` → `2023-06-01`). */
export function versionDate(version: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})(-[a-z]+)?$/i.exec(version)?.[1];
}

/** The newest table date: versions dated after it may simply be newer than this table, never "unknown". */
export const NEWEST_KNOWN_DATE = Object.values(PUBLISHED_API_VERSIONS)
  .flat()
  .map((v) => versionDate(v) ?? '')
  .sort()
  .at(-1) ?? '';

/**
 * The oldest version we still consider current enough, per type. Older ones predate
 * what users expect of the resource (registries before 2019-05-01: no network rules,
 * policies, or managed SKUs' full surface; 2017-03-01 knows only Classic).
 * Types not listed have no "old" threshold.
 */
export const OLDEST_RECOMMENDED: Readonly<Record<string, string>> = {
  'microsoft.containerregistry/registries': '2019-05-01',
  'microsoft.containerregistry/registries/replications': '2019-05-01',
  'microsoft.containerregistry/registries/webhooks': '2019-05-01',
  'microsoft.containerregistry/registries/tasks': '2019-04-01',
  'microsoft.containerregistry/registries/runs': '2019-04-01',
};
