import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import type { LazyAzure } from './azure/lazyAzure';
import { EXPLORER_COMMAND_IDS } from './explorer/explorerCommandIds';
import type { LazyExplorer } from './explorer/lazyExplorer';
import type { Ctx } from './ctx';
import { addNondistributableRegistry, enableDaemonDebug } from './daemonCommands';
import { ruleDocUri } from './ruleDocs';
import type { LintController } from './lint/lintController';
import { lintEngine } from './lint/loadLintEngine';

export interface Features {
  lint: LintController;
  azure: LazyAzure;
  explorer: LazyExplorer;
}

type CommandFactory = (ctx: Ctx, features: Features) => (...args: unknown[]) => unknown;

/** Every command, as a factory from the context (rust-analyzer's table of command factories). */
export const COMMAND_FACTORIES: Record<string, CommandFactory> = {
  [COMMAND_IDS.lintOpenFiles]: (_ctx, { lint }) => () => lint.relintAll(),

  [COMMAND_IDS.disableRule]: (ctx) => async (code: unknown) => {
    if (typeof code !== 'string' || !lintEngine().ruleMeta(code)) return;
    await ctx.config.disableRule(code);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now off (setting acrDoctor.lint.rules). Remove it there to turn the rule back on.', code));
  },

  [COMMAND_IDS.showRuleDocs]: (ctx) => async (code: unknown) => {
    // One rule's section (a virtual document), or the whole bundled file from the palette.
    const uri = typeof code === 'string' && lintEngine().ruleMeta(code) ? ruleDocUri(code) : ctx.rulesDocUri();
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  },

  [COMMAND_IDS.enableDaemonDebug]: () => enableDaemonDebug,
  [COMMAND_IDS.addNondistributableRegistry]: () => addNondistributableRegistry,

  [COMMAND_IDS.showLog]: (ctx) => () => ctx.log.show(),

  // The registry explorer's commands run in its lazily loaded bundle.
  ...Object.fromEntries(Object.values(EXPLORER_COMMAND_IDS).map((id): [string, CommandFactory] => [id, (_ctx, { explorer }) => (...args: unknown[]) => explorer.run(id, ...args)])),
};

export function registerCommands(ctx: Ctx, features: Features, factories: Record<string, CommandFactory> = COMMAND_FACTORIES): void {
  for (const [id, factory] of Object.entries(factories)) {
    ctx.push(vscode.commands.registerCommand(id, factory(ctx, features)));
  }
}
