/** Commands on the tree itself: refresh one node, load more, a node's own next step, the repository filter. */
import * as vscode from 'vscode';
import type { ActionKind, ExplorerNode } from '../../core/explorer/index';
import { needNode, nodeArg, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS, RUN_DIAGNOSTICS_COMMAND } from './explorerCommandIds';

export function treeCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const { data, fire, refreshNode, askCredentials, registryNodeId } = ctx;
  const runAction = async (node: ExplorerNode, kind: ActionKind): Promise<void> => {
    switch (kind) {
      case 'loadMore':
      case 'retry': {
        const containerId = node.parentId ?? 'acrDoctor';
        if (kind === 'retry' && node.type === 'error' && !data.node(containerId)) return refreshNode(undefined);
        const container = await data.loadMore(containerId);
        fire(container);
        return;
      }
      case 'clearFilter':
        if (node.parentId) {
          data.setFilter(node.parentId, '');
          fire(data.node(node.parentId));
        }
        return;
      case 'signIn':
        await vscode.commands.executeCommand('acrDoctor.azure.signIn');
        return;
      case 'enterCredentials':
        if (node.registry && (await askCredentials(node.registry.host))) refreshNode(registryNodeId(node));
        return;
      case 'showLog':
        ctx.showLog();
        return;
      case 'addRegistry':
        await vscode.commands.executeCommand(IDS.addRegistry);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'acrDoctor.registries');
        return;
      case 'addFirewallRule':
        await vscode.commands.executeCommand(IDS.addFirewallRule, node, node.actions?.find((a) => a.kind === 'addFirewallRule')?.clientIp);
        return;
      case 'runDiagnostics': {
        const commands = await vscode.commands.getCommands(true);
        if (commands.includes(RUN_DIAGNOSTICS_COMMAND)) await vscode.commands.executeCommand(RUN_DIAGNOSTICS_COMMAND, node.registry?.host);
        else void vscode.window.showInformationMessage(`Diagnostics are not available in this version of ACR Doctor. From a terminal: acr-doctor check-health ${node.registry?.host ?? ''} (or az acr check-health -n NAME for an ACR).`);
        return;
      }
    }
  };
  return {
    [IDS.refresh]: (arg) => refreshNode(nodeArg(arg)?.id),
    [IDS.loadMore]: (arg) => {
      const node = nodeArg(arg);
      if (node) return runAction(node, 'loadMore');
    },
    [IDS.runAction]: (arg, kind) => {
      const node = nodeArg(arg);
      if (node && typeof kind === 'string') return runAction(node, kind as ActionKind);
    },
    [IDS.filterRepositories]: async (arg) => {
      const node = needNode(arg, ['repositories'], 'a Repositories item');
      const prefix = await vscode.window.showInputBox({ title: `Filter repositories of ${node.registry?.host ?? ''}`, prompt: 'Show names starting with (uses the registry\'s own paging; empty clears the filter)', value: data.filterOf(node.id) ?? '' });
      if (prefix === undefined) return;
      data.setFilter(node.id, prefix);
      fire(data.node(node.id) ?? node);
    },
    [IDS.clearFilter]: (arg) => {
      const node = needNode(arg, ['repositories'], 'a Repositories item');
      data.setFilter(node.id, '');
      fire(data.node(node.id) ?? node);
    },
  };
}
