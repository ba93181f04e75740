import type * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type * as AzureModule from './azureEntry';
import { AZURE_COMMAND_IDS } from './commands';

/**
 * Owns the AzureAccount, created on first use from the separately bundled dist/azure.js.
 * Registered commands call through it, so only using Azure loads the Azure SDKs.
 */
export class LazyAzure implements vscode.Disposable {
  private loaded?: { account: AzureModule.AzureAccount; handlers: Record<string, (...args: unknown[]) => unknown>; browser: AzureModule.ExtensionAzureBrowser };

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly log: Logger,
  ) {}

  private load(): NonNullable<LazyAzure['loaded']> {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const azure = require('./azure.js') as typeof AzureModule;
      const account = new azure.AzureAccount(this.globalState, this.log);
      this.loaded = { account, handlers: azure.azureCommandHandlers(account, this.log), browser: azure.createAzureBrowser(account, this.log) };
    }
    return this.loaded;
  }

  /** The signed-in account, for features (tree, checks) that need Azure. */
  account(): AzureModule.AzureAccount {
    return this.load().account;
  }

  /** The registry explorer's Azure part (tenants, subscriptions, registries, registry credentials). */
  browser(): AzureModule.ExtensionAzureBrowser {
    return this.load().browser;
  }

  /** Command handlers by id, each loading the Azure bundle when first run. */
  commandHandlers(): Record<string, (...args: unknown[]) => unknown> {
    return Object.fromEntries(Object.values(AZURE_COMMAND_IDS).map((id) => [id, (...args: unknown[]) => this.load().handlers[id]?.(...args)]));
  }

  dispose(): void {
    this.loaded?.account.dispose();
    this.loaded = undefined;
  }
}
