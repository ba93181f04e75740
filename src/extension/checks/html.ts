/**
 * The diagnostics panel's HTML shell. No `vscode` import (unit-tested): panel.ts passes the webview's
 * CSP source and the asWebviewUri of each file in media/. The policy allows nothing by default;
 * scripts only with this load's nonce, styles and fonts only from the extension's media/ folder, no
 * inline styles, no remote content. Data never goes into this HTML: it arrives as messages and is
 * set as text by the page.
 */
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  /** Our own title (escaped anyway). */
  title: string;
  nonce?: string;
}

/** 128 random bits, base64: a new one every time the HTML is set. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`, `base-uri 'none'`, `form-action 'none'`, `frame-src 'none'`].join('; ');
}

export function diagnosticsHtml(options: ShellOptions): string {
  const nonce = options.nonce ?? newNonce();
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(options.codiconUri)}">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<header class="toolbar">
  <h1 id="title">${escapeHtml(options.title)}</h1>
  <div class="actions" role="toolbar" aria-label="Diagnostics">
    <vscode-button id="rerun-all" icon="refresh">Re-run all</vscode-button>
    <vscode-button id="cancel" secondary icon="debug-stop">Cancel</vscode-button>
    <vscode-button id="copy-report" secondary icon="copy">Copy report as Markdown</vscode-button>
    <vscode-progress-ring id="progress" aria-label="Running"></vscode-progress-ring>
  </div>
  <p id="status" class="status" role="status" aria-live="polite"></p>
  <p id="notice" class="notice" role="status" aria-live="polite"></p>
</header>
<main id="results"></main>
<script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}
