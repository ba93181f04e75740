/**
 * The diagnostics panel in VS Code (thin): a webview per registry (and one for "Check all
 * registries") whose page is media/diagnostics.js, the engine's events passed through
 * DiagnosticsSession, and the editor actions fixes need. Loaded from dist/checks.js on first use.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { allChecks } from '../../core/checks/catalogue';
import { runChecks, selectChecks } from '../../core/checks/engine';
import type { ChecksAzure } from '../../core/checks/facts';
import { runFleet } from '../../core/checks/fleet';
import { createNodeSystem } from '../../core/checks/nodeSystem';
import type { Logger } from '../../core/log';
import { isAcrHost } from '../../core/reference/imageReference';
import { findDockerCredentials, type RegistryCredential } from '../../core/registry/index';
import type { AzureClient } from '../../core/azure/index';
import { decidingChecks, type Recognition } from '../../core/explain/index';
import type { Config } from '../config';
import { DiagnosticsSession, FleetSession, type PanelActions, type Post } from './diagnosticsSession';
import { diagnosticsHtml } from './html';

export const PANEL_VIEW_TYPE = 'acrDoctor.diagnostics';

/** What the panel needs of the signed-in Azure account (AzureAccount, from the Azure bundle). */
export interface PanelAzure {
  checksAzure(signal?: AbortSignal): Promise<(ChecksAzure & { client: AzureClient }) | undefined>;
  registryCredential(): Promise<RegistryCredential | undefined>;
}

export type { DiagnosticsRequest } from './requests';
import type { DiagnosticsRequest } from './requests';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  config: Config;
  logger: Logger;
  azure: () => PanelAzure;
}

/** The panels: one per registry (opening it again reveals it), one for the fleet. */
export class DiagnosticsPanels implements vscode.Disposable {
  private readonly registryPanels = new Map<string, { panel: vscode.WebviewPanel; session: DiagnosticsSession }>();
  private fleetPanel?: vscode.WebviewPanel;
  /** The last opened, for tests and the status bar (the session of the visible one). */
  lastSession?: DiagnosticsSession | FleetSession;

  constructor(private readonly deps: PanelDeps) {}

