import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRuleMeta } from '../../../src/core/lint/catalogue';
import { l10nBundle, rulesMarkdown, withRulesTable, withWhatsNew } from '../../../scripts/gen-docs';

test('docs/rules.md and the README rules table are generated from the current catalogue', () => {
  const hint = 'run: node --import tsx scripts/gen-docs.ts';
  assert.equal(readFileSync('docs/rules.md', 'utf8'), rulesMarkdown(), `docs/rules.md is stale; ${hint}`);
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withRulesTable(readme), `README.md rules table is stale; ${hint}`);
  assert.equal(readme, withWhatsNew(readme, readFileSync('CHANGELOG.md', 'utf8')), `README.md "What's new" differs from the newest CHANGELOG.md entry; ${hint}`);
});

test('every rule has an anchor in docs/rules.md that its docs URL points at', () => {
  const doc = rulesMarkdown();
  for (const meta of allRuleMeta()) assert.ok(doc.includes(`<a id="${meta.code.toLowerCase()}"></a>`), meta.code);
});

test('l10n/bundle.l10n.json lists every string the extension passes to vscode.l10n.t', () => {
  const bundle = l10nBundle();
  assert.ok(Object.keys(JSON.parse(bundle)).some((key) => key.includes('{0}')), 'expected placeholder strings in the bundle');
  assert.equal(readFileSync('l10n/bundle.l10n.json', 'utf8'), bundle, 'l10n bundle is stale; run: npm run docs');
});
