/**
 * Lock… and Unlock… on ACR tags, manifests (untagged and platform) and repositories (FAQ F32). The
 * current attributes are read first, the modal lists every item before → after (core locks.ts), each
 * item is one PATCH, and only the parent container is refreshed so its lock icon and description update.
 */
import * as vscode from 'vscode';
import { acrNameOf, LOCK_CHOICES, lockItemName, lockOutcome, lockTargetOf, planLockChange, unlockChoices, type ExplorerNode, type LockChoice, type LockResult } from '../../core/explorer/index';
import { CancelledError } from '../../core/errors';
import type { ChangeableAttributes, LockTarget } from '../../core/registry/index';
import { cancellable, needNode, selection, type CommandHandlers, type ExplorerCommandContext } from './commandContext';
import { EXPLORER_COMMAND_IDS as IDS } from './explorerCommandIds';

interface LockItem {
  node: ExplorerNode;
  target: LockTarget;
}

export function lockCommands(ctx: ExplorerCommandContext): CommandHandlers {
  const { clientOf, data, fire, refreshNode } = ctx;

  const lockable = (arg: unknown, selected: unknown): LockItem[] => {
    const items = selection(arg, selected).flatMap((node) => {
      const target = lockTargetOf(node);
      return target ? [{ node, target }] : [];
    });
    if (items.length === 0) needNode(undefined, ['tag', 'manifest', 'platform', 'repository'], 'a tag, manifest or repository of an Azure container registry');
    return items;
  };

  const readCurrent = (items: LockItem[]): Thenable<ChangeableAttributes[]> =>
    cancellable(`Reading the current lock${items.length === 1 ? '' : 's'}…`, async (signal, progress) => {
      const current: ChangeableAttributes[] = [];
      for (const item of items) {
        current.push(await clientOf(item.node).changeableAttributes(item.target, { signal }));
        progress.report({ message: `${current.length}/${items.length}`, increment: 100 / items.length });
      }
      return current;
    });

  const confirmAndApply = async (items: LockItem[], current: ChangeableAttributes[], choice: LockChoice): Promise<void> => {
    const registryName = items.length === 1 ? acrNameOf(items[0]?.node.registry) : undefined;
    const plan = planLockChange(choice, items.map((item, index) => ({ target: item.target, current: current[index] ?? {} })), registryName);
    if (!plan.confirm) {
      void vscode.window.showInformationMessage(plan.message);
      return;
    }
    const answer = await vscode.window.showWarningMessage(plan.message, { modal: true, detail: plan.detail }, plan.confirm);
    if (answer !== plan.confirm) return;
    const sending = items.filter((_, index) => plan.items[index]?.changes);
    const results = await cancellable(`${choice.label}: ${sending.length === 1 && sending[0] ? lockItemName(sending[0].target, { shortDigests: true }) : `${sending.length} items`}`, async (signal, progress) => {
      const out: LockResult[] = [];
      // One at a time: each PATCH is a change the user confirmed, and the outcome names every one.
      for (const item of sending) {
        if (signal.aborted) {
          out.push({ target: item.target, error: new CancelledError('Not sent: cancelled.') });
          continue;
        }
        try {
          out.push({ target: item.target, reported: await clientOf(item.node).updateChangeableAttributes(item.target, choice.attributes, { signal }) });
        } catch (error) {
          out.push({ target: item.target, error });
        }
        progress.report({ message: `${out.length}/${sending.length}`, increment: 100 / sending.length });
      }
      return out;
    });
    const parents = new Set<string>();
    sending.forEach((item, index) => {
      const reported = results[index]?.reported;
      // A repository shows its own lock (read on expand or hover): updated in place. Tags and manifests show
      // theirs from their container's listing: that container is reloaded.
      if (item.node.type === 'repository') {
        const changed = reported ? data.noteRepositoryLock(item.node.id, reported) : undefined;
        if (changed) fire(changed);
      } else if (item.node.parentId) parents.add(item.node.parentId);
    });
    for (const parentId of parents) refreshNode(parentId);
    const outcome = lockOutcome(choice, results);
    if (outcome.level === 'info') void vscode.window.showInformationMessage(outcome.text);
    else void vscode.window.showWarningMessage(outcome.text);
  };

  const pick = async (choices: readonly LockChoice[], title: string, placeHolder: string): Promise<LockChoice | undefined> => {
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.label, description: choice.azFlags, detail: choice.detail, choice })),
      { title, placeHolder },
    );
    return picked?.choice;
  };

  const titleFor = (verb: string, items: LockItem[]): string => `${verb} ${items.length === 1 && items[0] ? lockItemName(items[0].target, { shortDigests: true }) : `${items.length} items`}`;

  return {
    [IDS.lock]: async (arg, selected) => {
      const items = lockable(arg, selected);
      const choice = await pick(LOCK_CHOICES, titleFor('Lock', items), 'What should the lock prevent?');
      if (!choice) return;
      await confirmAndApply(items, await readCurrent(items), choice);
    },
    [IDS.unlock]: async (arg, selected) => {
      const items = lockable(arg, selected);
      const current = await readCurrent(items);
      const choices = unlockChoices(current);
      const choice = choices.length === 1 ? choices[0] : await pick(choices, titleFor('Unlock', items), 'Pull or listing is disabled too: allow them again?');
      if (!choice) return;
      await confirmAndApply(items, current, choice);
    },
  };
}
