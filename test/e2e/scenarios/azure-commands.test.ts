// Scenario: the Azure registry commands, as a user runs them from the explorer's context menus and
// answers their modal dialogs, on the Azure world of test/e2e/azure.ts (ARM fixture as a custom
// cloud, the fake Microsoft sign-in, contosoprod's login server an ACR-compatible front on loopback).
// Each step checks its effect where it lands: the ARM fixture's state and requests, the clipboard,
// the front's answers.
// 1. "Cancel All Running Runs…" on contosoprod's Tasks (FAQ F35): the queued/running runs end Canceled.
// 2. "Enable Admin User…", then "Show Admin Credentials…" → "Copy password" (FAQ F04): the password
//    reaches the clipboard and never the page.
// 3. "Show Storage Usage" (FAQ F10, F11): a Markdown document with used/limit and the shared layers.
// 4. "Add My IP to the Firewall…" (FAQ F07): the front refuses with ACR's 403 naming a TEST-NET address
//    until the ARM fixture's networkRuleSet has it (and one re-check more); the command adds the rule
//    through ARM and re-checks until it applies. The product's 15 s re-check interval is kept, so this
//    step waits once for 15 s (docs/decisions/vscode-host.md).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { installTaskScenario, SUB_PROD, TASK_SCENARIO } from '../../fixtures/arm/server';
import { pushImage } from '../../fixtures/registry/index';
import { startAzureWorld, type AzureWorld } from '../azure';
import { DEFAULT_TIMEOUT_MS, normalizeSpaces, poll, Workbench } from '../workbench';

/** TEST-NET-2: the address the front's 403 says this machine has (the real peer is 127.0.0.1). */
const CLIENT_IP = '198.51.100.7';
/** Checks the front still refuses once ARM has the rule ("firewall changes take minutes", F07): one,
 *  so the command's first re-check is refused and the next, one interval later, gets in. */
const APPLY_DELAY_REQUESTS = 1;
/** The admin user's passwords listCredentials answers (random per run; never in page text). */
const PASSWORDS: [string, string] = [`pw1-${randomBytes(12).toString('hex')}`, `pw2-${randomBytes(12).toString('hex')}`];

type Json = Record<string, unknown>;

