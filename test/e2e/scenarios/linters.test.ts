// Scenario 2: the sample workspace's findings in the Problems panel, their quick fixes applied
// from the Ctrl+. menu (checked on disk after saving), "ignore here", "show documentation",
// and diagnostics following edits. Works on a temp copy of examples/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../host';
import { type ProblemRow, Workbench } from '../workbench';

const has = (rows: ProblemRow[], code: string, file: string): boolean => rows.some((row) => row.code === code && row.file.startsWith(`${file} `));
const row = (rows: ProblemRow[], code: string, file: string): ProblemRow => {
  const found = rows.find((r) => r.code === code && r.file.startsWith(`${file} `));
  assert.ok(found, `${code} in ${file} is not in the Problems panel`);
  return found;
};

describe('linters in the editor', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.launch({ scenario: 'linters', copyOf: join(REPO_ROOT, 'examples') });
  });
  after(async () => {
    await workbench?.close();
  });

  it('Dockerfile: findings with codes linking to the docs, fixes first, then ignore, then docs', async () => {
    await workbench.step('open Dockerfile', () => workbench.openFile('Dockerfile'));
    const rows = await workbench.step('wait for ACR101 and ACR107', () =>
      workbench.waitForProblems('ACR101 and ACR107 in Dockerfile', (r) => has(r, 'ACR101', 'Dockerfile') && has(r, 'ACR107', 'Dockerfile')),
    );
    await workbench.screenshot('dockerfile-problems');
    const upper = row(rows, 'ACR101', 'Dockerfile');
    assert.equal(upper.severity, 'error');
    assert.equal(upper.source, 'ACR Doctor');
    assert.match(upper.message, /Team\/Web-App/);
    assert.equal(upper.codeTarget, 'acr-doctor-rule:/ACR101.md', 'the code should link to the rule\'s own documentation');
    assert.equal(row(rows, 'ACR107', 'Dockerfile').severity, 'warning');

    const fixes = await workbench.step('open the quick fix menu on ACR101', () => workbench.quickFixesFor('ACR101', 'Dockerfile'));
    await workbench.screenshot('dockerfile-quick-fix-menu');
    await workbench.dismissOverlays();
    assert.equal(fixes[0], 'Lowercase the repository name to "team/web-app"', `menu: ${JSON.stringify(fixes)}`);
    const ignore = fixes.indexOf('Ignore ACR101 for this line');
    const docs = fixes.indexOf('Show documentation for ACR101');
    assert.ok(ignore > 0 && docs > ignore, `expected fix, then ignore, then docs; menu: ${JSON.stringify(fixes)}`);
  });

  it('Dockerfile: the lowercase fix rewrites the FROM line and the finding goes away', async () => {
    await workbench.step('apply the ACR101 fix', () => workbench.applyQuickFix('Lowercase the repository name to "team/web-app"', { code: 'ACR101', fileName: 'Dockerfile' }));
    await workbench.step('save', () => workbench.saveActiveEditor());
    assert.match(workbench.readWorkspaceFile('Dockerfile'), /^FROM contoso\.azurecr\.io\/team\/web-app:1\.4 AS build$/m);
    await workbench.step('ACR101 disappears', () => workbench.waitForProblems('no ACR101', (r) => !has(r, 'ACR101', 'Dockerfile') && has(r, 'ACR107', 'Dockerfile')));
  });

  it('Dockerfile: "ignore this rule here" adds a suppression comment and the finding goes away', async () => {
    await workbench.step('apply Ignore ACR107', () => workbench.applyQuickFix('Ignore ACR107 for this line', { code: 'ACR107', fileName: 'Dockerfile' }));
    await workbench.step('save', () => workbench.saveActiveEditor());
    const lines = workbench.readWorkspaceFile('Dockerfile').split('\n');
    const from = lines.findIndex((line) => line.startsWith('FROM mcr.microsoft.com/dotnet/aspnet:latest'));
    assert.match(lines[from - 1] ?? '', /^#\s*acr-doctor ignore=ACR107\b/, `line above the FROM: ${JSON.stringify(lines[from - 1])}`);
    await workbench.step('ACR107 disappears', () => workbench.waitForProblems('no ACR107', (r) => !has(r, 'ACR107', 'Dockerfile')));
    await workbench.screenshot('dockerfile-fixed');
  });

  it('Dockerfile: typing updates the diagnostics without saving', async () => {
    const saved = workbench.readWorkspaceFile('Dockerfile');
    await workbench.step('type a FROM with :latest at the end', async () => {
      await workbench.focusActiveEditor();
      await workbench.page.keyboard.press('Control+End');
      await workbench.page.keyboard.press('Enter');
      await workbench.page.keyboard.type('FROM busybox:latest');
    });
    const rows = await workbench.step('ACR107 appears for the new line', () => workbench.waitForProblems('ACR107 for busybox', (r) => r.some((p) => p.code === 'ACR107' && /busybox:latest/.test(p.message))));
    assert.match(row(rows, 'ACR107', 'Dockerfile').file, /\[Ln 1[0-9], Col 14\]/);
    await workbench.screenshot('dockerfile-typed');
    await workbench.step('delete the typed line', async () => {
      await workbench.page.keyboard.press('Shift+Home');
      await workbench.page.keyboard.press('Backspace');
      await workbench.page.keyboard.press('Backspace');
    });
    await workbench.step('ACR107 goes away again', () => workbench.waitForProblems('no ACR107', (r) => !has(r, 'ACR107', 'Dockerfile')));
    await workbench.step('save', () => workbench.saveActiveEditor());
    assert.equal(workbench.readWorkspaceFile('Dockerfile'), saved);
  });

  it('.dockerignore: the bare "!" line is deleted by its fix', async () => {
    await workbench.step('open .dockerignore', () => workbench.openFile('.dockerignore'));
    await workbench.step('wait for ACR201', () => workbench.waitForProblems('ACR201', (r) => has(r, 'ACR201', '.dockerignore')));
    await workbench.step('apply the ACR201 fix', () => workbench.applyQuickFix('Delete the "!" line', { code: 'ACR201', fileName: '.dockerignore' }));
    await workbench.step('save', () => workbench.saveActiveEditor());
    const lines = workbench.readWorkspaceFile('.dockerignore').split('\n');
    assert.ok(!lines.includes('!'), `the "!" line is still there: ${JSON.stringify(lines)}`);
    assert.ok(lines.includes('node_modules') && lines.includes('*.log'), 'the fix removed more than the "!" line');
    await workbench.step('ACR201 disappears', () => workbench.waitForProblems('no ACR201', (r) => !has(r, 'ACR201', '.dockerignore')));
  });

  it('daemon.json: unknown key renamed by its fix; the bad log level stays reported', async () => {
    await workbench.step('open daemon.json', () => workbench.openFile('daemon.json'));
    const rows = await workbench.step('wait for ACR301 and ACR303', () => workbench.waitForProblems('ACR301 and ACR303', (r) => has(r, 'ACR301', 'daemon.json') && has(r, 'ACR303', 'daemon.json')));
    assert.match(row(rows, 'ACR303', 'daemon.json').message, /"verbose" is not a log level/);
    await workbench.screenshot('daemon-json-problems');
    await workbench.step('apply the ACR301 fix', () => workbench.applyQuickFix('Rename to "insecure-registries"', { code: 'ACR301', fileName: 'daemon.json' }));
    await workbench.step('save', () => workbench.saveActiveEditor());
    const config = JSON.parse(workbench.readWorkspaceFile('daemon.json')) as Record<string, unknown>;
    assert.deepEqual(config['insecure-registries'], ['contoso.azurecr.io']);
    assert.ok(!('insecure-registry' in config));
    await workbench.step('ACR301 disappears, ACR303 stays', () => workbench.waitForProblems('no ACR301, still ACR303', (r) => !has(r, 'ACR301', 'daemon.json') && has(r, 'ACR303', 'daemon.json')));

    // Strict JSON has no comments: "ignore here" turns the rule off in the workspace settings instead.
    const menu = await workbench.step('open the quick fix menu on ACR303', () => workbench.quickFixesFor('ACR303', 'daemon.json'));
    await workbench.dismissOverlays();
    assert.ok(menu.includes('Disable ACR303 in this workspace'), `menu: ${JSON.stringify(menu)}`);
    assert.ok(!menu.some((title) => title.startsWith('Ignore ACR303')), 'no comment directive in strict JSON');
    await workbench.step('apply "Disable ACR303 in this workspace"', () => workbench.applyQuickFix('Disable ACR303 in this workspace', { code: 'ACR303', fileName: 'daemon.json' }));
    await workbench.step('ACR303 disappears', () => workbench.waitForProblems('no ACR303', (r) => !has(r, 'ACR303', 'daemon.json')));
    const settings = JSON.parse(workbench.readWorkspaceFile('.vscode/settings.json')) as Record<string, unknown>;
    assert.deepEqual(settings['acrDoctor.lint.rules'], { ACR303: 'off' });
  });

  it('ARM template: home-region replication gets "condition": false; listCredentials output stays reported; docs open', async () => {
    await workbench.step('open infra/azuredeploy.json', () => workbench.openFile('infra/azuredeploy.json'));
    await workbench.step('wait for ACR409 and ACR411', () => workbench.waitForProblems('ACR409 and ACR411', (r) => has(r, 'ACR409', 'infra/azuredeploy.json') && has(r, 'ACR411', 'infra/azuredeploy.json')));
    await workbench.screenshot('arm-problems');
    const fixes = await workbench.step('open the quick fix menu on ACR409', () => workbench.quickFixesFor('ACR409', 'infra/azuredeploy.json'));
    await workbench.dismissOverlays();
    const condition = fixes.find((title) => title.startsWith('Add "condition": false'));
    assert.ok(condition, `no "condition": false fix; menu: ${JSON.stringify(fixes)}`);
    assert.equal(fixes[0], condition, 'the rule fix should come first');
    await workbench.step('apply the ACR409 fix', () => workbench.applyQuickFix(condition, { code: 'ACR409', fileName: 'infra/azuredeploy.json' }));
    await workbench.step('save', () => workbench.saveActiveEditor());
    const template = JSON.parse(workbench.readWorkspaceFile('infra/azuredeploy.json')) as { resources: Array<{ type: string; condition?: unknown }> };
    const replication = template.resources.find((resource) => resource.type.endsWith('/replications'));
    assert.equal(replication?.condition, false);
    await workbench.step('ACR409 disappears, ACR411 stays', () => workbench.waitForProblems('no ACR409, still ACR411', (r) => !has(r, 'ACR409', 'infra/azuredeploy.json') && has(r, 'ACR411', 'infra/azuredeploy.json')));

    await workbench.step('Show documentation for ACR411', () => workbench.applyQuickFix('Show documentation for ACR411', { code: 'ACR411', fileName: 'infra/azuredeploy.json' }));
    const docs = await workbench.step('read the documentation preview', () => workbench.readWebviewText());
    await workbench.screenshot('rule-docs');
    assert.match(docs, /ACR411/);
    assert.doesNotMatch(docs, /ACR101|ACR409/, 'only the rule asked for is shown');
  });

  // markdown.showPreview ignores #fragments, so the adapter shows the rule's own section
  // (a virtual document); its heading must be in view without scrolling.
  it('"Show documentation" shows the rule itself, in view', async () => {
    const inView = await workbench.step('find the ACR411 heading in the preview', () =>
      workbench
        .webviewFrame()
        .locator('h1, h2, h3, h4', { hasText: 'ACR411' })
        .first()
        .evaluate((heading) => heading.getBoundingClientRect().top >= 0 && heading.getBoundingClientRect().top < window.innerHeight),
    );
    assert.equal(inView, true, 'the ACR411 heading is not in view');
  });

  it('an untitled Dockerfile is linted as you type (no file name to go by: the language decides)', async () => {
    await workbench.step('new untitled file in the Docker language', () => workbench.newUntitledFile('Docker'));
    await workbench.step('type a FROM line', () => workbench.page.keyboard.type('FROM docker.io/Library/Ubuntu:latest\n'));
    const rows = await workbench.step('wait for ACR101 on the untitled editor', () =>
      workbench.waitForProblems('ACR101 in Untitled-1', (r) => r.some((x) => x.code === 'ACR101' && x.file.startsWith('Untitled-'))),
    );
    await workbench.screenshot('untitled-dockerfile');
    assert.ok(rows.some((x) => x.code === 'ACR107' && x.file.startsWith('Untitled-')), 'latest is reported too');
  });
});
