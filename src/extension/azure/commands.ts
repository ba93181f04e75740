/**
 * Handlers for the Azure account commands; extension.ts registers them.
 * Errors become one message (what, why, next step); cancellations are silent.
 */
import * as vscode from 'vscode';
import { isAbortError, isAcrDoctorError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { AzureAccount } from './azureAccount';

export const AZURE_COMMAND_IDS = {
  signIn: 'acrDoctor.azure.signIn',
  signOut: 'acrDoctor.azure.signOut',
  selectTenant: 'acrDoctor.azure.selectTenant',
  selectSubscriptions: 'acrDoctor.azure.selectSubscriptions',
} as const;

function guarded(log: Logger, name: string, action: () => Promise<unknown>): () => Promise<unknown> {
  return async () => {
    try {
      return await action();
    } catch (error) {
      if (isAbortError(error)) return undefined;
      const message = isAcrDoctorError(error) ? error.toUserMessage() : error instanceof Error ? error.message : String(error);
      log.error(`${name}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}

export function azureCommandHandlers(account: AzureAccount, log: Logger): Record<string, (...args: unknown[]) => unknown> {
  return {
    [AZURE_COMMAND_IDS.signIn]: guarded(log, AZURE_COMMAND_IDS.signIn, async () => {
      // Already signed in: offer to switch account instead of doing nothing.
      const switchAccount = (await account.isSignedIn()) && (await vscode.window.showInformationMessage(vscode.l10n.t('You are already signed in to Azure. Sign in with another account?'), vscode.l10n.t('Switch account'))) !== undefined;
      const session = await account.signIn(switchAccount);
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Azure ({0}) as {1}.', account.cloud.name, session.account.label));
      return true;
    }),
    [AZURE_COMMAND_IDS.signOut]: guarded(log, AZURE_COMMAND_IDS.signOut, () => account.signOut()),
    [AZURE_COMMAND_IDS.selectTenant]: guarded(log, AZURE_COMMAND_IDS.selectTenant, () => account.selectTenant()),
    [AZURE_COMMAND_IDS.selectSubscriptions]: guarded(log, AZURE_COMMAND_IDS.selectSubscriptions, () => account.selectSubscriptions()),
  };
}