  private media(...path: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...path);
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [this.media()],
    });
    panel.iconPath = this.media('icons', 'activitybar.svg');
    const webview = panel.webview;
    webview.html = diagnosticsHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(this.media('diagnostics.js')).toString(),
      styleUri: webview.asWebviewUri(this.media('diagnostics.css')).toString(),
      codiconUri: webview.asWebviewUri(this.media('codicon.css')).toString(),
      title,
    });
    return panel;
  }

  private wire(panel: vscode.WebviewPanel, session: DiagnosticsSession | FleetSession, onDispose: () => void): void {
    this.lastSession = session;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        session.handle(raw).catch((error: unknown) => {
          this.deps.logger.error(`diagnostics panel: ${error instanceof Error ? error.message : String(error)}`);
          void panel.webview.postMessage({ type: 'notice', level: 'error', text: error instanceof Error ? error.message : String(error) });
        });
      }),
      panel.onDidChangeViewState(() => {
        if (panel.active) this.lastSession = session;
      }),
    ];
    panel.onDidDispose(() => {
      session.dispose();
      for (const s of subscriptions) s.dispose();
      onDispose();
    });
  }

  /** Opens (or reveals) the panel for a registry and runs every check. */
  async openRegistry(request: DiagnosticsRequest): Promise<DiagnosticsSession> {
    const key = JSON.stringify([request.registry.toLowerCase(), request.repository, request.reference, request.only, request.skip]);
    const existing = this.registryPanels.get(key);
    if (existing) {
      if (request.explanation) existing.session.explanation = request.explanation;
      existing.panel.reveal();
      await existing.session.runAll();
      return existing.session;
    }
    const { credential, azure, azureReason } = await this.access(request.registry);
    const panel = this.createPanel(`Diagnostics: ${request.registry}`);
    const post: Post = (message) => void panel.webview.postMessage(message);
    const system = createNodeSystem();
    const catalogue = allChecks();
    const target = { registry: request.registry, repository: request.repository, reference: request.reference, insecureHttp: request.insecureHttp };
    const session = new DiagnosticsSession({ registry: request.registry, repository: request.repository, reference: request.reference }, post, this.actions(), ({ rerun, signal, onEvent }) => ({
      run: runChecks({ target, only: request.only, skip: request.skip, system, credential, azure, azureUnavailableReason: azureReason, signal, onEvent, rerun, logger: this.deps.logger }),
      checks: selectChecks(catalogue, request.only, request.skip),
    }));
    if (request.explanation) session.explanation = request.explanation;
    this.registryPanels.set(key, { panel, session });
    this.wire(panel, session, () => this.registryPanels.delete(key));
    return session;
  }

  /**
   * A panel for an explained error: the deciding checks run against the registry the message names;
   * a message that names none (or Docker Hub) is explained without a run, and the panel says why.
   */
  async openExplanation(recognition: Recognition): Promise<DiagnosticsSession> {
    const { loginServer, repository, reference } = recognition.facts;
    const only = decidingChecks(recognition);
    if (loginServer && loginServer !== 'docker.io' && only.length > 0) {
      return this.openRegistry({ registry: loginServer, repository, reference, only, explanation: { recognition } });
    }
    const notChecked = !loginServer
      ? vscode.l10n.t('the message names no registry. Run "ACR Doctor: Run Diagnostics" for the registry it came from')
      : loginServer === 'docker.io'
        ? vscode.l10n.t('the message is about Docker Hub (docker.io), not a registry of yours')
        : vscode.l10n.t('no check decides between these causes');
    const panel = this.createPanel(vscode.l10n.t('Explained error'));
    const session = new DiagnosticsSession({ registry: loginServer ?? '' }, (message) => void panel.webview.postMessage(message), this.actions());
    session.explanation = { recognition, notChecked };
    this.wire(panel, session, () => undefined);
    return session;
  }

  /** "Check all registries": the fleet table; each row opens that registry's full report. */
  async openFleet(subscriptionIds?: string[]): Promise<FleetSession | undefined> {
    const azure = await this.deps.azure().checksAzure();
    if (!azure) {
      const signIn = vscode.l10n.t('Sign in to Azure');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Checking all registries needs an Azure sign-in: the registries are listed from your subscriptions.'), signIn);
      if (answer === signIn) await vscode.commands.executeCommand('acrDoctor.azure.signIn');
      return undefined;
    }
    this.fleetPanel?.dispose();
    const panel = this.createPanel(vscode.l10n.t('Check all registries'));
    const post: Post = (message) => void panel.webview.postMessage(message);
    const ids = subscriptionIds ?? azure.subscriptionIds;
    const session = new FleetSession(post, this.actions(), ({ signal, onEvent }) =>
      runFleet({ client: azure.client, getToken: azure.getToken, subscriptions: ids?.map((id) => ({ id })), system: createNodeSystem(), signal, onEvent, logger: this.deps.logger }),
    );
    this.fleetPanel = panel;
    this.wire(panel, session, () => {
      if (this.fleetPanel === panel) this.fleetPanel = undefined;
    });
    return session;
  }

  /** The data-plane credential (Docker's config, else the Azure sign-in for an ACR) and Azure access. */
  private async access(registry: string): Promise<{ credential: RegistryCredential; azure?: ChecksAzure; azureReason: string }> {
    let credential: RegistryCredential = { kind: 'anonymous' };
    try {
      const lookup = await findDockerCredentials(registry, { env: process.env, homeDir: homedir() });
      if (lookup.credential) credential = lookup.credential;
    } catch (error) {
      this.deps.logger.warn(`diagnostics: Docker credentials for ${registry} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const host = registry.replace(/:\d+$/, '').toLowerCase();
    if (!isAcrHost(host)) return { credential, azureReason: vscode.l10n.t('not an Azure Container Registry host') };
    let azure: ChecksAzure | undefined;
    try {
      azure = await this.deps.azure().checksAzure();
      if (azure && credential.kind === 'anonymous') credential = (await this.deps.azure().registryCredential()) ?? credential;
    } catch (error) {
      this.deps.logger.warn(`diagnostics: Azure is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { credential, azure, azureReason: azure ? '' : vscode.l10n.t('not signed in to Azure in ACR Doctor; run "ACR Doctor: Sign in to Azure"') };
  }

  private actions(): PanelActions {
    return {
      runInTerminal: async (command, title) => {
        const run = vscode.l10n.t('Run in terminal');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Run this command in a new terminal?'), { modal: true, detail: `${title}\n\n${command}` }, run);
        if (answer !== run) return;
        const terminal = vscode.window.createTerminal({ name: 'ACR Doctor' });
        terminal.show();
        terminal.sendText(command, true);
      },
      copy: async (text, what) => {
        await vscode.env.clipboard.writeText(text);
        this.deps.logger.info(`diagnostics: copied ${what}.`);
      },
      openFile: async (file, line, ruleCode) => {
        const path = file.startsWith('~/') ? `${homedir()}${file.slice(1)}` : file;
        const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
        const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
        await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
        // The lint rule's quick fix is offered where the finding is.
        if (ruleCode) await vscode.commands.executeCommand('editor.action.quickFix');
      },
      changeSetting: async (setting, value, title) => {
        const change = vscode.l10n.t('Change setting');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Set {0} to {1}?', setting, JSON.stringify(value)), { modal: true, detail: title }, change);
        if (answer !== change) return;
        await this.deps.config.updateSetting(setting, value);
      },
      openLink: async (url) => {
        const uri = vscode.Uri.parse(url);
        if (uri.scheme !== 'https') return;
        await vscode.env.openExternal(uri);
      },
      openRegistry: async (loginServer) => {
        await this.openRegistry({ registry: loginServer });
      },
    };
  }

  dispose(): void {
    for (const { panel } of this.registryPanels.values()) panel.dispose();
    this.fleetPanel?.dispose();
  }
}
