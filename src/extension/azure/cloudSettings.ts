/**
 * Which cloud, auth provider and scopes the extension uses, from settings.
 * No vscode import: unit-tested in plain node.
 *
 * VS Code's built-in Microsoft authentication has two providers: `microsoft`
 * (public cloud) and `microsoft-sovereign-cloud`, whose cloud is the setting
 * `microsoft-sovereign-cloud.environment` (ChinaCloud | USGovernment | custom,
 * custom described by `microsoft-sovereign-cloud.customEnvironment`). Our own
 * `acrDoctor.azure.cloud` defaults to `auto`: follow that setting, so people
 * who already set it (e.g. for the Azure Resources extension) need nothing more.
 */
import { BUILT_IN_CLOUDS, type AzureCloud, type BuiltInCloudName } from '../../core/azure/index';

export const PUBLIC_AUTH_PROVIDER = 'microsoft';
export const SOVEREIGN_AUTH_PROVIDER = 'microsoft-sovereign-cloud';
export const SOVEREIGN_SECTION = 'microsoft-sovereign-cloud';
export const SOVEREIGN_ENVIRONMENT_SETTING = 'environment';

export type CloudSetting = 'auto' | BuiltInCloudName | 'custom';

export interface AzureExtensionSettings {
  /** acrDoctor.azure.cloud */
  cloud: unknown;
  /** acrDoctor.azure.customArmEndpoint */
  customArmEndpoint: unknown;
  /** acrDoctor.azure.customArmAudience */
  customArmAudience: unknown;
  /** acrDoctor.azure.tenant */
  tenant: unknown;
  /** microsoft-sovereign-cloud.environment (VS Code's own) */
  sovereignEnvironment: unknown;
}

const SOVEREIGN_TO_CLOUD: Record<string, BuiltInCloudName | 'custom'> = { ChinaCloud: 'AzureChinaCloud', USGovernment: 'AzureUSGovernment', custom: 'custom' };
const CLOUD_TO_SOVEREIGN: Record<string, string> = { AzureChinaCloud: 'ChinaCloud', AzureUSGovernment: 'USGovernment', custom: 'custom' };

export type ExtensionCloudChoice =
  | { kind: 'built-in'; cloud: AzureCloud; providerId: string }
  | { kind: 'custom'; armEndpoint: string | undefined; audience: string | undefined; providerId: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function chooseCloud(settings: AzureExtensionSettings): ExtensionCloudChoice {
  const setting = text(settings.cloud) ?? 'auto';
  let name: BuiltInCloudName | 'custom';
  if (setting === 'auto') name = SOVEREIGN_TO_CLOUD[text(settings.sovereignEnvironment) ?? ''] ?? 'AzureCloud';
  else name = setting === 'custom' || setting in BUILT_IN_CLOUDS ? (setting as BuiltInCloudName | 'custom') : 'AzureCloud';
  if (name === 'custom') return { kind: 'custom', armEndpoint: text(settings.customArmEndpoint), audience: text(settings.customArmAudience), providerId: SOVEREIGN_AUTH_PROVIDER };
  return { kind: 'built-in', cloud: BUILT_IN_CLOUDS[name], providerId: name === 'AzureCloud' ? PUBLIC_AUTH_PROVIDER : SOVEREIGN_AUTH_PROVIDER };
}

/**
 * The value `microsoft-sovereign-cloud.environment` must have for the sovereign
 * provider to sign in to `cloudName`, when it differs from the current one.
 */
export function sovereignEnvironmentMismatch(cloudName: string, current: unknown): string | undefined {
  const wanted = CLOUD_TO_SOVEREIGN[cloudName];
  if (!wanted) return undefined;
  return text(current) === wanted ? undefined : wanted;
}

/** Scopes for getSession: ARM's `.default` for the cloud, plus VS Code's tenant pseudo-scope. */
export function sessionScopes(scopes: string[], tenantId: string | undefined): string[] {
  const out = scopes.filter((s) => !s.startsWith('VSCODE_TENANT:'));
  if (tenantId) out.push(`VSCODE_TENANT:${tenantId}`);
  return out;
}

export function tenantFromSettings(settings: AzureExtensionSettings, remembered: string | undefined): string | undefined {
  return text(settings.tenant) ?? remembered;
}
