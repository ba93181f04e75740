import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRuleMeta } from '../../../src/core/lint/catalogue';
import { rulesMarkdown, withRulesTable } from '../../../scripts/gen-docs';

test('docs/rules.md and the README rules table are generated from the current catalogue', () => {
  const hint = 'run: node --import tsx scripts/gen-docs.ts';
  assert.equal(readFileSync('docs/rules.md', 'utf8'), rulesMarkdown(), `docs/rules.md is stale; ${hint}`);
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withRulesTable(readme), `README.md rules table is stale; ${hint}`);
});

test('every rule has an anchor in docs/rules.md that its docs URL points at', () => {
  const doc = rulesMarkdown();
  for (const meta of allRuleMeta()) assert.ok(doc.includes(`<a id="${meta.code.toLowerCase()}"></a>`), meta.code);
});
