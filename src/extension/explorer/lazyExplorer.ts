import * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';
import type { LazyAzure } from '../azure/lazyAzure';
import type { Ctx } from '../ctx';
import type * as ExplorerBundle from './explorerEntry';
import { EXPLORER_VIEW_ID } from './explorerCommandIds';

/**
 * The registry explorer's view, registered at activation with a shim provider: the
 * explorer's code (dist/explorer.js) loads only when the view first asks for items or one
 * of its commands runs, so activation stays cheap.
 */
export class LazyExplorer implements vscode.Disposable {
  private loaded?: ExplorerBundle.ExplorerModule;
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined | void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly ctx: Ctx,
    private readonly azure: LazyAzure,
  ) {
    const shim: vscode.TreeDataProvider<ExplorerNode> = {
      onDidChangeTreeData: this.emitter.event,
      getChildren: async (element) => {
        try {
          return await this.load().provider.getChildren(element);
        } catch (error) {
          // Only a broken install gets here (the data source turns failures into nodes): say it in the log.
          this.ctx.logger.error(`The registry explorer could not load: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
      },
      getTreeItem: (element) => this.load().provider.getTreeItem(element),
      getParent: (element) => this.load().provider.getParent(element),
      resolveTreeItem: (item, element, token) => this.load().provider.resolveTreeItem(item, element, token),
    };
    const view = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: shim, showCollapseAll: true, canSelectMany: true });
    this.disposables.push(view, view.onDidCollapseElement((event) => this.loaded?.onCollapse(event.element)));
  }

  private load(): ExplorerBundle.ExplorerModule {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require('./explorer.js') as typeof ExplorerBundle;
      this.loaded = bundle.createExplorer({
        context: this.ctx.extension,
        config: this.ctx.config,
        logger: this.ctx.logger,
        showLog: () => this.ctx.showLog(),
        azure: () => this.azure.browser(),
        fire: (node) => this.emitter.fire(node),
        onDidChangeTreeData: this.emitter.event,
      });
    }
    return this.loaded;
  }

  /** Runs an explorer command (loading the bundle on first use). */
  run(id: string, ...args: unknown[]): unknown {
    return this.load().handlers[id]?.(...args);
  }

  dispose(): void {
    this.loaded?.dispose();
    this.loaded = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
