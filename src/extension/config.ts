/**
 * Every setting the extension reads, typed and sanitised in one place (rust-analyzer's `Config`,
 * vscode-eslint's sanitisers). Settings are user-typed JSON and can be anything, so each getter
 * turns a bad value into its default. No `vscode` import: the settings come through the small
 * `SettingsSource` interface (settingsSource.ts adapts VS Code's), so this is unit-tested in node.
 */
import type { ExplorerSettings } from '../core/explorer/dataSource';
import { parseExplorerSettings, parseRegistries } from '../core/explorer/settings';
import type { FileKind, LintSettings } from '../core/lint/types';
import type { CloudSetting } from './azure/cloudSettings';
import { from } from './settingsFrom';

/** Settings section; every setting of ours is under `acrDoctor.`. */
export const SECTION = 'acrDoctor';
/** VS Code's own settings for its sovereign-cloud Microsoft provider (environment, customEnvironment). */
export const SOVEREIGN_SECTION = 'microsoft-sovereign-cloud';
/** Picks that provider's cloud: ChinaCloud, USGovernment or custom. */
export const SOVEREIGN_ENVIRONMENT = `${SOVEREIGN_SECTION}.environment`;

/** Where a setting is written: the open folder's settings, or the user's. */
export type SettingsTarget = 'workspace' | 'user';

export interface Disposable {
  dispose(): void;
}

/** The edge to VS Code's configuration: full keys (`acrDoctor.lint.enable`). */
export interface SettingsSource {
  get(key: string): unknown;
  update(key: string, value: unknown, target: SettingsTarget): PromiseLike<void>;
  /** A folder is open, so workspace settings exist. */
  hasWorkspace(): boolean;
  /** Calls `listener` on each configuration change with a test for the affected sections. */
  onDidChange(listener: (affects: (section: string) => boolean) => void): Disposable;
}

/** The Azure settings, sanitised: empty strings are undefined, an unknown cloud is `auto`. */
export interface AzureSettings {
  cloud: CloudSetting;
  customArmEndpoint: string | undefined;
  customArmAudience: string | undefined;
  tenant: string | undefined;
  /** VS Code's microsoft-sovereign-cloud.environment (ChinaCloud, USGovernment, custom). */
  sovereignEnvironment: string | undefined;
}

const CLOUD_SETTINGS: readonly CloudSetting[] = ['auto', 'AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment', 'custom'];

const KIND_SETTING: Record<FileKind, string> = {
  dockerfile: 'lint.dockerfile.enable',
  dockerignore: 'lint.dockerignore.enable',
  'daemon-json': 'lint.daemonJson.enable',
  'arm-template': 'lint.armTemplate.enable',
  'sysconfig-docker': 'lint.sysconfigDocker.enable',
};

/** Raw Azure values to sanitised ones (also what the cloud-choice tests feed). */
export function azureSettingsFrom(raw: { cloud?: unknown; customArmEndpoint?: unknown; customArmAudience?: unknown; tenant?: unknown; sovereignEnvironment?: unknown }): AzureSettings {
  return {
    cloud: from.oneOf(raw.cloud, CLOUD_SETTINGS, 'auto'),
    customArmEndpoint: from.text(raw.customArmEndpoint),
    customArmAudience: from.text(raw.customArmAudience),
    tenant: from.text(raw.tenant),
    sovereignEnvironment: from.text(raw.sovereignEnvironment),
  };
}

/**
 * Typed view of the settings, read fresh each time (VS Code caches configuration, so this is
 * cheap). Nothing needs a window reload: every reader asks again or listens to a change event.
 */
export class Config {
  constructor(private readonly source: SettingsSource) {}

  private get(key: string): unknown {
    return this.source.get(`${SECTION}.${key}`);
  }

  get lintEnabled(): boolean {
    return from.boolean(this.get('lint.enable'), true);
  }

  get debounceMs(): number {
    return from.number(this.get('lint.debounceMs'), 300, 0, 5000);
  }

  lintSettings(): LintSettings {
    const enabledKinds: Partial<Record<FileKind, boolean>> = {};
    for (const [kind, key] of Object.entries(KIND_SETTING) as Array<[FileKind, string]>) {
      enabledKinds[kind] = from.boolean(this.get(key), true);
    }
    return {
      enabledKinds,
      rules: from.ruleLevels(this.get('lint.rules')),
      allowedRegistries: from.stringArray(this.get('lint.allowedRegistries')),
    };
  }

  azure(): AzureSettings {
    return azureSettingsFrom({
      cloud: this.get('azure.cloud'),
      customArmEndpoint: this.get('azure.customArmEndpoint'),
      customArmAudience: this.get('azure.customArmAudience'),
      tenant: this.get('azure.tenant'),
      sovereignEnvironment: this.source.get(SOVEREIGN_ENVIRONMENT),
    });
  }

  /** VS Code's sovereign provider signs in to the cloud this names; we set it only when asked. */
  async setSovereignEnvironment(value: string): Promise<void> {
    await this.source.update(SOVEREIGN_ENVIRONMENT, value, 'user');
  }

  /** Where `disableRule` writes: the workspace's settings, or the user's when no folder is open. */
  disableRuleTarget(): SettingsTarget {
    return this.source.hasWorkspace() ? 'workspace' : 'user';
  }

  /** Turns one rule off (used where the file format has no comments); returns where it went. */
  async disableRule(code: string): Promise<SettingsTarget> {
    const target = this.disableRuleTarget();
    const current = from.ruleLevels(this.get('lint.rules'));
    await this.source.update(`${SECTION}.lint.rules`, { ...current, [code]: 'off' }, target);
    return target;
  }

  /**
   * The registries configured in `acrDoctor.registries` (the explorer's "Other registries", issue 10's
   * contract: `{ host, insecureHttp }`), read as the explorer reads them.
   */
  knownRegistries(): Array<{ host: string; insecureHttp: boolean }> {
    // The explorer's own reading of the setting (host normalised, duplicates and invalid entries dropped).
    return parseRegistries(this.get('registries'));
  }

  /** Writes one of our settings (a diagnostics fix) where disableRule would: the workspace, else the user's. */
  async updateSetting(key: string, value: unknown): Promise<SettingsTarget> {
    if (!key.startsWith(`${SECTION}.`)) throw new Error(`Only ${SECTION}.* settings are changed by ACR Doctor, not ${key}.`);
    const target = this.disableRuleTarget();
    await this.source.update(key, value, target);
    return target;
  }

  /** The explorer's paging and tag order (`acrDoctor.explorer.*`), sanitised. */
  explorerSettings(): ExplorerSettings {
    return parseExplorerSettings(this.get('explorer.pageSize'), this.get('explorer.tagOrder'));
  }

  /** `acrDoctor.registries` changed ('registries'), or the explorer's view settings did ('view'). */
  onDidChangeExplorer(listener: (what: 'registries' | 'view') => void): Disposable {
    return this.source.onDidChange((affects) => {
      if (affects(`${SECTION}.registries`)) listener('registries');
      else if (affects(`${SECTION}.explorer`)) listener('view');
    });
  }

  onDidChangeLint(listener: () => void): Disposable {
    return this.source.onDidChange((affects) => {
      if (affects(`${SECTION}.lint`)) listener();
    });
  }

  /** Our Azure settings or VS Code's sovereign-cloud settings changed. */
  onDidChangeAzure(listener: () => void): Disposable {
    return this.source.onDidChange((affects) => {
      if (affects(`${SECTION}.azure`) || affects(SOVEREIGN_SECTION)) listener();
    });
  }
}
