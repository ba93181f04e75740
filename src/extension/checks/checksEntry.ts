/**
 * The diagnostics side of the extension (engine, 51 checks, fleet mode, explain), bundled on its own
 * as dist/checks.js and loaded the first time a diagnostics command runs, so activation stays cheap.
 * What the three commands do; their ids and error handling are those of every command
 * (commandIds.ts, commands.ts).
 */
import * as vscode from 'vscode';
import { explainText } from '../../core/explain/index';
import { DiagnosticsSession } from './diagnosticsSession';
import { DiagnosticsPanels, type DiagnosticsRequest, type PanelDeps } from './panel';
import { diagnosticsRequestFrom, fleetRequestFrom } from './requests';

export { DiagnosticsPanels } from './panel';

export interface ChecksFeature extends vscode.Disposable {
  runDiagnostics(arg?: unknown): Promise<unknown>;
  checkAllRegistries(arg?: unknown): Promise<unknown>;
  explainError(arg?: unknown): Promise<unknown>;
  /** For tests: the Markdown report of the last panel shown. */
  lastReport(): string | undefined;
}

interface RegistryPick extends vscode.QuickPickItem {
  request: DiagnosticsRequest;
}

/** Configured and Azure registries, plus whatever the person types (a login server). */
async function pickRegistry(deps: PanelDeps): Promise<DiagnosticsRequest | undefined> {
  const pick = vscode.window.createQuickPick<RegistryPick>();
  pick.title = vscode.l10n.t('Run diagnostics for a registry');
  pick.placeholder = vscode.l10n.t('Pick a registry or type its login server (e.g. myregistry.azurecr.io, localhost:5000)');
  // Opened from a walkthrough or welcome button, the click's own focus change would close it at once.
  pick.ignoreFocusOut = true;
  const known: RegistryPick[] = deps.config.knownRegistries().map((r) => ({ label: r.host, description: vscode.l10n.t('from acrDoctor.registries'), request: { registry: r.host, insecureHttp: r.insecureHttp } }));
  pick.items = known;
  pick.busy = true;
  const typed = (value: string): RegistryPick[] => {
    const host = value.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
    return host && !pick.items.some((i) => i.label === host) ? [{ label: host, description: vscode.l10n.t('Check this login server'), alwaysShow: true, request: { registry: host } }] : [];
  };
  let listed: RegistryPick[] = [];
  pick.onDidChangeValue((value) => (pick.items = [...typed(value), ...known, ...listed]));
  void (async () => {
    try {
      const azure = await deps.azure().checksAzure();
      if (!azure) return;
      const subscriptions = azure.subscriptionIds ?? [];
      if (subscriptions.length === 0) for await (const s of azure.client.listSubscriptions()) if (!s.state || s.state === 'Enabled') subscriptions.push(s.id);
      for (const id of subscriptions) {
        for await (const r of azure.client.listRegistries(id)) listed.push({ label: r.loginServer, description: `${r.name} · ${r.sku} · ${r.location}`, request: { registry: r.loginServer } });
      }
      listed = listed.filter((l) => !known.some((k) => k.label === l.label));
      pick.items = [...typed(pick.value), ...known, ...listed];
    } catch (error) {
      deps.logger.warn(`diagnostics: listing Azure registries failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      pick.busy = false;
    }
  })();
  const chosen = await new Promise<DiagnosticsRequest | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? typed(pick.value)[0];
      resolve(item?.request);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

export function createChecksFeature(deps: PanelDeps): ChecksFeature {
  const panels = new DiagnosticsPanels(deps);
  return {
    async runDiagnostics(arg) {
      const request = diagnosticsRequestFrom(arg) ?? (await pickRegistry(deps));
      if (!request) return undefined;
      await panels.openRegistry(request);
      return true;
    },
    async checkAllRegistries(arg) {
      return (await panels.openFleet(fleetRequestFrom(arg))) !== undefined;
    },
    async explainError(arg) {
      const editor = vscode.window.activeTextEditor;
      const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
      const text =
        (typeof arg === 'string' && arg.trim() ? arg : undefined) ??
        selection ??
        (await vscode.window.showInputBox({ title: vscode.l10n.t('Explain an error'), prompt: vscode.l10n.t('Paste the message docker, az, kubectl or your pipeline printed'), ignoreFocusOut: true }));
      if (!text) return undefined;
      const recognitions = explainText(text);
      if (recognitions.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('ACR Doctor does not know this message. Paste the whole error (or the CI log), or run diagnostics for the registry.'));
        return [];
      }
      // The first message naming a registry of yours (its checks can run), else the first one.
      const first = recognitions.find((r) => r.facts.loginServer && r.facts.loginServer !== 'docker.io') ?? recognitions[0]!;
      await panels.openExplanation(first);
      return recognitions.map((r) => r.family.id);
    },
    lastReport() {
      const session = panels.lastSession;
      return session instanceof DiagnosticsSession ? session.report() : session?.markdown();
    },
    dispose: () => panels.dispose(),
  };
}
