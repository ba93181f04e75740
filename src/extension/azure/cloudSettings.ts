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
import type { AzureSettings } from '../config';

export const PUBLIC_AUTH_PROVIDER = 'microsoft';
export const SOVEREIGN_AUTH_PROVIDER = 'microsoft-sovereign-cloud';
export type CloudSetting = 'auto' | BuiltInCloudName | 'custom';

const SOVEREIGN_TO_CLOUD: Record<string, BuiltInCloudName | 'custom'> = { ChinaCloud: 'AzureChinaCloud', USGovernment: 'AzureUSGovernment', custom: 'custom' };
const CLOUD_TO_SOVEREIGN: Record<string, string> = { AzureChinaCloud: 'ChinaCloud', AzureUSGovernment: 'USGovernment', custom: 'custom' };

export type ExtensionCloudChoice =
  | { kind: 'built-in'; cloud: AzureCloud; providerId: string }
  | { kind: 'custom'; armEndpoint: string | undefined; audience: string | undefined; providerId: string };

/** Settings come sanitised from Config (`azureSettingsFrom`). */
export function chooseCloud(settings: AzureSettings): ExtensionCloudChoice {
  const name: BuiltInCloudName | 'custom' = settings.cloud === 'auto' ? (SOVEREIGN_TO_CLOUD[settings.sovereignEnvironment ?? ''] ?? 'AzureCloud') : settings.cloud;
  if (name === 'custom') return { kind: 'custom', armEndpoint: settings.customArmEndpoint, audience: settings.customArmAudience, providerId: SOVEREIGN_AUTH_PROVIDER };
  return { kind: 'built-in', cloud: BUILT_IN_CLOUDS[name], providerId: name === 'AzureCloud' ? PUBLIC_AUTH_PROVIDER : SOVEREIGN_AUTH_PROVIDER };
}

/**
 * The value `microsoft-sovereign-cloud.environment` must have for the sovereign
 * provider to sign in to `cloudName`, when it differs from the current one.
 */
export function sovereignEnvironmentMismatch(cloudName: string, current: string | undefined): string | undefined {
  const wanted = CLOUD_TO_SOVEREIGN[cloudName];
  if (!wanted) return undefined;
  return current === wanted ? undefined : wanted;
}

/** Scopes for getSession: ARM's `.default` for the cloud, plus VS Code's tenant pseudo-scope. */
export function sessionScopes(scopes: string[], tenantId: string | undefined): string[] {
  const out = scopes.filter((s) => !s.startsWith('VSCODE_TENANT:'));
  if (tenantId) out.push(`VSCODE_TENANT:${tenantId}`);
  return out;
}

export function tenantFromSettings(settings: AzureSettings, remembered: string | undefined): string | undefined {
  return settings.tenant ?? remembered;
}

/**
 * VS Code rejects getSession({ createIfNone }) when the user declines: an Error "User did not
 * consent to login." (the consent dialog), the bare string "User did not consent to account
 * access" (the account picker), or a CancellationError ("Canceled") from the provider.
 */
export function isSignInCancelled(error: unknown): boolean {
  const text = typeof error === 'string' ? error : error instanceof Error ? `${error.name} ${error.message}` : '';
  return /did not consent|\bcancel(?:l?ed)?\b/i.test(text);
}
