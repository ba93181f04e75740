import * as vscode from 'vscode';
import type * as ExplainEngine from './explainEngine';

let engine: typeof ExplainEngine | undefined;

/** Loads dist/explainEngine.js on the first terminal line asked about (never during activation). */
function explainEngine(): typeof ExplainEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling bundle, external in esbuild.config.mjs
  engine ??= require('./explainEngine.js') as typeof ExplainEngine;
  return engine;
}

export const EXPLAIN_ERROR_COMMAND = 'acrDoctor.explain.explainError';

interface ExplainLink extends vscode.TerminalLink {
  line: string;
}

/**
 * Underlines the registry failure messages the integrated terminal shows ("unauthorized: authentication
 * required", "client with IP '…' is not allowed access", …) with "Explain with ACR Doctor"; a click
 * explains the whole line (the diagnostics panel runs the checks that decide between its causes).
 */
export class ExplainTerminalLinkProvider implements vscode.TerminalLinkProvider<ExplainLink> {
  /** Terminal rows are at most a few thousand characters; a longer one is not worth scanning on hover. */
  private static readonly MAX_LINE = 8192;

  provideTerminalLinks(context: vscode.TerminalLinkContext): ExplainLink[] {
    if (context.line.length > ExplainTerminalLinkProvider.MAX_LINE) return [];
    return explainEngine()
      .locateMessages(context.line)
      .map((span) => ({ startIndex: span.start, length: span.length, tooltip: vscode.l10n.t('Explain with ACR Doctor'), line: context.line }));
  }

  async handleTerminalLink(link: ExplainLink): Promise<void> {
    await vscode.commands.executeCommand(EXPLAIN_ERROR_COMMAND, link.line);
  }
}
