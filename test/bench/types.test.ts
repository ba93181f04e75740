// The bench's verdict line: a ratio with an aim is judged; one without an aim is only reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ratioLine } from '../../bench/types';

test('a ratio with an aim prints met or NOT met', () => {
  assert.equal(ratioLine({ label: 'client ÷ bare fetch', value: 1.02, aim: '≤ 1.1×', met: true }), '=> client ÷ bare fetch: 1.02  (aim ≤ 1.1×: met)');
  assert.equal(ratioLine({ label: 'speedup over sequential', value: 3.1, aim: '≥ 5×', met: false }), '=> speedup over sequential: 3.1  (aim ≥ 5×: NOT met)');
});

test('a ratio without an aim prints its figure and no verdict', () => {
  const line = ratioLine({ label: 'cli with digests ÷ skopeo', value: 168 });
  assert.equal(line, '=> cli with digests ÷ skopeo: 168');
  assert.doesNotMatch(line, /met|aim/);
});
