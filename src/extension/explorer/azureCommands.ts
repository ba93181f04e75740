/** Commands on Azure registries (management plane through ARM). */
import * as vscode from 'vscode';
import { AcrDoctorError } from '../../core/errors';
import { needNode, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS } from './explorerCommandIds';

export function azureCommands(_ctx: ExplorerCommandContext): CommandHandlers {
  return {
    [IDS.openInPortal]: async (arg) => {
      const node = needNode(arg, ['registry'], 'an Azure registry');
      const azureRef = node.registry?.azure;
      if (!azureRef) throw new AcrDoctorError('EXPLORER_NOT_AZURE', `${node.label} is not an Azure registry from your subscriptions.`);
      await vscode.env.openExternal(vscode.Uri.parse(`https://portal.azure.com/#resource${azureRef.id}`));
    },
  };
}
