import * as vscode from 'vscode';
import type { FileKind, LintSettings, Severity } from '../core/lint/types';

/** Settings section; every setting we read is under `acrDoctor.`. */
export const SECTION = 'acrDoctor';

/** Settings whose change needs a window reload (none read at activation only yet). */
export const SETTINGS_REQUIRING_RELOAD: readonly string[] = [];

const KIND_SETTING: Record<FileKind, string> = {
  dockerfile: 'lint.dockerfile.enable',
  dockerignore: 'lint.dockerignore.enable',
  'daemon-json': 'lint.daemonJson.enable',
  'arm-template': 'lint.armTemplate.enable',
  'sysconfig-docker': 'lint.sysconfigDocker.enable',
};

const SEVERITIES = new Set<string>(['off', 'error', 'warning', 'info', 'hint']);

// Small sanitisers (as vscode-eslint does): settings are user-typed JSON and can be anything.
export const from = {
  boolean(value: unknown, fallback: boolean): boolean {
    return typeof value === 'boolean' ? value : fallback;
  },
  number(value: unknown, fallback: number, min: number, max: number): number {
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  },
  stringArray(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  },
  ruleLevels(value: unknown): Record<string, 'off' | Severity> {
    const out: Record<string, 'off' | Severity> = {};
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, level] of Object.entries(value as Record<string, unknown>)) {
        if (typeof level === 'string' && SEVERITIES.has(level.toLowerCase())) out[key.toUpperCase().startsWith('ACR') ? key.toUpperCase() : key] = level.toLowerCase() as 'off' | Severity;
      }
    }
    return out;
  },
};

/** Typed view of the settings, read fresh each time (cheap; VS Code caches configuration). */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  get lintEnabled(): boolean {
    return from.boolean(this.section.get('lint.enable'), true);
  }

  get debounceMs(): number {
    return from.number(this.section.get('lint.debounceMs'), 300, 0, 5000);
  }

  lintSettings(): LintSettings {
    const section = this.section;
    const enabledKinds: Partial<Record<FileKind, boolean>> = {};
    for (const [kind, key] of Object.entries(KIND_SETTING) as Array<[FileKind, string]>) {
      enabledKinds[kind] = from.boolean(section.get(key), true);
    }
    return {
      enabledKinds,
      rules: from.ruleLevels(section.get('lint.rules')),
      allowedRegistries: from.stringArray(section.get('lint.allowedRegistries')),
    };
  }

  /** Turns one rule off in the workspace settings (used where the file format has no comments). */
  async disableRule(code: string): Promise<void> {
    const current = from.ruleLevels(this.section.get('lint.rules'));
    await this.section.update('lint.rules', { ...current, [code]: 'off' }, vscode.ConfigurationTarget.Workspace);
  }

  static affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(`${SECTION}.lint`);
  }
}
