import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CleanupPlanner, type ManifestInfo } from '../../../src/core/registry';

const d = (name: string): string => `sha256:${name.padEnd(64, '0')}`;
/** A manifest whose content was read (children and subject known), unless `extra` says otherwise. */
const m = (name: string, extra: Partial<ManifestInfo> = {}): ManifestInfo => ({ digest: d(name), tags: [], references: [], read: { references: true, subject: true }, ...extra });

interface Row {
  name: string;
  manifests: ManifestInfo[];
  /** digest name → expected action, and a fragment the reason must contain. */
  expect: Record<string, ['keep' | 'delete', RegExp]>;
}

const rows: Row[] = [
  {
    name: 'tagged image kept, untagged orphan deleted',
    manifests: [m('a1', { tags: ['v1'] }), m('b2')],
    expect: { a1: ['keep', /tagged v1/], b2: ['delete', /untagged, and not referenced/] },
  },
  {
    name: 'platform manifests of a tagged index are kept (the FAQ query would delete them)',
    manifests: [m('1d', { tags: ['latest'], references: [d('aa'), d('bb')] }), m('aa', { platform: { os: 'linux', architecture: 'amd64' } }), m('bb', { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } })],
    expect: { '1d': ['keep', /tagged latest/], aa: ['keep', /platform manifest \(linux\/amd64\) of kept index/], bb: ['keep', /linux\/arm\/v7/] },
  },
  {
    name: 'nested index: children of a child index are kept transitively',
    manifests: [m('0a', { tags: ['multi'], references: [d('1b')] }), m('1b', { references: [d('2c'), d('3d')] }), m('2c'), m('3d'), m('4e')],
    expect: { '0a': ['keep', /tagged multi/], '1b': ['keep', /of kept index/], '2c': ['keep', /of kept index sha256:1b/], '3d': ['keep', /kept index/], '4e': ['delete', /untagged/] },
  },
  {
    name: 'referrer of a kept manifest is kept, and so is the referrer of that referrer',
    manifests: [m('5a', { tags: ['v1'] }), m('5b', { subject: d('5a'), artifactType: 'application/vnd.cncf.notary.signature' }), m('5c', { subject: d('5b') })],
    expect: { '5a': ['keep', /tagged/], '5b': ['keep', /notary\.signature referrer of kept/], '5c': ['keep', /referrer of kept sha256:5b/] },
  },
  {
    name: 'referrer of a deleted manifest is deleted (before its subject)',
    manifests: [m('6a'), m('6b', { subject: d('6a') })],
    expect: { '6a': ['delete', /untagged/], '6b': ['delete', /referrer of sha256:6a.*deleted too/] },
  },
  {
    name: 'referrer whose subject is gone is deleted',
    manifests: [m('7b', { subject: d('ff') })],
    expect: { '7b': ['delete', /no longer exists/] },
  },
  {
    name: 'locked orphan stays, with the lock as the reason; what it references stays too',
    manifests: [m('8a', { references: [d('8b')], changeableAttributes: { deleteEnabled: false } }), m('8b'), m('8c', { changeableAttributes: { deleteEnabled: true } })],
    expect: { '8a': ['keep', /locked against deletion/], '8b': ['keep', /of kept index sha256:8a.*locked/], '8c': ['delete', /untagged/] },
  },
  {
    name: 'a read-only orphan (writeEnabled false) is locked against deletion too',
    manifests: [m('ab', { changeableAttributes: { deleteEnabled: true, writeEnabled: false } })],
    expect: { ab: ['keep', /writeEnabled: false/] },
  },
  {
    name: 'untagged index and its untagged children all go',
    manifests: [m('9a', { references: [d('9b')] }), m('9b')],
    expect: { '9a': ['delete', /untagged/], '9b': ['delete', /only referenced by index sha256:9a/] },
  },
  {
    name: 'a child shared by a kept and a deleted index is kept',
    manifests: [m('aa', { tags: ['t'], references: [d('cc')] }), m('bb', { references: [d('cc')] }), m('cc')],
    expect: { aa: ['keep', /tagged/], bb: ['delete', /untagged/], cc: ['keep', /kept index sha256:aa/] },
  },
  { name: 'empty input', manifests: [], expect: {} },
];

for (const row of rows) {
  test(`CleanupPlanner: ${row.name}`, () => {
    const plan = new CleanupPlanner().plan(row.manifests);
    assert.equal(plan.length, new Set(row.manifests.map((x) => x.digest)).size, 'one decision per manifest');
    for (const [name, [action, reason]] of Object.entries(row.expect)) {
      const decision = plan.find((p) => p.digest === d(name));
      assert.ok(decision, `decision for ${name}`);
      assert.equal(decision.action, action, `${name}: ${decision.reason}`);
      assert.match(decision.reason, reason);
    }
    // Safe order: every delete comes after the deletes that reference it.
    const position = new Map(plan.map((p, i) => [p.digest, i]));
    for (const decision of plan) {
      for (const blocker of decision.deleteAfter ?? []) assert.ok((position.get(blocker) ?? -1) < (position.get(decision.digest) ?? -1), `${blocker} before ${decision.digest}`);
    }
  });
}

test('CleanupPlanner: deletes come after their index and referrers in the plan order', () => {
  const plan = new CleanupPlanner().plan([m('c1'), m('b1', { references: [d('c1')] }), m('a1', { subject: d('b1') })]);
  assert.deepEqual(
    plan.map((p) => p.digest),
    [d('a1'), d('b1'), d('c1')],
  );
  assert.deepEqual(plan.find((p) => p.digest === d('c1'))?.deleteAfter, [d('b1')]);
});

test('CleanupPlanner: is pure (input untouched, same answer twice)', () => {
  const input = [m('aa', { tags: ['x'], references: [d('bb')] }), m('bb'), m('cc')];
  const snapshot = structuredClone(input);
  const planner = new CleanupPlanner();
  assert.deepEqual(planner.plan(input), planner.plan(input));
  assert.deepEqual(input, snapshot);
});