/** Rendered text with its line breaks (dialog detail lines, wrapped editor lines) as single spaces. */
const oneLine = (text: string): string => normalizeSpaces(text).replace(/\s+/g, ' ');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('registry explorer: Azure registry commands', () => {
  let azure: AzureWorld;
  let workbench: Workbench;
  let prod: string;
  /** The front's firewall: off until the firewall step turns it on. */
  const firewall = { on: false, seenInArm: 0, denied: 0 };

  const prodResource = (): Json => {
    const registry = azure.arm.state.registries.get(SUB_PROD)?.find((r) => r.name === 'contosoprod');
    if (!registry) throw new Error('contosoprod is missing from the ARM fixture');
    return registry;
  };
  const prodProperties = (): Json => prodResource().properties as Json;
  const ipRulesInArm = (): string[] => ((prodProperties().networkRuleSet as { ipRules?: Array<{ value?: string }> } | undefined)?.ipRules ?? []).map((r) => r.value ?? '');
  const runStatuses = (): Record<string, string> => Object.fromEntries((azure.arm.state.runs.get('contosoprod') ?? []).map((r) => [r.name as string, (r.properties as Json).status as string]));

  /** The open modal dialog's text once it matches (for a screenshot before answering it). */
  const dialogText = async (message: RegExp): Promise<string> => {
    const dialog = workbench.page.locator('.monaco-dialog-box');
    let text = '';
    await poll(`a dialog saying ${message}`, DEFAULT_TIMEOUT_MS, async () => {
      text = oneLine(await dialog.innerText().catch(() => ''));
      return message.test(text);
    }, () => `the dialog says: ${text || '(no dialog)'}`);
    return text;
  };

  /** The codicon classes of a run's row under nightly-build (its status icon). */
  const runIconClass = async (runId: string): Promise<string> =>
    (await (await workbench.treeItemUnder('nightly-build', runId)).locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';

  /** Right-clicks a tree item and chooses `entry`, as workbench.treeContextMenu does; when the menu
   *  stays open after the click (seen once after an earlier command's notification), the entry is
   *  still the menu's focused row, so Enter chooses it as a keyboard user would. */
  const contextMenu = async (label: string, entry: string): Promise<void> => {
    await workbench.dismissOverlays();
    const item = await workbench.scrollToTreeItem(label);
    await item.click({ button: 'right' });
    const menu = workbench.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const action = menu.locator('.action-item .action-label').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(entry)}\\s*$`) }).first();
    await action.waitFor({ state: 'visible' });
    await action.click();
    if (await menu.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => false, () => true)) {
      console.log(`[azure-commands] the context menu stayed open after clicking "${entry}": chose it with Enter`);
      await action.hover();
      await workbench.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
    }
  };
  /** Every notification's text now (toasts and the notification center), for diagnostics. */
  const notificationTexts = async (): Promise<string[]> =>
    (await workbench.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item').allInnerTexts()).map(oneLine);

  before(async () => {
    azure = await startAzureWorld({
      // ACR's firewall stands in front of the whole login server. Once the rule is in ARM, it lets
      // this machine in only after APPLY_DELAY_REQUESTS more requests.
      firewall: () => {
        if (!firewall.on) return { allowed: true, clientIp: CLIENT_IP };
        let allowed = false;
        if (ipRulesInArm().some((rule) => rule === CLIENT_IP || rule === `${CLIENT_IP}/32`)) allowed = ++firewall.seenInArm > APPLY_DELAY_REQUESTS;
        if (!allowed) firewall.denied++;
        return { allowed, clientIp: CLIENT_IP };
      },
    });
    prod = azure.loginServers.contosoprod!;
    installTaskScenario(azure.arm.state, 'contosoprod');
    azure.arm.state.adminPasswords.set('contosoprod', PASSWORDS);
    await pushImage(azure.front.directTarget, 'app/web', { tag: '1.0' });
    workbench = await Workbench.launch({ scenario: 'azure-commands', ...azure.launchOptions() });
    // "Copy password" writes through the browser's clipboard; reading it back needs the permission.
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbench.host.url).origin });
  });
  after(async () => {
    // The world's folder holds the loopback guard's log, which close() reads: close first, then stop the world whatever it says.
    try {
      await workbench?.close();
    } finally {
      await azure?.stop();
    }
  });

  it('signs in and shows contosoprod under Azure → Contoso Production', async () => {
    await workbench.step('open the Registries view, collapse Get Started', async () => {
      await workbench.openView('acrDoctor.registries');
      await workbench.collapseViewSection('Get Started');
    });
    await workbench.step('sign in to Azure', () => azure.signIn(workbench));
    await workbench.step(`expand Azure → Contoso Production → ${prod}`, () => workbench.expandTreeItem('Azure', 'Contoso Production', prod));
    assert.equal(await workbench.treeItemDescription(prod), 'Premium · westeurope');
  });

  it('"Cancel All Running Runs…" on Tasks lists the queued and running runs, cancels them, and the Tasks subtree shows them Canceled (FAQ F35)', async () => {
    const before = runStatuses();
    const active = [...TASK_SCENARIO.active];
    for (const id of active) assert.match(before[id] ?? '', /^(Queued|Started|Running)$/, `${id} is active before`);
    await workbench.step(`expand ${prod} → Tasks → nightly-build`, async () => {
      await workbench.expandTreeItemUnder(prod, 'Tasks');
      await workbench.expandTreeItem('nightly-build');
    });
    const runsBefore = await workbench.treeChildren('nightly-build');
    assert.deepEqual(runsBefore.slice(0, 3).map((r) => [r.label, r.description.split(' · ')[0]]), [['cc14', 'Queued'], ['cc13', 'Started'], ['cc12', 'Running']]);
    assert.match(await runIconClass('cc14'), /codicon-clock/, 'a queued run\'s icon');
    assert.match(await runIconClass('cc12'), /codicon-sync/, 'a running run\'s icon');

    await workbench.step('right-click Tasks → "Cancel All Running Runs…"', () => contextMenu('Tasks', 'Cancel All Running Runs…'));
    const text = await workbench.step('the modal lists each queued and running run', () => dialogText(/Cancel 7 task runs in contosoprod/));
    for (const id of active) assert.match(text, new RegExp(`• ${id} · `), `the dialog lists ${id}: ${text}`);
    for (const id of ['cc11', 'cc10', 'cc9', 'cq2']) assert.doesNotMatch(text, new RegExp(`• ${id} · `), `the dialog must not list the finished run ${id}`);
    assert.match(text, /ends with status Canceled/);
    await workbench.screenshot('cancel-runs-dialog');
    await workbench.step('confirm "Cancel 7 Runs"', () => workbench.answerDialog(/Cancel 7 task runs in contosoprod/, 'Cancel 7 Runs'));
    await workbench.step('ACR Doctor reports the cancelled runs', () => workbench.waitForNotification(/Cancelled 7 task runs in contosoprod\./, 30_000));

    const after = runStatuses();
    for (const id of active) assert.equal(after[id], 'Canceled', `${id} in the ARM fixture`);
    for (const [id, status] of Object.entries(before)) if (!active.includes(id as never)) assert.equal(after[id], status, `the finished run ${id} is untouched`);
    const cancels = azure.arm.requests.filter((r) => r.method === 'POST' && /\/registries\/contosoprod\/runs\/[^/]+\/cancel$/i.test(r.path));
    assert.deepEqual(cancels.map((r) => /\/runs\/([^/]+)\/cancel$/i.exec(r.path)![1]).sort(), [...active].sort(), 'one cancel request per active run');

    await workbench.step('the Tasks subtree refreshes: nightly-build\'s runs say Canceled', async () => {
      let seen = '';
      await poll('nightly-build\'s active runs to show Canceled', DEFAULT_TIMEOUT_MS, async () => {
        // The refresh may redraw nightly-build collapsed: expand it again as a user would.
        await workbench.expandTreeItem('nightly-build');
        const rows = await workbench.treeChildren('nightly-build');
        seen = JSON.stringify(rows.slice(0, 4));
        return ['cc14', 'cc13', 'cc12'].every((id) => rows.find((r) => r.label === id)?.description.startsWith('Canceled')) && rows.find((r) => r.label === 'cc11')?.description.startsWith('Succeeded') === true;
      }, () => `the runs show: ${seen}`);
      // The status icons: circle-slash for Canceled (src/extension/explorer/treeProvider.ts).
      for (const id of ['cc14', 'cc13', 'cc12']) assert.match(await runIconClass(id), /codicon-circle-slash/, `${id}'s icon after cancelling`);
    });
    await workbench.screenshot('cancel-runs-done');
    await workbench.step('collapse Tasks', async () => workbench.collapseTreeItem(await workbench.treeItemUnder(prod, 'Tasks')));
  });

  it('"Enable Admin User…" says what changes and turns it on; "Show Admin Credentials…" copies the password without showing it (FAQ F04)', async () => {
    assert.equal(prodProperties().adminUserEnabled, false, 'the admin user is off before');
    await workbench.step(`right-click ${prod} → "Enable Admin User…"`, () => contextMenu(prod, 'Enable Admin User…'));
    const enableText = await workbench.step('the modal says what will change', () => dialogText(/Enable the admin user of contosoprod\?/));
    assert.match(enableText, /sets adminUserEnabled to true on contosoprod/);
    assert.match(enableText, /FAQ F04/);
    await workbench.screenshot('enable-admin-user-dialog');
    await workbench.step('confirm "Enable admin user"', () => workbench.answerDialog(/Enable the admin user of contosoprod\?/, 'Enable admin user'));
    await workbench.step('ACR Doctor says it is enabled', () => workbench.waitForNotification(/The admin user of contosoprod is enabled\./, 30_000));
    assert.equal(prodProperties().adminUserEnabled, true, 'adminUserEnabled in the ARM fixture');
    assert.ok(azure.arm.requests.some((r) => r.method === 'PATCH' && /\/registries\/contosoprod$/i.test(r.path) && r.status === 200), 'the registry was PATCHed through ARM');

    await workbench.step(`right-click ${prod} → "Show Admin Credentials…"`, () => contextMenu(prod, 'Show Admin Credentials…'));
    const credentialsText = await workbench.step('the modal shows the username and the FAQ warning, not the password', () => dialogText(/Admin user of contosoprod: contosoprod/));
    assert.match(credentialsText, /username contosoprod/);
    assert.match(credentialsText, /one shared account meant for a single user, mainly for testing \(FAQ F04\)/);
    assert.match(credentialsText, /Copy password/);
    for (const password of PASSWORDS) assert.equal(credentialsText.includes(password), false, 'the dialog must not show a password');
    await workbench.screenshot('admin-credentials-dialog');
    await workbench.step('click "Copy password"', () => workbench.answerDialog(/Admin user of contosoprod: contosoprod/, 'Copy password'));
    let clip = '';
    await workbench.step('the clipboard holds the fixture\'s password', () =>
      poll('the password on the clipboard', DEFAULT_TIMEOUT_MS, async () => {
        clip = await workbench.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
        return clip === PASSWORDS[0];
      }, () => (clip ? 'the clipboard holds something else' : 'the clipboard is empty')),
    );
    await workbench.step('the status bar says what was copied', () => workbench.page.locator('.statusbar').getByText('Copied password of the admin user contosoprod to the clipboard').waitFor({ state: 'visible' }));
    const page = await workbench.page.locator('body').innerText();
    for (const password of PASSWORDS) assert.equal(page.includes(password), false, 'no page text holds a password');
    await workbench.screenshot('admin-password-copied');
  });

  it('"Show Storage Usage" opens a Markdown report: used and limit from ARM, and why deleting frees little (FAQ F10)', async () => {
    await workbench.step(`right-click ${prod} → "Show Storage Usage"`, () => contextMenu(prod, 'Show Storage Usage'));
    await workbench.step('choose "Usage only" in the quick pick of repositories', async () => {
      const rows = workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'app/web' }).first().waitFor({ state: 'visible' });
      await rows.filter({ hasText: 'Usage only' }).first().click();
    });
    const text = await workbench.step('the report opens in an editor', async () => {
      await workbench.page.locator('.tabs-container .tab.active').filter({ hasText: 'storage.md' }).waitFor({ state: 'visible' });
      const lines = workbench.page.locator('.editor-instance .monaco-editor .view-lines').first();
      let seen = '';
      await poll('the storage report\'s text', DEFAULT_TIMEOUT_MS, async () => {
        seen = oneLine(await lines.innerText().catch(() => ''));
        return /Layers are shared/.test(seen);
      }, () => `the editor shows: ${seen}`);
      return seen;
    });
    // contosoprod's Size usage in the fixture: 480 GiB of 500 GiB.
    assert.match(text, /# Storage of contosoprod/);
    assert.match(text, /\| 480(\.0)? GiB .*\| 500(\.0)? GiB \| 96% \|/);
    assert.match(text, /Layers are shared\.\*\* A layer is stored once per registry/);
    assert.match(text, /FAQ F10/);
    await workbench.screenshot('storage-usage-report');
    assert.ok(azure.arm.requests.some((r) => /\/registries\/contosoprod\/listUsages$/i.test(r.path) && r.status === 200), 'listUsages was read');
  });

  it('"Add My IP to the Firewall…" adds the address the 403 names through ARM and re-checks until the rule applies (FAQ F07)', async () => {
    firewall.on = true;
    assert.equal(ipRulesInArm().includes(CLIENT_IP), false, 'the rule is not in ARM before');
    const frontBefore = azure.front.requests.length;
    await workbench.step(`right-click ${prod} → "Add My IP to the Firewall…"`, () => contextMenu(prod, 'Add My IP to the Firewall…'));
    const text = await workbench.step('the modal names the address the registry refused and what will change', () => dialogText(/Add 198\.51\.100\.7 to the firewall of contosoprod\?/));
    assert.match(text, /adds the IP rule 198\.51\.100\.7 \(Allow\) to the network rules of contosoprod/);
    assert.match(text, /FAQ F07/);
    await workbench.screenshot('firewall-dialog');
    assert.ok(azure.front.requests.slice(frontBefore).some((r) => r.path === '/v2/' && r.status === 403), 'the command probed /v2/ and got the firewall\'s 403');
    await workbench.step(`confirm "Add ${CLIENT_IP}"`, () => workbench.answerDialog(/Add 198\.51\.100\.7 to the firewall of contosoprod\?/, `Add ${CLIENT_IP}`));
    // Read from the notification center: the re-check's progress did not show as a toast after the
    // modal closed (two runs), and the center keeps the final message after its toast would time out.
    await workbench.step('open the notification center', () => workbench.runCommand('Notifications: Show Notifications'));
    await workbench.step('the progress notification says the first check was refused and counts down to the next', async () => {
      let seen: string[] = [];
      await poll('the re-check\'s progress notification', 30_000, async () => {
        seen = await notificationTexts();
        return seen.some((t) => /Waiting for the firewall of contosoprod to let 198\.51\.100\.7 in \(FAQ F07\): \d+ s elapsed, check 1: still refused \(403 for 198\.51\.100\.7\); next check in \d+ s/.test(t));
      }, () => `notifications: ${JSON.stringify(seen)}`);
    });
    await workbench.screenshot('firewall-rechecking');
    assert.ok(ipRulesInArm().includes(CLIENT_IP), `the ARM fixture's networkRuleSet holds the address: ${JSON.stringify(ipRulesInArm())}`);
    assert.ok(ipRulesInArm().includes('203.0.113.0/24'), 'the existing rule stays');
    // One 15 s wait: the product's re-check interval, kept (docs/decisions/vscode-host.md).
    const applied = await workbench.step('the re-check ends with the "applied" message', () => workbench.waitForNotification(/The firewall rule for 198\.51\.100\.7 applied after \d+ s: contosoprod answers \/v2\/ with 401 \(its sign-in challenge\) instead of refusing this machine\./, 45_000));
    assert.match(applied, /applied after 1[5-9] s/);
    await workbench.screenshot('firewall-applied');
    const writes = azure.arm.requests.filter((r) => r.method !== 'GET' && /\/registries\/contosoprod$/i.test(r.path));
    assert.ok(writes.length >= 1 && writes.every((r) => r.status === 200), `ARM writes to contosoprod: ${JSON.stringify(writes.map((r) => [r.method, r.status]))}`);
    await workbench.step(`${prod} → Repositories now lists app/web through the firewall`, async () => {
      await workbench.expandTreeItemUnder(prod, 'Repositories');
      await workbench.scrollToTreeItem('app/web');
    });
    await workbench.screenshot('firewall-repositories');
  });

  it('nothing in the host looked up or dialled a non-loopback name', () => {
    assert.deepEqual(azure.loopbackReport().refused, []);
    assert.deepEqual(workbench.offLoopback, [], 'the workbench made requests off loopback');
  });
});
