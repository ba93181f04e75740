// Scenario: the diagnostics panel, as a user opens it from the palette ("Run Diagnostics…", then a
// typed login server). A healthy local docker-registry; a closed port (the failing check shows its
// fix); the ACR-compatible front answering 403 with HTML and <script> in its error (rendered as
// text, nothing runs); the Markdown report copied to the clipboard; screenshots in the light, dark
// and high-contrast themes. Every registry is on 127.0.0.1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../host';
import type { FrameLocator } from 'playwright-core';
import { poll, Workbench } from '../workbench';
import { startAcrFront, startDockerRegistry, type AcrFrontInternals, type RunningRegistry } from '../../fixtures/registry/index';
import { closedPort } from '../../core/checks/support';

// A 403 DENIED without a client IP: net.firewall keeps the registry's body as evidence, markup and all.
const INJECTION = `requested access to the resource is denied <img src=x onerror="document.title='pwned-img'"><script>document.title='pwned-script'</script>`;

describe('diagnostics panel', () => {
  let workbench: Workbench;
  let healthy: RunningRegistry;
  let front: AcrFrontInternals;
  let closed: number;

  before(async () => {
    healthy = await startDockerRegistry({ auth: 'none' });
    front = await startAcrFront({ anonymousPull: true });
    front.addFault({ method: 'GET', pathRegex: /^\/v2\/$/, respond: { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'DENIED', message: INJECTION }] }) } });
    closed = await closedPort();
    workbench = await Workbench.launch({ scenario: 'diagnostics', copyOf: join(REPO_ROOT, 'examples'), settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbench.host.url).origin });
  });
  after(async () => {
    await front?.stop();
    await healthy?.stop();
    await workbench?.close();
  });

  /** Picks a command in the palette (F1) with Enter; it opens a quick pick of its own in the same widget. */
  async function paletteCommand(title: string): Promise<void> {
    const labels = await workbench.searchCommands(title);
    const index = labels.indexOf(title);
    assert.ok(index >= 0, `the palette offers: ${labels.join(' | ')}`);
    for (let i = 0; i < index; i++) await workbench.page.keyboard.press('ArrowDown');
    await workbench.page.keyboard.press('Enter');
  }

  /** Runs "ACR Doctor: Run Diagnostics…" and types the login server into its quick pick. */
  async function openDiagnostics(host: string): Promise<FrameLocator> {
    await paletteCommand('ACR Doctor: Run Diagnostics…');
    // Our quick pick, not the palette closing in the same widget.
    const input = workbench.page.locator('.quick-input-widget input.input[placeholder^="Pick a registry"]');
    await input.waitFor({ state: 'visible' });
    await input.fill(host);
    const row = workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: host }).first();
    await row.waitFor({ state: 'visible' });
    await workbench.page.keyboard.press('Enter');
    await workbench.page.locator('.tabs-container .tab.active').filter({ hasText: `Diagnostics: ${host}` }).waitFor({ state: 'visible' });
    const frame = workbench.webviewFrame();
    await frame.locator('#results .area').first().waitFor({ state: 'visible' });
    return frame;
  }

  async function waitForRun(frame: FrameLocator): Promise<string> {
    let status = '';
    await poll('the run to finish', 60_000, async () => {
      status = (await frame.locator('#status').innerText().catch(() => '')) ?? '';
      return /\d+ passed, \d+ warnings, \d+ failed/.test(status);
    }, () => `status: ${status}`);
    return status;
  }

  /** "Preferences: Color Theme", as a user picks one. */
  async function setTheme(theme: string, workbenchClass: RegExp): Promise<void> {
    await paletteCommand('Preferences: Color Theme');
    const input = workbench.page.locator('.quick-input-widget input.input[placeholder*="Color Theme" i]');
    await input.waitFor({ state: 'visible' });
    await input.fill(theme);
    await workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: theme }).first().waitFor({ state: 'visible' });
    await workbench.page.keyboard.press('Enter');
    await poll(`the theme ${theme}`, 20_000, async () => workbenchClass.test((await workbench.page.locator('.monaco-workbench').first().getAttribute('class')) ?? ''));
    await workbench.page.waitForTimeout(1_000);
  }

  it('a healthy local registry: results stream in by area and the network checks pass', async () => {
    const frame = await workbench.step('open diagnostics for the healthy registry', () => openDiagnostics(healthy.host));
    // Streaming: some result is shown before the whole run is done (the machine's docker/helm probes take longest).
    await workbench.step('the first results arrive', () => frame.locator('.result.state-pass').first().waitFor({ state: 'visible', timeout: 30_000 }));
    const status = await workbench.step('the run finishes', () => waitForRun(frame));
    await workbench.screenshot('healthy-dark');
    assert.match(status, /[1-9]\d* passed/);
    for (const id of ['net.dns', 'net.tcp', 'net.challenge']) {
      assert.match((await frame.locator(`.result[data-check-id="${id}"]`).getAttribute('class')) ?? '', /state-pass/, `${id} passes`);
    }
    const sections = await frame.locator('#results .area h2').allInnerTexts();
    assert.ok(sections.some((s) => s.startsWith('Network')), `sections: ${sections.join(' | ')}`);
    const title = await frame.locator('.result[data-check-id="net.dns"] .result-title').innerText();
    assert.equal(title.length > 0, true);
  });

  it('a closed port: net.tcp fails with its fix, and "Re-run" runs it again', async () => {
    const frame = await workbench.step('open diagnostics for a closed port', () => openDiagnostics(`127.0.0.1:${closed}`));
    await workbench.step('the run finishes', () => waitForRun(frame));
    const tcp = frame.locator('.result[data-check-id="net.tcp"]');
    assert.match((await tcp.getAttribute('class')) ?? '', /state-fail/);
    assert.match(await tcp.locator('.result-summary').innerText(), /refused|ECONNREFUSED/i);
    assert.match(await tcp.locator('.fix-command').first().innerText(), new RegExp(`nc -vz 127\\.0\\.0\\.1 ${closed}`));
    assert.equal(await tcp.locator('vscode-button', { hasText: 'Run in terminal' }).count(), 1);
    await tcp.scrollIntoViewIfNeeded();
    await workbench.screenshot('closed-port-dark');
    // Keyboard: the fix's buttons are reachable with Tab and pressed with Enter.
    await tcp.locator('vscode-button', { hasText: 'Re-run' }).focus();
    await workbench.page.keyboard.press('Enter');
    await workbench.step('the re-run finishes', async () => {
      await poll('net.tcp to be re-run', 20_000, async () => /Re-running|passed/.test(await frame.locator('#status').innerText()));
      await waitForRun(frame);
    });
    assert.match((await tcp.getAttribute('class')) ?? '', /state-fail/);
  });

  it('HTML and <script> in a registry\'s error render as text and run nothing; the report is copied', async () => {
    const frame = await workbench.step('open diagnostics for the front that answers 403 with HTML', () => openDiagnostics(front.host));
    await workbench.step('the run finishes', () => waitForRun(frame));
    const firewall = frame.locator('.result[data-check-id="net.firewall"]');
    assert.match((await firewall.getAttribute('class')) ?? '', /state-fail/);
    await firewall.locator('details.evidence summary').click();
    const text = await firewall.locator('details.evidence pre').innerText();
    assert.ok(text.includes("<script>document.title='pwned-script'</script>") && text.includes('<img src=x onerror='), `the markup shows as text: ${text}`);
    const injected = await frame.locator('#results img, #results script').count();
    assert.equal(injected, 0, 'no element was created from the registry\'s text');
    const pageTitle = await frame.locator('html').evaluate(() => document.title);
    assert.doesNotMatch(pageTitle, /pwned/);
    assert.ok(!workbench.consoleErrors.some((e) => /pwned/.test(e)));
    assert.deepEqual(workbench.consoleErrors.filter((e) => /Content Security Policy/i.test(e)), [], 'the page itself needs nothing its CSP forbids');
    await frame.locator('.area[aria-label="Network"]').scrollIntoViewIfNeeded();
    await workbench.screenshot('injection-dark');

    await workbench.step('copy the report', () => frame.locator('#copy-report').click());
    let clip = '';
    await poll('the report on the clipboard', 20_000, async () => {
      clip = await workbench.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return clip.startsWith('# check-health');
    });
    assert.match(clip, new RegExp(`^# check-health ${front.host.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(clip, /\| ✖ FAIL \| `net\.firewall` \|/);
    // Outside code blocks (shown verbatim by every Markdown renderer) the markup is escaped.
    const prose = clip.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
    assert.doesNotMatch(prose, /<img|<script/);
    assert.match(clip, /<details><summary>Evidence<\/summary>/);
    assert.match(await frame.locator('#notice').innerText(), /clipboard/);
  });

  it('light and high-contrast themes', async () => {
    await workbench.step('light theme', () => setTheme('Default Light Modern', /(^|\s)vs(\s|$)/));
    await workbench.screenshot('injection-light');
    await workbench.step('high-contrast theme', () => setTheme('Default High Contrast', /\bhc-black\b/));
    await workbench.screenshot('injection-high-contrast');
    // The webview's own files are served by its service worker under *.vscode-resource.vscode-cdn.net
    // (never resolved: Chromium maps every name but loopback to NOTFOUND); anything else would be off the machine.
    assert.deepEqual(workbench.offLoopback.filter((url) => !/^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\/.*\/extensions\/acr-doctor\.acr-doctor-[^/]+\/media\//.test(url)), []);
  });
});
