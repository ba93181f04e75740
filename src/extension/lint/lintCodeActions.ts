import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import { codeOf, DIAGNOSTIC_SOURCE, toWorkspaceEdit } from './convert';
import type { Config } from '../config';
import type { LintController } from './lintController';
import { lintEngine } from './loadLintEngine';

function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.start.isEqual(b.start) && a.end.isEqual(b.end);
}

/**
 * Offers, per ACR Doctor diagnostic: the rule's fixes (the preferred one first),
 * then "ignore this rule here", then the rule's documentation — vscode-eslint's order.
 */
export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly lint: LintController,
    private readonly config: Config,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const entries = this.lint.findingsFor(document.uri);
    const kind = this.lint.kindOf(document.uri);
    const fixes: vscode.CodeAction[] = [];
    const ignores: vscode.CodeAction[] = [];
    const docs: vscode.CodeAction[] = [];
    const seenCodes = new Set<string>();
    for (const diagnostic of ours) {
      const code = codeOf(diagnostic);
      const entry = entries.find((e) => e.finding.code === code && sameRange(e.diagnostic.range, diagnostic.range) && e.finding.message === diagnostic.message);
      if (!entry || !code) continue;
      entry.finding.fixes.forEach((fix, index) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document.uri, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred ?? (index === 0 && fix.safe);
        // Runs after the edit; the walkthrough's "apply a quick fix" step completes on it. No
        // arguments: with some, VS Code sends it as `_internal_command_delegation` and the
        // walkthrough never sees `onCommand:acrDoctor.lint.quickFixApplied`.
        action.command = { command: COMMAND_IDS.quickFixApplied, title: fix.title };
        fixes.push(action);
      });
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      const commentPrefix = kind ? lintEngine().languageFor(kind).commentPrefix : null;
      if (commentPrefix) {
        const line = diagnostic.range.start.line;
        const lineText = document.lineAt(line).text;
        const indent = lineText.slice(0, lineText.length - lineText.trimStart().length);
        const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
        const action = new vscode.CodeAction(vscode.l10n.t('Ignore {0} for this line', code), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, new vscode.Position(line, 0), `${indent}${commentPrefix} acr-doctor ignore=${code}${eol}`);
        action.diagnostics = [diagnostic];
        ignores.push(action);
      } else {
        // Strict formats (daemon.json) cannot hold a comment: turn the rule off in settings instead,
        // and say which settings (no folder open: the user's).
        const title = this.config.disableRuleTarget() === 'workspace' ? vscode.l10n.t('Disable {0} in this workspace', code) : vscode.l10n.t('Disable {0} in user settings', code);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: COMMAND_IDS.disableRule, title: action.title, arguments: [code] };
        action.diagnostics = [diagnostic];
        ignores.push(action);
      }
      const docsAction = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', code), vscode.CodeActionKind.QuickFix);
      docsAction.command = { command: COMMAND_IDS.showRuleDocs, title: docsAction.title, arguments: [code] };
      docs.push(docsAction);
    }
    return [...fixes, ...ignores, ...docs];
  }
}
