// Scenario: the Azure part of the registry explorer, as a user. VS Code's Microsoft sign-in is
// replaced at the edge by a test-only authentication provider (test/e2e/fake-auth) that hands out
// the ARM fixture's token; ACR Doctor is pointed at the ARM fixture as a custom cloud (it reads the
// fixture's /metadata/endpoints) and trusts the fixture's CA through NODE_EXTRA_CA_CERTS. Every
// registry ARM reports has a loopback login server: contosoprod is an ACR-compatible front over a
// real docker-registry, the others closed ports. A second front is an "Other registry" from the
// settings. Sign in from the view, browse subscriptions → registries (SKU · location from ARM),
// hover for storage, list an Azure registry's repositories through the Entra token exchange, its
// Tasks → task → runs and the runs without a task (FAQ F35), sign out: only the Azure part is
// rebuilt. "Open in Azure Portal" is never clicked (the internet).
// test/e2e/loopbackGuard.cjs runs in every Node process of the host and refuses (and records) any
// lookup or connection off loopback; Chromium resolves nothing but 127.0.0.1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installTaskScenario } from '../../fixtures/arm/server';
import { pushImage, startAcrFront, targetFor, type AcrFrontInternals } from '../../fixtures/registry/index';
import { startAzureWorld, type AzureWorld } from '../azure';
import { poll, Workbench } from '../workbench';

const user = { username: 'e2e-other', password: `pw-${randomBytes(12).toString('hex')}` };
/** The audience of the fixture's /metadata/endpoints (authentication.audiences[0]): the scope ACR Doctor must ask for. */
const FIXTURE_ARM_SCOPE = 'https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155/.default';

