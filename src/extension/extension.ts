import * as vscode from 'vscode';
import { LazyAzure } from './azure/lazyAzure';
import { LazyChecks } from './checks/lazyChecks';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { ExplainTerminalLinkProvider } from './explain/terminalLinks';
import { LazyExplorer } from './explorer/lazyExplorer';
import { LintCodeActionProvider } from './lint/lintCodeActions';
import { LintController } from './lint/lintController';
import { RULE_DOCS_SCHEME, RuleDocsProvider, ruleDocUri } from './ruleDocs';

/** Documents the linters look at; kinds are then decided by name and content. */
const LINT_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-remote' },
];

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ACR Doctor', { log: true });
  context.subscriptions.push(log);
  ctx = new Ctx(context, log);
  context.subscriptions.push(ctx);

  ctx.push(vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, new RuleDocsProvider(ctx.rulesDocUri())));
  // A diagnostic's code links to its rule's own section.
  const lint = ctx.push(new LintController(ctx.config, ruleDocUri, ctx.logger));
  ctx.push(vscode.languages.registerCodeActionsProvider(LINT_SELECTOR, new LintCodeActionProvider(lint, ctx.config), { providedCodeActionKinds: LintCodeActionProvider.providedCodeActionKinds }));
  const azure = ctx.push(new LazyAzure(context.globalState, ctx.config, ctx.logger));
  const explorer = ctx.push(new LazyExplorer(ctx, azure));
  const checks = ctx.push(new LazyChecks(ctx, azure));
  registerCommands(ctx, { lint, azure, explorer, checks });
  ctx.push(vscode.window.registerTerminalLinkProvider(new ExplainTerminalLinkProvider()));
  ctx.logger.info('ACR Doctor activated.');
}

export function deactivate(): void {
  ctx = undefined;
}
