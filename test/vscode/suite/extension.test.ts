// Runs inside the extension host with the real `vscode` API: activation, commands, diagnostics
// and code actions on the sample workspace (the runner opens a temp copy of examples/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'acr-doctor.acr-doctor';

function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open the sample workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Waits (bounded) until ACR Doctor's diagnostics for `uri` satisfy `predicate`. */
async function diagnosticsFor(uri: vscode.Uri, predicate: (codes: string[]) => boolean, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ACR Doctor');
    if (predicate(ours.map(codeOf))) return ours;
    if (Date.now() > deadline) throw new Error(`diagnostics for ${uri.path} never matched; have ${JSON.stringify(ours.map(codeOf))}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Quick fixes at `range`, asked again (bounded) while the answer is empty. */
async function codeActionsFor(uri: vscode.Uri, range: vscode.Range, timeoutMs = 5_000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    if (actions.length > 0 || Date.now() > deadline) return actions;
    await new Promise((done) => setTimeout(done, 100));
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

async function open(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

describe('ACR Doctor in VS Code', () => {
  it('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = ((extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  it('reports Dockerfile findings with a code that links to the rule docs', async () => {
    const document = await open('Dockerfile');
    const diagnostics = await diagnosticsFor(document.uri, (codes) => codes.includes('ACR101') && codes.includes('ACR107'));
    const upper = diagnostics.find((d) => codeOf(d) === 'ACR101')!;
    assert.equal(upper.severity, vscode.DiagnosticSeverity.Error);
    const code = upper.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.toString(), 'acr-doctor-rule:/ACR101.md', 'links to the rule\'s own documentation');
    const doc = await vscode.workspace.openTextDocument(code.target);
    assert.match(doc.getText(), /^### ACR101 `repository-uppercase`/m, 'the link opens that rule\'s section of the bundled docs');
    assert.doesNotMatch(doc.getText(), /ACR102/, 'and only that rule');
  });

  it('offers the rule fix first (preferred), then ignore, then docs, and the fix edits the file', async () => {
    const document = await open('Dockerfile');
    const [upper] = (await diagnosticsFor(document.uri, (codes) => codes.includes('ACR101'))).filter((d) => codeOf(d) === 'ACR101');
    // Bounded: under load the workbench can ask before the provider has the lint that produced the diagnostic.
    const actions = await codeActionsFor(document.uri, upper!.range);
    const titles = actions.map((a) => a.title);
    const seen = vscode.languages.getDiagnostics(document.uri).map((d) => [codeOf(d), d.source, d.range.start.line, d.range.start.character, d.message.slice(0, 60)]);
    assert.equal(titles[0], 'Lowercase the repository name to "team/web-app"', `${JSON.stringify(titles)} for ${JSON.stringify(upper!.range)}; diagnostics ${JSON.stringify(seen)}`);
    assert.equal(actions[0]!.isPreferred, true);
    assert.ok(titles.indexOf('Ignore ACR101 for this line') > 0);
    assert.ok(titles.indexOf('Show documentation for ACR101') > titles.indexOf('Ignore ACR101 for this line'));
    assert.ok(actions[0]!.edit, 'the fix carries a WorkspaceEdit');
    assert.equal(await vscode.workspace.applyEdit(actions[0]!.edit), true);
    assert.match(document.getText(), /^FROM contoso\.azurecr\.io\/team\/web-app:1\.4 AS build$/m);
    await diagnosticsFor(document.uri, (codes) => !codes.includes('ACR101'));
  });

  it('lints .dockerignore, daemon.json and the ARM template', async () => {
    const expectations: Array<[string, string[]]> = [
      ['.dockerignore', ['ACR201']],
      ['daemon.json', ['ACR301', 'ACR303']],
      ['infra/azuredeploy.json', ['ACR409', 'ACR411']],
    ];
    for (const [file, codes] of expectations) {
      const document = await open(file);
      await diagnosticsFor(document.uri, (have) => codes.every((code) => have.includes(code)));
    }
  });

  it('a rule fix also runs the quick-fix marker command (no arguments, so the walkthrough sees its id)', async () => {
    const document = await open('.dockerignore');
    const [bare] = (await diagnosticsFor(document.uri, (codes) => codes.includes('ACR201'))).filter((d) => codeOf(d) === 'ACR201');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, bare!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Delete the "!" line');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.command?.command, 'acrDoctor.lint.quickFixApplied', JSON.stringify(actions.map((a) => [a.title, a.command?.command])));
    assert.deepEqual(fix.command?.arguments ?? [], []);
  });

  it('daemon.json: "Disable CODE" says where the setting goes (a folder is open: this workspace)', async () => {
    const document = await open('daemon.json');
    const [unknown] = (await diagnosticsFor(document.uri, (codes) => codes.includes('ACR301'))).filter((d) => codeOf(d) === 'ACR301');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, unknown!.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === 'Disable ACR301 in this workspace'), JSON.stringify(actions.map((a) => a.title)));
  });

  it('"Open a Sample Dockerfile" opens an untitled copy of the bundled sample, linted at once', async () => {
    await vscode.commands.executeCommand('acrDoctor.walkthrough.openSampleDockerfile');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'no editor was opened');
    assert.equal(document.uri.scheme, 'untitled');
    assert.equal(document.languageId, 'dockerfile');
    await diagnosticsFor(document.uri, (codes) => codes.includes('ACR101'));
  });
});
