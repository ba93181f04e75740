// Property tests of the cleanup planner over random manifest graphs: tags, locks, indexes (nested),
// referrers (subject), and for each manifest how much the planner was shown of it (read, only listed,
// unreadable, or known as a referrer from the referrers API). The TRUE graph decides what must survive;
// the planner sees only what was read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CleanupPlanner, type ManifestInfo } from '../../../src/core/registry';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const IMAGE = 'application/vnd.oci.image.manifest.v1+json';
const digestOf = (i: number): string => `sha256:${i.toString(16).padStart(64, '0')}`;

type Seen = 'read' | 'listed' | 'unreadable' | 'referrersApi';
interface Node {
  index: boolean;
  tagged: boolean;
  locked: boolean;
  /** Children (indexes) and subject point only at higher-numbered nodes: content digests cannot form cycles. */
  children: number[];
  subject?: number;
  seen: Seen;
  /** An unreadable manifest's media type may itself be unknown. */
  mediaTypeKnown: boolean;
}

const graph = fc.integer({ min: 1, max: 12 }).chain((size) =>
  fc.tuple(
    ...Array.from({ length: size }, (_, i) => {
      const later = size - i - 1;
      return fc.record({
        index: fc.boolean(),
        tagged: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        locked: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        children: later > 0 ? fc.uniqueArray(fc.integer({ min: i + 1, max: size - 1 }), { maxLength: 3 }) : fc.constant<number[]>([]),
        subject: later > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: i + 1, max: size - 1 }) }) : fc.constant(undefined),
        seen: fc.constantFrom<Seen>('read', 'read', 'read', 'read', 'listed', 'unreadable', 'referrersApi'),
        mediaTypeKnown: fc.boolean(),
      });
    }),
  ),
);

/** What the planner is shown of node `i`, as the client would build it. */
function shown(node: Node, i: number): ManifestInfo {
  const mediaType = node.index ? INDEX : IMAGE;
  const base: ManifestInfo = {
    digest: digestOf(i),
    tags: node.tagged ? [`t${i}`] : [],
    references: [],
    mediaType,
    ...(node.locked ? { changeableAttributes: { deleteEnabled: false } } : {}),
  };
  const children = node.index ? node.children.map(digestOf) : [];
  const subject = node.subject === undefined ? undefined : digestOf(node.subject);
  switch (node.seen) {
    case 'read':
      return { ...base, references: children, subject, read: { references: true, subject: true } };
    case 'listed':
      return base;
    case 'unreadable':
      return { ...base, mediaType: node.mediaTypeKnown ? mediaType : undefined, unreadable: 'HTTP 500 while reading it' };
    case 'referrersApi':
      // Found through the referrers API: its subject is known, its own body was not read.
      return subject === undefined ? base : { ...base, subject };
  }
}

/** Digests that must survive: reachable in the TRUE graph from a tag or a lock, through children and referrers. */
function mustSurvive(nodes: Node[]): Set<string> {
  const kept = new Set<number>();
  const queue = nodes.flatMap((node, i) => (node.tagged || node.locked ? [i] : []));
  for (const i of queue) kept.add(i);
  while (queue.length > 0) {
    const i = queue.shift() as number;
    const next = [...(nodes[i].index ? nodes[i].children : []), ...nodes.flatMap((node, j) => (node.subject === i ? [j] : []))];
    for (const j of next) {
      if (kept.has(j)) continue;
      kept.add(j);
      queue.push(j);
    }
  }
  return new Set([...kept].map(digestOf));
}

const planFor = (nodes: Node[]) => new CleanupPlanner().plan(nodes.map(shown));
const deletedBy = (plan: ReturnType<typeof planFor>) => plan.filter((d) => d.action === 'delete').map((d) => d.digest);

test('property: no plan deletes a manifest reachable from a tag or a lock', () => {
  fc.assert(
    fc.property(graph, (nodes) => {
      const survive = mustSurvive(nodes);
      for (const digest of deletedBy(planFor(nodes))) assert.ok(!survive.has(digest), `deleted ${digest}, which a tag or lock needs`);
    }),
    { numRuns: 1000 },
  );
});

test('property: with an index that could not be read (or was only listed), nothing untagged is deleted', () => {
  fc.assert(
    fc.property(graph, (nodes) => {
      const opaqueIndex = nodes.some((node) => (node.seen === 'unreadable' && (node.index || !node.mediaTypeKnown)) || ((node.seen === 'listed' || node.seen === 'referrersApi') && node.index));
      fc.pre(opaqueIndex);
      const plan = planFor(nodes);
      assert.deepEqual(deletedBy(plan), []);
      // And the plan says why: a kept manifest no tag or lock reaches names the read (or its kept parent/subject).
      const survive = mustSurvive(nodes);
      for (const decision of plan) {
        if (!survive.has(decision.digest)) assert.match(decision.reason, /read|could hold|of kept/, decision.reason);
      }
    }),
    { numRuns: 300 },
  );
});

test('property: when everything was read, exactly the true orphans are deleted, each after what references it', () => {
  fc.assert(
    fc.property(graph, (nodes) => {
      const allRead = nodes.map((node) => ({ ...node, seen: 'read' as const }));
      const plan = planFor(allRead);
      const survive = mustSurvive(allRead);
      assert.deepEqual(new Set(deletedBy(plan)), new Set(allRead.map((_, i) => digestOf(i)).filter((digest) => !survive.has(digest))));
      assert.equal(plan.length, allRead.length, 'one decision per manifest');
      const position = new Map(plan.map((d, i) => [d.digest, i]));
      for (const decision of plan) for (const blocker of decision.deleteAfter ?? []) assert.ok((position.get(blocker) ?? -1) < (position.get(decision.digest) ?? -1));
    }),
    { numRuns: 500 },
  );
});
