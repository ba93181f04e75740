/**
 * What the Azure account commands do; their ids and error handling are those of every
 * command (commandIds.ts, commands.ts). Bundled in dist/azure.js with the account.
 */
import * as vscode from 'vscode';
import type { AzureAccount } from './azureAccount';

export interface AzureCommands {
  /** Resolves true once signed in. */
  signIn(): Promise<boolean>;
  signOut(): Promise<void>;
  selectTenant(): Promise<string | undefined>;
  selectSubscriptions(): Promise<string[] | undefined>;
}

export function azureCommands(account: AzureAccount): AzureCommands {
  return {
    async signIn() {
      // Already signed in: offer to switch account instead of doing nothing.
      const switchAccount = (await account.isSignedIn()) && (await vscode.window.showInformationMessage(vscode.l10n.t('You are already signed in to Azure. Sign in with another account?'), vscode.l10n.t('Switch account'))) !== undefined;
      const session = await account.signIn(switchAccount);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Azure ({0}) as {1}.', account.cloud.name, session.account.label));
      return true;
    },
    signOut: () => account.signOut(),
    selectTenant: () => account.selectTenant(),
    selectSubscriptions: () => account.selectSubscriptions(),
  };
}
