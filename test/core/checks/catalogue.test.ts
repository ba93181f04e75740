import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withChecksTable } from '../../../scripts/gen-docs';
import { allChecks } from '../../../src/core/checks/catalogue';
import { CHECK_AREAS } from '../../../src/core/checks/types';

test('every check: a unique id, in its area, in a file named after it, with FAQ ids and a title', () => {
  const ids = allChecks().map((c) => c.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const { meta } of allChecks()) {
    const [area, name] = meta.id.split('.') as [string, string];
    assert.equal(meta.area, area, meta.id);
    assert.ok((CHECK_AREAS as readonly string[]).includes(area), meta.id);
    assert.ok(existsSync(join('src/core/checks', area, `${name}.ts`)), `${meta.id} lives in src/core/checks/${area}/${name}.ts`);
    assert.ok(meta.faq.length > 0 && meta.faq.every((f) => /^F\d{2}$/.test(f)), meta.id);
    for (const dep of meta.dependsOn ?? []) assert.ok(ids.includes(dep), `${meta.id} depends on a known check (${dep})`);
  }
});

test('the data-plane ids FAQ-MAP names for net.*, auth.* (but the management auth.role-mode) and repo.* are all implemented', (t) => {
  const map = join('..', '..', 'shared', 'faq', 'FAQ-MAP.md');
  const path = existsSync(map) ? map : '/work/shared/faq/FAQ-MAP.md';
  if (!existsSync(path)) return t.skip('FAQ-MAP.md is not beside this worktree');
  const named = new Set([...readFileSync(path, 'utf8').matchAll(/`((?:net|auth|repo)\.[a-z-]+)`/g)].map((m) => m[1] as string));
  named.delete('auth.role-mode');
  const ids = new Set(allChecks().map((c) => c.meta.id));
  assert.deepEqual([...named].filter((id) => !ids.has(id)), []);
});

test('the README checks table is current (node --import tsx scripts/gen-docs.ts)', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withChecksTable(readme));
});
