import * as vscode from 'vscode';
import { COMMAND_IDS, CONTEXT_KEYS, type CommandId } from './commandIds';
import type { LazyAzure } from './azure/lazyAzure';
import type { LazyChecks } from './checks/lazyChecks';
import { EXPLORER_COMMAND_IDS, type ExplorerCommandId } from './commandIds';
import type { LazyExplorer } from './explorer/lazyExplorer';
import type { Ctx } from './ctx';
import { addNondistributableRegistry, enableDaemonDebug } from './daemonCommands';
import { guardCommand } from './guardCommand';
import { ruleDocUri } from './ruleDocs';
import type { LintController } from './lint/lintController';
import { lintEngine } from './lint/loadLintEngine';

export interface Features {
  lint: LintController;
  azure: LazyAzure;
  checks: LazyChecks;
  explorer: LazyExplorer;
}

type CommandFactory = (ctx: Ctx, features: Features) => (...args: unknown[]) => unknown;

/** package.json `contributes.walkthroughs[0].id`. */
export const WALKTHROUGH_ID = 'getStarted';

/** The sample the walkthrough's first step opens (an untitled copy, so the original stays as shipped). */
export const SAMPLE_DOCKERFILE = ['media', 'walkthrough', 'sample.Dockerfile'] as const;

/**
 * Every command, as a factory from the context (rust-analyzer's table of command factories).
 * One entry per id in COMMAND_IDS; registerCommands gives each the same error handling.
 */
export const COMMAND_FACTORIES: Record<CommandId, CommandFactory> = {
  [COMMAND_IDS.lintOpenFiles]: (_ctx, { lint }) => () => lint.relintAll(),

  [COMMAND_IDS.disableRule]: (ctx) => async (code: unknown) => {
    if (typeof code !== 'string' || !lintEngine().ruleMeta(code)) return;
    const target = await ctx.config.disableRule(code);
    void vscode.window.showInformationMessage(
      target === 'workspace'
        ? vscode.l10n.t('{0} is now off in this workspace (setting acrDoctor.lint.rules in the workspace settings). Remove it there to turn the rule back on.', code)
        : vscode.l10n.t('{0} is now off in your user settings (setting acrDoctor.lint.rules; no folder is open). Remove it there to turn the rule back on.', code),
    );
  },

  [COMMAND_IDS.showRuleDocs]: (ctx) => async (code: unknown) => {
    // One rule's section (a virtual document), or the whole bundled file from the palette.
    const uri = typeof code === 'string' && lintEngine().ruleMeta(code) ? ruleDocUri(code) : ctx.rulesDocUri();
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  },

  // The walkthrough's lint step completes on this command (onCommand:…); it has nothing else to do.
  [COMMAND_IDS.quickFixApplied]: (ctx) => () => ctx.logger.debug('A quick fix was applied.'),

  [COMMAND_IDS.enableDaemonDebug]: () => enableDaemonDebug,
  [COMMAND_IDS.addNondistributableRegistry]: () => addNondistributableRegistry,

  [COMMAND_IDS.azureSignIn]: (_ctx, { azure }) => async () => {
    const signedIn = await azure.commands().signIn();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.azureSignedIn, signedIn);
    return signedIn;
  },
  [COMMAND_IDS.azureSignOut]: (_ctx, { azure }) => async () => {
    await azure.commands().signOut();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.azureSignedIn, false);
  },
  [COMMAND_IDS.azureSelectTenant]: (_ctx, { azure }) => () => azure.commands().selectTenant(),
  [COMMAND_IDS.azureSelectSubscriptions]: (_ctx, { azure }) => () => azure.commands().selectSubscriptions(),

  [COMMAND_IDS.openWalkthrough]: (ctx) => () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH_ID}`, false),

  [COMMAND_IDS.openSampleDockerfile]: (ctx) => async () => {
    const bytes = await vscode.workspace.fs.readFile(ctx.extensionFile(...SAMPLE_DOCKERFILE));
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document, { preview: false });
  },

  [COMMAND_IDS.showLog]: (ctx) => () => ctx.showLog(),

  // Diagnostics (dist/checks.js, loaded on first use).
  [COMMAND_IDS.runDiagnostics]: (_ctx, { checks }) => (arg?: unknown) => {
    checks.hideOffer();
    return checks.feature().runDiagnostics(arg);
  },
  [COMMAND_IDS.checkAllRegistries]: (_ctx, { checks }) => (arg?: unknown) => checks.feature().checkAllRegistries(arg),
  [COMMAND_IDS.explainError]: (_ctx, { checks }) => (arg?: unknown) => checks.feature().explainError(arg),
  [COMMAND_IDS.diagnosticsReport]: (_ctx, { checks }) => () => checks.feature().lastReport(),

  // The registry explorer's commands run in its lazily loaded bundle.
  ...(Object.fromEntries(Object.values(EXPLORER_COMMAND_IDS).map((id) => [id, (_ctx: Ctx, { explorer }: Features) => (...args: unknown[]) => explorer.run(id, ...args)])) as Record<ExplorerCommandId, CommandFactory>),
};

export function registerCommands(ctx: Ctx, features: Features, factories: Record<string, CommandFactory> = COMMAND_FACTORIES): void {
  const ui = { window: vscode.window, l10n: vscode.l10n, logger: ctx.logger, showLog: () => ctx.showLog(), offerDiagnostics: (registry: string | undefined, message: string) => features.checks.offerDiagnostics(registry, message) };
  for (const [id, factory] of Object.entries(factories)) {
    ctx.push(vscode.commands.registerCommand(id, guardCommand(id, factory(ctx, features), ui)));
  }
}
