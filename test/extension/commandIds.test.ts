// One command table: every id in commandIds.ts is contributed in package.json and the other way round.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { COMMAND_IDS } from '../../src/extension/commandIds';

interface Manifest {
  contributes: { commands: Array<{ command: string; title: string }>; menus: { commandPalette: Array<{ command: string; when?: string }> } };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;

test('package.json contributes exactly the commands in COMMAND_IDS', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMAND_IDS).sort());
});

test('every contributed command has a localised title in package.nls.json', () => {
  const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
  for (const { command, title } of manifest.contributes.commands) {
    const key = /^%(.+)%$/.exec(title)?.[1];
    assert.ok(key && nls[key], `${command}: title ${title} is not in package.nls.json`);
  }
});

test('the hidden quick-fix marker is not offered in the palette', () => {
  const hidden = manifest.contributes.menus.commandPalette.find((entry) => entry.command === COMMAND_IDS.quickFixApplied);
  assert.equal(hidden?.when, 'false');
});
