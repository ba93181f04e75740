/** Maps the core explorer's nodes 1:1 to VS Code tree items; no logic of its own. */
import * as vscode from 'vscode';
import type { ExplorerDataSource, ExplorerNode, NodeIcon } from '../../core/explorer/index';
import { EXPLORER_COMMAND_IDS } from './explorerCommandIds';

const ICONS: Record<NodeIcon, string> = {
  azure: 'azure',
  tenant: 'organization',
  subscription: 'key',
  registry: 'server',
  folder: 'folder',
  repository: 'repo',
  tag: 'tag',
  index: 'layers',
  manifest: 'file-binary',
  platform: 'vm',
  referrer: 'verified',
  locked: 'lock',
  quarantined: 'shield',
  warning: 'warning',
  error: 'error',
  info: 'info',
  loadMore: 'more',
  tasks: 'tasklist',
  task: 'gear',
  'task-disabled': 'circle-slash',
  'run-succeeded': 'pass',
  'run-failed': 'error',
  'run-running': 'sync~spin',
  'run-queued': 'clock',
  'run-canceled': 'circle-slash',
  'run-other': 'circle-outline',
};

const COLORS: Partial<Record<NodeIcon, string>> = {
  error: 'errorForeground',
  warning: 'list.warningForeground',
  'run-succeeded': 'testing.iconPassed',
  'run-failed': 'testing.iconFailed',
  'run-queued': 'testing.iconQueued',
  quarantined: 'list.warningForeground',
};

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  constructor(
    private readonly data: ExplorerDataSource,
    readonly onDidChangeTreeData: vscode.Event<ExplorerNode | undefined | void>,
    /** Runs before the root's children: reads settings and credentials (asynchronous in VS Code). */
    private readonly beforeRoot: () => Promise<void>,
  ) {}

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!element) await this.beforeRoot();
    return this.data.children(element);
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    return element.parentId ? this.data.node(element.parentId) : undefined;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    const color = COLORS[node.icon];
    item.iconPath = new vscode.ThemeIcon(ICONS[node.icon], color ? new vscode.ThemeColor(color) : undefined);
    // VS Code calls resolveTreeItem only for a tooltip left undefined: nodes with details get theirs there.
    if (node.tooltip && !this.data.hasDetails(node)) item.tooltip = markdown(node.tooltip);
    const primary = node.actions?.[0];
    if (primary) item.command = { command: EXPLORER_COMMAND_IDS.runAction, title: primary.title, arguments: [node, primary.kind] };
    return item;
  }

  /** Details (manifest, storage, a repository's lock) are read only when the user hovers. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!this.data.hasDetails(node)) return item;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const details = (await this.data.details(node, controller.signal)) ?? node.tooltip;
      if (details) item.tooltip = markdown(details);
    } finally {
      subscription.dispose();
    }
    return item;
  }
}

/** Registry text is untrusted: no command links, no HTML. */
function markdown(text: string): vscode.MarkdownString {
  const value = new vscode.MarkdownString(text, false);
  value.isTrusted = false;
  value.supportHtml = false;
  return value;
}
