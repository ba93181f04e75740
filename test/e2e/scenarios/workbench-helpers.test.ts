// Scenario 3: the workbench helpers that later features reuse, each checked against VS Code's
// own features (Explorer, Markdown preview, Problems panel), so a broken helper is found here
// rather than in a feature scenario.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../host';
import { StepError, Workbench } from '../workbench';

describe('workbench helpers', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.launch({ scenario: 'helpers', copyOf: join(REPO_ROOT, 'examples') });
  });
  after(async () => {
    await workbench?.close();
  });

  it('openFile + runCommand + readWebviewText: Markdown preview of README.md', async () => {
    await workbench.step('open README.md', () => workbench.openFile('README.md'));
    await workbench.step('run Markdown: Open Preview', () => workbench.runCommand('Markdown: Open Preview'));
    const text = await workbench.step('read the preview webview', () => workbench.readWebviewText());
    await workbench.screenshot('markdown-preview');
    assert.match(text, /ACR Doctor sample workspace/);
    assert.match(text, /upper-case repository path/);
  });

  it('openView + expandTreeItem: Explorer folder infra', async () => {
    await workbench.step('open the Explorer view', () => workbench.openView('Explorer'));
    const folder = await workbench.step('expand infra', () => workbench.expandTreeItem('infra'));
    assert.equal(await folder.getAttribute('aria-expanded'), 'true');
    await workbench.step('see infra/azuredeploy.json', () =>
      workbench.page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'azuredeploy.json' }).first().waitFor({ state: 'visible' }),
    );
    await workbench.screenshot('explorer-expanded');
  });

  it('problems: rows carry code, message, file and source', async () => {
    await workbench.step('open .dockerignore', () => workbench.openFile('.dockerignore'));
    const rows = await workbench.step('read the Problems panel', () => workbench.waitForProblems('ACR201 listed', (r) => r.some((row) => row.code === 'ACR201')));
    await workbench.screenshot('problems');
    const row = rows.find((r) => r.code === 'ACR201')!;
    assert.equal(row.severity, 'error');
    assert.equal(row.source, 'ACR Doctor');
    assert.match(row.message, /"!" with no pattern/);
    assert.match(row.file, /\.dockerignore/);
  });

  it('screenshot writes a PNG under test-results/e2e', async () => {
    const file = await workbench.screenshot('check');
    assert.ok(file.startsWith(join(REPO_ROOT, 'test-results', 'e2e')));
    assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('a failing step names the step, its screenshot and the extension host log', async () => {
    await assert.rejects(
      workbench.step('deliberate failure', async () => {
        throw new Error('boom');
      }),
      (error: unknown) => {
        assert.ok(error instanceof StepError);
        assert.match(error.message, /e2e step failed: \[helpers\] deliberate failure\nboom/);
        assert.match(error.message, new RegExp(`last screenshot: ${relative(REPO_ROOT, workbench.lastScreenshot!).replace(/[.]/g, '\\.')}`));
        assert.match(workbench.lastScreenshot!, /FAILED-deliberate-failure\.png$/);
        assert.match(error.message, /extension host log .*\n[\s\S]*remoteexthost\.log/);
        return true;
      },
    );
  });
});
