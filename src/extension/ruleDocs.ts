import * as vscode from 'vscode';

/** Virtual documents `acr-doctor-rule:/ACR411.md`: one rule's section of the bundled docs/rules.md. */
export const RULE_DOCS_SCHEME = 'acr-doctor-rule';

export function ruleDocUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${code.toUpperCase()}.md` });
}

/**
 * Serves a single rule's documentation, so "Show documentation" opens exactly that rule
 * (the Markdown preview ignores #fragments, so opening the whole file would land at its top).
 */
export class RuleDocsProvider implements vscode.TextDocumentContentProvider {
  private rulesMarkdown?: Promise<string>;

  constructor(private readonly rulesFile: vscode.Uri) {}

  private read(): Promise<string> {
    this.rulesMarkdown ??= Promise.resolve(vscode.workspace.fs.readFile(this.rulesFile)).then((bytes) => new TextDecoder().decode(bytes));
    return this.rulesMarkdown;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = uri.path.replace(/^\//, '').replace(/\.md$/i, '');
    const markdown = await this.read();
    return ruleSection(markdown, code) ?? vscode.l10n.t('No documentation found for {0}. See the full list in docs/rules.md.', code);
  }
}

/** The text from a rule's anchor to the next anchor or section heading; undefined when absent. */
export function ruleSection(markdown: string, code: string): string | undefined {
  const anchor = `<a id="${code.toLowerCase()}"></a>`;
  const start = markdown.indexOf(anchor);
  if (start < 0) return undefined;
  const rest = markdown.slice(start + anchor.length);
  const next = rest.search(/<a id="|^## /m);
  return `${(next < 0 ? rest : rest.slice(0, next)).trim()}\n`;
}
