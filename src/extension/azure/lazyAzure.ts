import type * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { Config } from '../config';
import type * as AzureModule from './azureEntry';

/**
 * Owns the AzureAccount, created on first use from the separately bundled dist/azure.js.
 * Registered commands call through it, so only using Azure loads the Azure SDKs.
 */
export class LazyAzure implements vscode.Disposable {
  private loaded?: { account: AzureModule.AzureAccount; commands: AzureModule.AzureCommands; browser: AzureModule.ExtensionAzureBrowser };

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  private load(): NonNullable<LazyAzure['loaded']> {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const azure = require('./azure.js') as typeof AzureModule;
      const account = new azure.AzureAccount(this.globalState, this.config, this.log);
      this.loaded = { account, commands: azure.azureCommands(account), browser: azure.createAzureBrowser(account, this.log) };
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

  /** The Azure commands' actions (loading the Azure bundle when first used). */
  commands(): AzureModule.AzureCommands {
    return this.load().commands;
  }

  dispose(): void {
    this.loaded?.account.dispose();
    this.loaded = undefined;
  }
}
