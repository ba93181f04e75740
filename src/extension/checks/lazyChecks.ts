import * as vscode from 'vscode';
import type { LazyAzure } from '../azure/lazyAzure';
import { COMMAND_IDS } from '../commandIds';
import type { Ctx } from '../ctx';
import type * as ChecksModule from './checksEntry';

/** How long the "Run diagnostics" status-bar item stays after a registry error. */
const STATUS_ITEM_MS = 5 * 60_000;

/**
 * Owns the diagnostics feature, created on first use from the separately bundled dist/checks.js
 * (engine, checks, panel), and the small status-bar item offered after a registry error.
 */
export class LazyChecks implements vscode.Disposable {
  private loaded?: ChecksModule.ChecksFeature;
  private readonly statusItem: vscode.StatusBarItem;
  private statusTimer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: Ctx,
    private readonly azure: LazyAzure,
  ) {
    this.statusItem = vscode.window.createStatusBarItem('acrDoctor.diagnostics', vscode.StatusBarAlignment.Left, 10);
    this.statusItem.name = vscode.l10n.t('ACR Doctor: Run diagnostics');
  }

  feature(): ChecksModule.ChecksFeature {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const checks = require('./checks.js') as typeof ChecksModule;
      this.loaded = checks.createChecksFeature({ extensionUri: this.ctx.extension.extensionUri, config: this.ctx.config, logger: this.ctx.logger, azure: () => this.azure.account() });
    }
    return this.loaded;
  }

  /** After a registry error: a status-bar item that opens diagnostics for it (for five minutes, or until used). */
  offerDiagnostics(registry: string | undefined, message: string): { run(): void } {
    const args = registry ? [{ registry }] : [];
    this.statusItem.text = `$(pulse) ${vscode.l10n.t('Run diagnostics')}`;
    this.statusItem.tooltip = vscode.l10n.t('A registry request failed: {0} Click to run ACR Doctor diagnostics{1}.', message, registry ? ` ${vscode.l10n.t('for {0}', registry)}` : '');
    this.statusItem.command = { title: vscode.l10n.t('Run diagnostics'), command: COMMAND_IDS.runDiagnostics, arguments: args };
    this.statusItem.show();
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => this.statusItem.hide(), STATUS_ITEM_MS);
    return { run: () => void vscode.commands.executeCommand(COMMAND_IDS.runDiagnostics, ...args) };
  }

  /** The diagnostics command ran: the offer is taken. */
  hideOffer(): void {
    clearTimeout(this.statusTimer);
    this.statusItem.hide();
  }

  dispose(): void {
    clearTimeout(this.statusTimer);
    this.statusItem.dispose();
    this.loaded?.dispose();
    this.loaded = undefined;
  }
}