describe('registry explorer: Azure', () => {
  let azure: AzureWorld;
  let other: AcrFrontInternals;
  let dockerConfigDir: string;
  let workbench: Workbench;
  let prod: string;

  before(async () => {
    azure = await startAzureWorld();
    prod = azure.loginServers.contosoprod!;
    // contosoprod's tasks and runs of every status (FAQ F35), beside the default quick builds.
    installTaskScenario(azure.arm.state, 'contosoprod');
    // Seeded straight into the registry behind the front (the front reads the same storage).
    await pushImage(azure.front.directTarget, 'app/web', { tag: '1.0' });
    await pushImage(azure.front.directTarget, 'app/api', { tag: '2.1' });
    other = await startAcrFront({ users: [user] });
    await pushImage(targetFor(other), 'tools/cli', { tag: '1' });
    dockerConfigDir = mkdtempSync(join(tmpdir(), 'acr-doctor-e2e-docker-'));
    writeFileSync(join(dockerConfigDir, 'config.json'), JSON.stringify({ auths: { [other.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } }));
    workbench = await Workbench.launch({
      scenario: 'azure',
      ...azure.launchOptions({ settings: { 'acrDoctor.registries': [{ host: other.host, insecureHttp: false }] }, env: { DOCKER_CONFIG: dockerConfigDir } }),
    });
  });
  after(async () => {
    // The world's folder holds the loopback guard's log, which close() reads: close first, then stop the rest whatever it says.
    try {
      await workbench?.close();
    } finally {
      await azure?.stop();
      await other?.stop();
      if (dockerConfigDir) rmSync(dockerConfigDir, { recursive: true, force: true });
    }
  });

  it('before sign-in: "Azure: not signed in" beside Other registries, which load their repositories', async () => {
    await workbench.step('open the Registries view', () => workbench.openView('acrDoctor.registries'));
    await workbench.step('collapse Get Started, so the Registries view has room', () => workbench.collapseViewSection('Get Started'));
    await workbench.step('the view offers the Azure sign-in as an item', async () => {
      await workbench.treeItem('Azure: not signed in').waitFor({ state: 'visible' });
      assert.equal(await workbench.treeItem('Azure').isVisible(), false);
    });
    await workbench.step(`expand Other registries → ${other.host} → Repositories`, () => workbench.expandTreeItem('Other registries', other.host, 'Repositories'));
    await workbench.step('its repository shows', () => workbench.treeItem('tools/cli').waitFor({ state: 'visible' }));
    await workbench.screenshot('not-signed-in');
  });

  it('signs in through the Microsoft authentication provider (the test fake) and asks for the custom cloud\'s ARM audience', async () => {
    await workbench.step('click "Azure: not signed in", allow the sign-in in VS Code\'s dialog', () => azure.signIn(workbench, 'tree'));
    await workbench.step('the Azure node replaces the sign-in item', async () => {
      await workbench.treeItem('Azure').waitFor({ state: 'visible' });
      await workbench.treeItem('Azure: not signed in').waitFor({ state: 'hidden' });
    });
    await workbench.screenshot('signed-in');
    const created = azure.authRequests().filter((r) => r.what === 'createSession');
    assert.equal(created.length, 1, `one interactive sign-in: ${JSON.stringify(azure.authRequests())}`);
    assert.ok(created[0]!.scopes?.includes(FIXTURE_ARM_SCOPE), `the sign-in asked for ${JSON.stringify(created[0]!.scopes)}`);
  });

  it('lists the enabled subscriptions and their registries with SKU · location from ARM', async () => {
    await workbench.step('expand Azure: the enabled subscriptions show, the disabled one does not', async () => {
      await workbench.expandTreeItem('Azure');
      await workbench.treeItem('Contoso Production').waitFor({ state: 'visible' });
      await workbench.treeItem('Contoso Dev/Test').waitFor({ state: 'visible' });
      assert.equal(await workbench.treeItem('Contoso Legacy').isVisible(), false, 'Contoso Legacy is Disabled in ARM');
    });
    await workbench.step('expand Contoso Production: its three registries, described by ARM\'s SKU and location', async () => {
      await workbench.expandTreeItem('Contoso Production');
      assert.equal(await workbench.treeItemDescription(prod), 'Premium · westeurope');
      assert.equal(await workbench.treeItemDescription(azure.loginServers.contosoclassic!), 'Classic · eastus');
      assert.equal(await workbench.treeItemDescription(azure.loginServers.contosodev!), 'Basic · northeurope');
    });
    await workbench.step('expand Contoso Dev/Test: its Standard registry in West US 2', async () => {
      await workbench.expandTreeItem('Contoso Dev/Test');
      assert.equal(await workbench.treeItemDescription(azure.loginServers.fabrikamstd!), 'Standard · West US 2');
    });
    await workbench.screenshot('subscriptions-and-registries');
    const listed = azure.arm.requests.filter((r) => /\/providers\/Microsoft\.ContainerRegistry\/registries$/.test(r.path));
    assert.ok(listed.length > 0 && listed.every((r) => r.bearer === 'valid' && r.status === 200), `registry listings: ${JSON.stringify(listed.map((r) => [r.path, r.bearer, r.status]))}`);
  });

  it('hovering a registry shows its storage used and limit (ARM listUsages) with the shared-layers note', async () => {
    const tooltip = await workbench.step(`hover ${prod}`, () => workbench.hoverTreeItem(prod, /Storage:/));
    // contosoprod's Size usage in the fixture: 480 GiB of 500 GiB.
    assert.match(tooltip, /Storage: 515 GB of 537 GB \(96%\)/);
    assert.match(tooltip, /contosoprod/);
    assert.match(tooltip, /registry-rg/);
    assert.match(tooltip, /FAQ F10/);
    await workbench.screenshot('registry-storage-tooltip');
    await workbench.dismissHover();
    assert.ok(azure.arm.requests.some((r) => /\/registries\/contosoprod\/listUsages$/i.test(r.path) && r.status === 200), 'listUsages was read');
  });

  it('an Azure registry lists its repositories over the Entra token exchange', async () => {
    await workbench.step(`expand ${prod} → Repositories`, async () => {
      await workbench.expandTreeItem(prod);
      // Every registry has a "Repositories" item: take this one's.
      await workbench.expandTreeItemUnder(prod, 'Repositories');
    });
    await workbench.step('its repositories show', async () => {
      await workbench.scrollToTreeItem('app/api');
      await workbench.scrollToTreeItem('app/web');
    });
    await workbench.screenshot('azure-registry-repositories');
    const exchanges = azure.front.requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/exchange');
    assert.ok(exchanges.some((r) => r.status === 200), `the front exchanged the Entra token: ${JSON.stringify(exchanges)}`);
  });

  it('an Azure registry shows Tasks → task → runs, newest first, and the runs without a task', async () => {
    await workbench.step(`collapse ${prod}'s Repositories, expand its Tasks`, async () => {
      await workbench.collapseTreeItem(await workbench.treeItemUnder(prod, 'Repositories'));
      await workbench.expandTreeItemUnder(prod, 'Tasks');
    });
    const tasks = await workbench.step('the tasks and "Runs without a task" show', () => workbench.treeChildren('Tasks'));
    assert.deepEqual(tasks.map((t) => t.label).sort(), ['hello-world', 'nightly-build', 'purge', 'Runs without a task', 'windows-build'].sort());
    assert.match(tasks.find((t) => t.label === 'purge')!.description, /Disabled/);
    const runs = await workbench.step('expand nightly-build: its runs, newest first', async () => {
      await workbench.expandTreeItem('nightly-build');
      return workbench.treeChildren('nightly-build');
    });
    // From the fixture's task scenario: cc14 (queued 30 s ago), cc13 (started), cc12 (running), cc11 (succeeded), cc10 (failed).
    assert.deepEqual(runs.slice(0, 5).map((r) => r.label), ['cc14', 'cc13', 'cc12', 'cc11', 'cc10']);
    assert.match(runs[3]!.description, /^Succeeded · /);
    assert.match(runs[4]!.description, /^Failed · /);
    await workbench.screenshot('tasks-and-runs');
    const quick = await workbench.step('collapse nightly-build, expand "Runs without a task": the quick runs, newest first', async () => {
      await workbench.collapseTreeItem(await workbench.scrollToTreeItem('nightly-build'));
      await workbench.expandTreeItem('Runs without a task');
      return workbench.treeChildren('Runs without a task');
    });
    // cq3 (QuickRun, 4 min ago), cb1 (QuickBuild, 5 min), cq2 (30 min), cq1 (45 min), cb0 (70 min).
    assert.deepEqual(quick.map((r) => r.label).slice(0, 5), ['cq3', 'cb1', 'cq2', 'cq1', 'cb0']);
    await workbench.screenshot('runs-without-a-task');
    assert.ok(azure.arm.requests.some((r) => /\/registries\/contosoprod\/runs$/i.test(r.path) && r.status === 200), 'the runs were listed from ARM');
  });

  it('sign-out rebuilds only the Azure part: Other registries keep their loaded items without a request', async () => {
    const otherRequestsBefore = other.requests.length;
    await workbench.step('run "ACR Doctor: Sign out of Azure"', () => workbench.runCommand('ACR Doctor: Sign out of Azure'));
    await workbench.step('ACR Doctor says it no longer uses the account', () => workbench.waitForNotification(/ACR Doctor no longer uses your Azure account/));
    await workbench.step('the Azure part is back to "Azure: not signed in"', async () => {
      await workbench.scrollToTreeItem('Azure: not signed in');
      await poll('the Azure node to go', 10_000, async () => !(await workbench.treeItem('Azure').isVisible()));
      assert.equal(await workbench.treeItem('Contoso Production').isVisible(), false);
      assert.equal(await workbench.treeItem('app/web').isVisible(), false);
    });
    await workbench.step('Other registries still show their repository, loaded before', () => workbench.scrollToTreeItem('tools/cli'));
    await workbench.screenshot('signed-out');
    assert.equal(other.requests.length, otherRequestsBefore, `requests to the other registry during sign-out: ${JSON.stringify(other.requests.slice(otherRequestsBefore))}`);
    assert.deepEqual(workbench.offLoopback, [], 'the workbench made requests off loopback');
  });

  it('nothing in the host looked up or dialled a non-loopback name', () => {
    const report = azure.loopbackReport();
    assert.ok(report.loaded.some((argv) => /extensionHost/.test(argv)), `the guard must run in the extension host; it loaded in: ${JSON.stringify(report.loaded)}`);
    assert.deepEqual(report.refused, []);
  });
});
