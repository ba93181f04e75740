import * as vscode from 'vscode';
import type { FileKind, LintSettings } from '../core/lint/types';
import { from } from './settingsFrom';

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

  /**
   * Turns one rule off (used where the file format has no comments): in the workspace's
   * settings, or the user's when no folder is open (an untitled file).
   */
  async disableRule(code: string): Promise<void> {
    const current = from.ruleLevels(this.section.get('lint.rules'));
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await this.section.update('lint.rules', { ...current, [code]: 'off' }, target);
  }

  static affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(`${SECTION}.lint`);
  }
}
