import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KeywordScanner } from '../../../src/core/explain/keywords';
import { MESSAGE_FAMILIES } from '../../../src/core/explain/index';

const KEYWORDS = [...new Set(MESSAGE_FAMILIES.flatMap((f) => f.keywords))];

/** The obvious answer: the earliest start (a byte offset in its UTF-8) of any keyword, ignoring ASCII case. */
function naiveNext(text: string, from: number): number {
  const lower = Buffer.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8');
  let best = -1;
  for (const k of KEYWORDS) {
    const i = lower.indexOf(k, from);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

test('KeywordScanner finds exactly the occurrences a naive search finds, in any case', () => {
  const scanner = new KeywordScanner(KEYWORDS);
  const piece = fc.oneof(
    fc.constantFrom(...KEYWORDS),
    fc.constantFrom(...KEYWORDS).map((k) => k.toUpperCase()),
    fc.constantFrom(...KEYWORDS).map((k) => k.slice(0, Math.max(1, k.length - 2))),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(' ', '\n', '_', '\u007f', ':', 'é'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(40), (pieces, fromSeed) => {
      const text = pieces.join('');
      const bytes = Buffer.from(text, 'utf8');
      const from = bytes.length === 0 ? 0 : fromSeed % (bytes.length + 1);
      const expected = naiveNext(text, from);
      const found = scanner.next(bytes, from);
      // Folding maps '_' and DEL together: a DEL where a keyword has '_' is an extra candidate only.
      if (found !== expected) assert.ok(found >= 0 && found < expected && bytes.subarray(found).includes(0x7f), `next(${JSON.stringify(text)}, ${from}) = ${found}, expected ${expected}`);
    }),
    { numRuns: 2000 },
  );
});

test('the end bound: an occurrence starting at or after end is not reported', () => {
  const scanner = new KeywordScanner(['dial tcp']);
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  assert.equal(scanner.next(bytes('xx dial tcp yy'), 0, 3), -1);
  assert.equal(scanner.next(bytes('xx dial tcp yy'), 0, 4), 3);
  assert.equal(scanner.next(bytes('xx DIAL TCP yy'), 1), 3);
  assert.equal(scanner.next(bytes('dial tc'), 0), -1);
  assert.equal(scanner.next(bytes('é dial tcp'), 0), 3, 'a byte offset: é is two bytes');
  assert.equal(scanner.occursIn('ÉÉ DIAL TCP'), true);
  assert.equal(scanner.occursIn('dial  tcp'), false);
});
