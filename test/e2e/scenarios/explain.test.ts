// Scenario: explaining an error from the integrated terminal, as a user meets one. A command prints a
// registry failure message; ACR Doctor underlines it; hovering shows "Explain with ACR Doctor" and
// Ctrl+click opens the diagnostics panel with the explanation as its own section. A firewall 403 that
// names no registry is explained without a run; an "unauthorized" line naming the seeded local
// registry (docker-registry with htpasswd on 127.0.0.1) runs its deciding checks against that registry
// and the section shows their results and the verdict; the copied Markdown report carries the section.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { normalizeSpaces, poll, Workbench } from '../workbench';
import { pushImage, startDockerRegistry, targetFor, type RunningRegistry } from '../../fixtures/registry/index';

const FIREWALL = "denied: client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.";

describe('explain an error from the terminal', () => {
  let workbench: Workbench;
  let registry: RunningRegistry;

  before(async () => {
    registry = await startDockerRegistry({ auth: 'htpasswd' });
    await pushImage(targetFor(registry), 'team/app', { tag: 'v1' });
    workbench = await Workbench.launch({
      scenario: 'explain',
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        // The DOM renderer: the terminal's rows are elements, so the test can find the words to point at.
        'terminal.integrated.gpuAcceleration': 'off',
        'acrDoctor.registries': [{ host: registry.host }],
      },
    });
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(workbench.host.url).origin });
  });
  after(async () => {
    await registry?.stop();
    await workbench?.close();
  });

  const terminalRows = () => workbench.page.locator('.terminal-wrapper .xterm-rows > div');

  /** Types a command into the terminal (opened or focused through the palette) and waits for its output. */
  async function runInTerminal(command: string, output: string): Promise<void> {
    const open = await terminalRows().count().catch(() => 0);
    await workbench.runCommand(open > 0 ? 'Terminal: Focus Terminal' : 'Terminal: Create New Terminal');
    await terminalRows().first().waitFor({ state: 'visible', timeout: 30_000 });
    // Type only once the shell shows its prompt: keys typed before that are echoed raw and garble the rows.
    await poll('the shell prompt', 20_000, async () => (await terminalRows().allInnerTexts()).map(normalizeSpaces).some((row) => /[#$] ?$/.test(row.trimEnd() + ' ')));
    await workbench.page.keyboard.type(command);
    await workbench.page.keyboard.press('Enter');
    // The output row: the command line itself holds the words too, but inside quotes, after `echo`.
    await poll(`the terminal to print ${output}`, 20_000, async () => (await outputRowIndex(output)) >= 0);
  }

  /** Index of the last terminal row that holds `words` and is not the typed command. */
  async function outputRowIndex(words: string): Promise<number> {
    const rows = (await terminalRows().allInnerTexts()).map(normalizeSpaces);
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.includes(words) && !rows[i]!.includes('echo ')) return i;
    return -1;
  }

  /** Where `words` stand on screen in that row (the centre of their first character box run). */
  async function pointAt(words: string): Promise<{ x: number; y: number }> {
    let box: { x: number; y: number } | undefined;
    // Bounded: the terminal may re-render (and re-wrap) its rows between reading and measuring them.
    await poll(`"${words}" on screen`, 5_000, async () => {
      box = await boxOf(words);
      return box !== undefined;
    });
    assert.ok(box, `"${words}" is not in the terminal row`);
    return box;
  }

  async function boxOf(words: string): Promise<{ x: number; y: number } | undefined> {
    const index = await outputRowIndex(words);
    if (index < 0) return undefined;
    const row = terminalRows().nth(index);
    return row.evaluate((element, target) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const text = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
      let at = text.indexOf(target);
      if (at < 0) return undefined;
      // The first few characters are enough to hover the link (it covers the whole message).
      for (const node of nodes) {
        if (at < node.data.length) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, Math.min(node.data.length, at + 4));
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
        at -= node.data.length;
      }
      return undefined;
    }, words);
  }

  /** Hovers the underlined message, checks the hover offers the explanation, then Ctrl+clicks it. */
  async function explainFromTerminal(words: string, shot: string): Promise<void> {
    const { x, y } = await pointAt(words);
    const hover = workbench.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Explain with ACR Doctor' });
    // The hover comes after the workbench's hover delay; each try moves onto the words and waits for it.
    await poll('the hover "Explain with ACR Doctor"', 30_000, async () => {
      await workbench.page.mouse.move(x - 40, y + 40);
      await workbench.page.mouse.move(x, y, { steps: 4 });
      return hover.first().waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false);
    });
    await workbench.screenshot(shot);
    await workbench.page.keyboard.down('Control');
    await workbench.page.mouse.click(x, y);
    await workbench.page.keyboard.up('Control');
  }

  async function explanationSection(tabTitle: string): Promise<FrameLocator> {
    await workbench.page.locator('.tabs-container .tab.active').filter({ hasText: tabTitle }).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = workbench.webviewFrame();
    await frame.locator('section.explanation').waitFor({ state: 'visible', timeout: 30_000 });
    return frame;
  }

  it('a firewall 403 printed in the terminal is underlined; Ctrl+click explains it in the panel', async () => {
    await workbench.step('print the message in the terminal', () => runInTerminal(`echo "${FIREWALL}"`, 'is not allowed access'));
    await workbench.step('hover and Ctrl+click the underlined message', () => explainFromTerminal("client with IP '203.0.113.7'", 'firewall-hover'));
    const frame = await workbench.step('the panel shows the explanation', () => explanationSection('Explained error'));
    const section = frame.locator('section.explanation');
    assert.match(await section.locator('h2').innerText(), /^Explained error: denied: client with IP '…' is not allowed access$/);
    assert.match(await section.locator('.explanation-line').innerText(), /^Line 1\b/);
    assert.ok((await section.locator('.explanation-excerpt').innerText()).includes(FIREWALL), 'the excerpt is the printed line');
    assert.match(await section.locator('.explanation-names').innerText(), /client IP 203\.0\.113\.7/);
    assert.match(await section.locator('.explanation-not-checked').innerText(), /names no registry/);
    assert.notEqual(await frame.locator('#rerun-all').getAttribute('disabled'), null, 'nothing to re-run');
    const causes = section.locator('li.cause');
    assert.ok((await causes.count()) >= 2, 'the likely causes are listed');
    assert.match(await causes.first().locator('.cause-summary').innerText(), /not in the registry's IP rules/);
    assert.equal(await causes.first().locator('[data-deciding-check="net.firewall"]').count(), 1);
    assert.match(await causes.first().locator('.cause-fix').innerText(), /203\.0\.113\.7/);
    await workbench.screenshot('firewall-explained');
  });

  it('an "unauthorized" line naming the local registry runs its deciding checks there and gives the verdict', async () => {
    await workbench.runCommand('View: Close All Editors');
    const line = `Error response from daemon: Head "http://${registry.host}/v2/team/app/manifests/v1": unauthorized: authentication required`;
    await workbench.step('print the message in the terminal', () => runInTerminal(`echo '${line}'`, 'unauthorized'));
    await workbench.step('hover and Ctrl+click the underlined message', () => explainFromTerminal('unauthorized', 'unauthorized-hover'));
    const frame = await workbench.step('the panel opens for the registry it names', () => explanationSection(`Diagnostics: ${registry.host}`));
    const section = frame.locator('section.explanation');
    assert.match(await section.locator('h2').innerText(), /unauthorized/i);
    assert.match(await section.locator('.explanation-names').innerText(), new RegExp(`${registry.host.replace(/\./g, '\\.')} · repository team/app · tag v1`));
    await workbench.step('the deciding checks run and the verdict is given', async () => {
      let status = '';
      await poll('the run to finish', 90_000, async () => {
        status = (await frame.locator('#status').innerText().catch(() => '')) ?? '';
        return /\d+ passed, \d+ warnings, \d+ failed/.test(status);
      }, () => `status: ${status}`);
      await section.locator('.explanation-verdict').waitFor({ state: 'visible', timeout: 10_000 });
    });
    // Nobody logged in to the registry from this workbench: auth.credentials decides it, not the repository check (which cannot tell).
    assert.match(await section.locator('.explanation-verdict').innerText(), /^Verdict: .*No valid login/);
    assert.match(await section.locator('[data-deciding-check="auth.credentials"]').first().innerText(), /No credentials for /);
    // The section's deciding checks carry the run's results; those the run has are not waiting any more.
    const tagExists = section.locator('[data-deciding-check="repo.tag-exists"]').first();
    assert.doesNotMatch((await tagExists.getAttribute('class')) ?? '', /state-(pending|running|not-run)/);
    // Only the deciding checks ran, they are the panel's results too, and the section shows what they found.
    const tagResult = frame.locator('.result[data-check-id="repo.tag-exists"] .result-summary');
    assert.equal(await tagResult.count(), 1);
    const summary = normalizeSpaces(await tagResult.innerText());
    assert.ok(summary.length > 0);
    assert.equal(normalizeSpaces(await tagExists.locator('.deciding-summary').innerText()), summary);
    assert.ok((await section.locator('.cause-verdict').count()) > 0, 'each cause is marked as the checks decided');
    await section.scrollIntoViewIfNeeded();
    await workbench.screenshot('unauthorized-explained');

    await workbench.step('copy the report', () => frame.locator('#copy-report').click());
    let clip = '';
    await poll('the report on the clipboard', 20_000, async () => {
      clip = await workbench.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return clip.startsWith('# check-health');
    });
    assert.match(clip, /^## Explained error \(line 1\): /m);
    assert.match(clip, /^\*\*Verdict:\*\* /m);
    assert.ok(clip.indexOf('## Explained error') < clip.indexOf('## repo'), 'the explanation comes before the results');
    assert.deepEqual(workbench.consoleErrors.filter((e) => /Content Security Policy/i.test(e)), [], 'the section needs nothing the CSP forbids');
  });
});
