import * as vscode from 'vscode';
import type { SettingsSource, SettingsTarget } from './config';

const TARGET: Record<SettingsTarget, vscode.ConfigurationTarget> = {
  workspace: vscode.ConfigurationTarget.Workspace,
  user: vscode.ConfigurationTarget.Global,
};

/** VS Code's configuration as the small interface Config reads through. */
export function vscodeSettings(): SettingsSource {
  return {
    get: (key) => vscode.workspace.getConfiguration().get(key),
    update: (key, value, target) => vscode.workspace.getConfiguration().update(key, value, TARGET[target]),
    hasWorkspace: () => (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    onDidChange: (listener) => vscode.workspace.onDidChangeConfiguration((event) => listener((section) => event.affectsConfiguration(section))),
  };
}
