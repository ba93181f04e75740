// The registry explorer's commands in the extension host with the real `vscode` API, against the real
// docker-registry test/vscode/run.ts started and configured in the workspace (acrDoctor.registries).
// Commands get the node objects the tree hands to context-menu commands.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXPLORER_FIXTURE_FILE, type ExplorerSuiteFixture } from './explorerFixture';

function fixture(): ExplorerSuiteFixture {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open the sample workspace folder');
  return JSON.parse(readFileSync(vscode.Uri.joinPath(folder.uri, EXPLORER_FIXTURE_FILE).fsPath, 'utf8')) as ExplorerSuiteFixture;
}

/** A node as the tree gives it to a context-menu command (the fields the commands read). */
function node(f: ExplorerSuiteFixture, type: 'tag' | 'manifest' | 'platform' | 'repository', fields: { repository: string; tag?: string; digest?: string }): Record<string, unknown> {
  const registryId = `acrDoctor/other/registry:${encodeURIComponent(f.host.toLowerCase())}`;
  return { type, id: `${registryId}/suite:${type}:${fields.tag ?? fields.digest ?? ''}`, parentId: registryId, label: fields.tag ?? fields.digest, icon: type, expandable: false, contextValue: type, registry: { host: f.host, insecureHttp: true, source: 'configured' }, ...fields };
}

/** The text of the editor a command opened (bounded wait: the document provider answers asynchronously). */
async function openedText(predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`no editor with the expected text; the active one has: ${text.slice(0, 300)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('registry explorer commands', () => {
  before(async () => {
    await vscode.extensions.getExtension('acr-doctor.acr-doctor')?.activate();
  });

  it('Copy Image Reference, Copy docker pull Command and Copy Digest put the right text on the clipboard', async () => {
    const f = fixture();
    const tag = node(f, 'tag', { repository: f.single.repository, tag: f.single.tag });
    await vscode.commands.executeCommand('acrDoctor.explorer.copyImageReference', tag);
    assert.equal(await vscode.env.clipboard.readText(), `${f.host}/${f.single.repository}:${f.single.tag}`);
    await vscode.commands.executeCommand('acrDoctor.explorer.copyPullCommand', tag);
    assert.equal(await vscode.env.clipboard.readText(), `docker pull ${f.host}/${f.single.repository}:${f.single.tag}`);
    // A tag node without a digest yet: the command reads it from the registry.
    await vscode.commands.executeCommand('acrDoctor.explorer.copyDigest', tag);
    assert.equal(await vscode.env.clipboard.readText(), f.single.digest);
    const platform = node(f, 'platform', { repository: f.multi.repository, digest: f.multi.platforms[1] });
    await vscode.commands.executeCommand('acrDoctor.explorer.copyImageReference', platform);
    assert.equal(await vscode.env.clipboard.readText(), `${f.host}/${f.multi.repository}@${f.multi.platforms[1]}`);
  });

  it('Show Manifest opens the manifest the registry serves as read-only, pretty-printed JSON', async () => {
    const f = fixture();
    await vscode.commands.executeCommand('acrDoctor.explorer.showManifest', node(f, 'tag', { repository: f.multi.repository, tag: f.multi.tag }));
    const text = await openedText((t) => t.includes('"manifests"'));
    const manifest = JSON.parse(text) as { manifests: Array<{ digest: string }> };
    assert.deepEqual(manifest.manifests.map((m) => m.digest), f.multi.platforms);
    assert.match(text, /^\{\n {2}"/, 'pretty-printed');
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'acr-doctor-registry');
    assert.equal(document?.languageId, 'json');
  });

  it('Show Config and Layers of a single-platform tag lists its layers and config', async () => {
    const f = fixture();
    await vscode.commands.executeCommand('acrDoctor.explorer.showConfigAndLayers', node(f, 'tag', { repository: f.single.repository, tag: f.single.tag }));
    const text = await openedText((t) => t.includes('## Layers'));
    assert.match(text, new RegExp(`^# ${f.host.replace(/[.]/g, '\\.')}/suite/app:v1$`, 'm'));
    assert.match(text, /- Layers: 2, 30 B compressed/);
    assert.match(text, /- Platform: linux\/amd64/);
    assert.equal(text.split('\n').filter((line) => /^\| [12] \| `sha256:/.test(line)).length, 2);
  });
});
