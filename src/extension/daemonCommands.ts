import * as vscode from 'vscode';
import type { TextEdit } from '../core/lint/types';
import { toWorkspaceEdit } from './lint/convert';
import { lintEngine } from './lint/loadLintEngine';

/** Where dockerd reads daemon.json, for the message when no daemon.json is open. */
const DAEMON_JSON_LOCATIONS = 'Linux: /etc/docker/daemon.json (rootless: ~/.config/docker/daemon.json); Windows: %programdata%\\docker\\config\\daemon.json; Docker Desktop: Settings → Docker Engine';

function activeDaemonJson(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  return lintEngine().detectFileKindForEditor(doc.fileName, doc.languageId, doc.getText()) === 'daemon-json' ? editor : undefined;
}

async function applyToActiveDaemonJson(build: (text: string) => TextEdit[], unchanged: string): Promise<boolean> {
  const editor = activeDaemonJson();
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open the Docker daemon.json first ({0}), then run this command again.', DAEMON_JSON_LOCATIONS));
    return false;
  }
  const edits = build(editor.document.getText());
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(unchanged);
    return false;
  }
  await vscode.workspace.applyEdit(toWorkspaceEdit(editor.document.uri, edits));
  return true;
}

/** FAQ F26: turn on dockerd's debug logging in the open daemon.json and say how to collect the logs. */
export async function enableDaemonDebug(): Promise<void> {
  const changed = await applyToActiveDaemonJson(
    (text) => lintEngine().enableDebugEdits(text),
    vscode.l10n.t('Nothing to change: debug logging is already on, or daemon.json is not a valid JSON object (fix the errors shown first).'),
  );
  if (changed) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Added "debug": true. Save the file and restart the Docker daemon (Linux: sudo systemctl restart docker; Docker Desktop: restart it). Logs: journalctl -u docker on Linux, the Docker Desktop troubleshoot page elsewhere.'),
    );
  }
}

const REGISTRY_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** FAQ F19: let Docker < 28 push Windows (foreign) layers to a registry. */
export async function addNondistributableRegistry(registry?: unknown): Promise<void> {
  const host =
    typeof registry === 'string'
      ? registry
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Allow non-distributable (foreign) layers for a registry'),
          prompt: vscode.l10n.t('The registry login server, all lowercase. Only Docker before 28.0 reads this setting; newer Docker pushes these layers already.'),
          placeHolder: 'myregistry.azurecr.io',
          validateInput: (value) => (REGISTRY_HOST.test(value.trim()) ? undefined : vscode.l10n.t('Enter a lowercase host name such as myregistry.azurecr.io (a port is allowed).')),
        });
  if (!host) return;
  const changed = await applyToActiveDaemonJson(
    (text) => lintEngine().addNondistributableRegistryEdits(text, host.trim()),
    vscode.l10n.t('Nothing to change: {0} is already listed, or daemon.json is not a valid JSON object (fix the errors shown first).', host),
  );
  if (changed) void vscode.window.showInformationMessage(vscode.l10n.t('Added {0}. Save the file and restart the Docker daemon for it to take effect.', host.trim()));
}
