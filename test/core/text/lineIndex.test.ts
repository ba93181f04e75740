import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyTextEdits, LineIndex } from '../../../src/core/text/lineIndex';

test('positions and offsets round-trip across \\n, \\r\\n and \\r line breaks', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  for (let offset = 0; offset <= text.length; offset++) {
    const pos = index.positionAt(offset);
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF pair
    assert.equal(index.offsetAt(pos), offset, `offset ${offset}`);
  }
  assert.deepEqual(index.positionAt(text.indexOf('e')), { line: 2, character: 0 });
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.eol, '\r\n');
});

test('applyTextEdits applies in any order and refuses overlaps', () => {
  const text = 'hello world';
  const index = new LineIndex(text);
  const result = applyTextEdits(text, [
    { range: index.rangeAt(6, 5), newText: 'there' },
    { range: index.rangeAt(0, 5), newText: 'HELLO' },
    { range: index.rangeAt(3, 4), newText: 'x' },
  ]);
  assert.equal(result.text, 'HELLO there');
  assert.equal(result.skipped.length, 1);
});
