/**
 * ACR Tasks commands (FAQ F35): "Cancel All Running Runs…" on a registry's Tasks node or an Azure
 * registry, and "Cancel Run…" on a queued or running run. What to cancel, the confirmation's words and
 * the cancelling are core/explorer/cancelRuns.ts; this asks, shows progress and reports.
 */
import * as vscode from 'vscode';
import { cancelRuns, childId, describeCancel, describeOutcome, isActiveRun, planCancelRuns, type CancelPlan, type ExplorerNode } from '../../core/explorer/index';
import { AcrDoctorError } from '../../core/errors';
import { cancellable, needNode, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS } from './explorerCommandIds';

export function taskCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const { azureBrowser, refreshNode } = ctx;

  const azureRefOf = (node: ExplorerNode) => {
    const ref = node.registry?.azure;
    if (!ref) throw new AcrDoctorError('EXPLORER_NOT_AZURE', `${node.label} is not an Azure registry from your subscriptions, so its task runs cannot be listed.`, { hint: 'Sign in to Azure and pick the registry under Azure in the ACR Doctor view.' });
    return ref;
  };

  /** The registry's Tasks node: what is refreshed after cancelling (only it). */
  const tasksNodeIdOf = (node: ExplorerNode): string | undefined => {
    if (node.type === 'tasks') return node.id;
    const registryId = ctx.registryNodeId(node);
    return registryId ? childId(registryId, 'tasks') : undefined;
  };

  /** Confirms (modal, listing each run), cancels with progress, reports, refreshes the Tasks node. */
  const confirmAndCancel = async (node: ExplorerNode, plan: CancelPlan): Promise<void> => {
    const ref = azureRefOf(node);
    if (plan.runs.length === 0) {
      void vscode.window.showInformationMessage(plan.message);
      return;
    }
    const answer = await vscode.window.showWarningMessage(plan.message, { modal: true, detail: plan.detail }, plan.confirm);
    if (answer !== plan.confirm) return;
    const browser = azureBrowser();
    const outcome = await cancellable(`Cancelling task runs in ${ref.name}`, (signal, progress) =>
      cancelRuns(browser, ref, plan.runs, { signal, onProgress: (done, total) => progress.report({ message: `${done}/${total}`, increment: 100 / total }) }),
    );
    // Only the Tasks node, and only if it was shown (else nothing of it is loaded to redraw).
    const tasksId = tasksNodeIdOf(node);
    if (tasksId && ctx.data.node(tasksId)) refreshNode(tasksId);
    const said = describeOutcome(ref.name, outcome);
    if (said.severity === 'warning') {
      const picked = await vscode.window.showWarningMessage(said.message, 'Show log');
      if (picked) ctx.showLog();
    } else void vscode.window.showInformationMessage(said.message);
  };

  return {
    [IDS.cancelAllRuns]: async (arg) => {
      const node = needNode(arg, ['tasks', 'registry'], "an Azure registry or its Tasks");
      const ref = azureRefOf(node);
      if (ref.sku.toLowerCase() === 'classic') {
        void vscode.window.showInformationMessage(`${ref.name} is a Classic registry: it has no ACR Tasks, so no runs to cancel.`);
        return;
      }
      const browser = azureBrowser();
      const plan = await cancellable(`Listing the queued and running task runs of ${ref.name}…`, (signal) => planCancelRuns(browser, ref, { signal }));
      await confirmAndCancel(node, plan);
    },
    [IDS.cancelRun]: async (arg) => {
      const node = needNode(arg, ['run'], 'a queued or running task run');
      const ref = azureRefOf(node);
      if (!node.run) throw new AcrDoctorError('EXPLORER_NO_SELECTION', 'This item is not a task run.', { hint: 'Right-click a queued or running run under Tasks.' });
      if (!isActiveRun(node.run.status)) {
        void vscode.window.showInformationMessage(`Run ${node.label} has already ended (${node.run.status ?? 'status unknown'}): there is nothing to cancel.`);
        return;
      }
      await confirmAndCancel(node, describeCancel(ref.name, [node.run], new Date()));
    },
  };
}
