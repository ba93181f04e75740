// Scenario 1: the packaged extension activates in a real VS Code without errors and its
// commands are in the command palette.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID, REPO_ROOT } from '../host';
import { normalizeSpaces, poll, Workbench } from '../workbench';

/** Palette titles of our commands that the palette shows everywhere (no `when` clause). */
function paletteCommandTitles(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes?: { commands?: Array<{ command: string; title: string; category?: string }>; menus?: { commandPalette?: Array<{ command: string; when?: string }> } };
  };
  const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const conditional = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((entry) => entry.when).map((entry) => entry.command));
  return (manifest.contributes?.commands ?? [])
    .filter((command) => !conditional.has(command.command))
    .map((command) => `${command.category ? `${command.category}: ` : ''}${command.title.replace(/^%(.*)%$/, (_, key: string) => nls[key] ?? key)}`);
}

describe('activation', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.launch({ scenario: 'activation', copyOf: join(REPO_ROOT, 'examples') });
  });
  after(async () => {
    await workbench?.close();
  });

  it('activates without errors from our extension', async () => {
    await workbench.step('read the extension host log', async () => {
      const log = workbench.extensionHostLog();
      assert.match(log, new RegExp(`_doActivateExtension ${EXTENSION_ID.replace('.', '\\.')}`), 'the extension host never activated ACR Doctor');
      const ours = log.split('\n').filter((line) => /\[error\]/.test(line) && line.includes(EXTENSION_ID));
      assert.deepEqual(ours, [], 'the extension host logged errors for ACR Doctor');
      assert.doesNotMatch(log, /Activating extension acr-doctor\.acr-doctor failed/);
      await workbench.screenshot('activated');
    });
  });

  it('lists its commands in the command palette', async () => {
    const expected = paletteCommandTitles();
    assert.ok(expected.length > 0, 'package.json contributes no commands');
    await workbench.step('search the palette for "ACR Doctor"', async () => {
      const listed = await workbench.searchCommands('ACR Doctor');
      await workbench.screenshot('command-palette');
      assert.ok(listed.filter((title) => title.startsWith('ACR Doctor: ')).length > 0, `palette rows: ${JSON.stringify(listed)}`);
      // The palette renders only the rows that fit, so look each command up by its full title.
      for (const title of expected) {
        const found = await workbench.searchCommands(title);
        assert.ok(found.includes(title), `"${title}" is missing from the palette; searching it lists ${JSON.stringify(found)}`);
      }
      await workbench.dismissOverlays();
    });
  });

  it('runs a command: "ACR Doctor: Show Log" shows its output channel', async () => {
    await workbench.step('run ACR Doctor: Show Log', async () => {
      await workbench.runCommand('ACR Doctor: Show Log');
      // A command that failed to register (activation error) shows "command ... not found" instead.
      const panel = workbench.page.locator('.part.panel');
      await poll('the Output panel to show the "ACR Doctor" channel with its activation line', 20_000, async () => {
        const channel = await panel.locator('select.monaco-select-box').first().inputValue().catch(() => '');
        const text = normalizeSpaces(await panel.locator('.monaco-editor .view-lines').first().innerText().catch(() => ''));
        return channel === 'ACR Doctor' && /activated/i.test(text);
      });
      await workbench.screenshot('show-log');
    });
  });

  it('keeps all traffic on loopback', async () => {
    await workbench.step('check requests and console', async () => {
      assert.deepEqual(workbench.offLoopback, [], 'the workbench tried to reach hosts other than 127.0.0.1');
      const resolveFailures = workbench.consoleErrors.filter((text) => /ENOTFOUND|ERR_NAME_NOT_RESOLVED/.test(text));
      assert.deepEqual(resolveFailures, [], 'something (browser or server) tried to resolve a non-loopback host name');
    });
  });
});
