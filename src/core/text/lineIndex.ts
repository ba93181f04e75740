/** 0-based position, UTF-16 code units, as in LSP and VS Code. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit by offsets into the text (what jsonc-parser's `modify` returns). */
export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * Converts between offsets and line/character positions. Built once per text;
 * lookups are a binary search, so rules may call it freely.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeAt(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: this.positionAt(this.lineEnd(line)) };
  }

  toTextEdit(edit: OffsetEdit): TextEdit {
    return { range: this.rangeAt(edit.offset, edit.length), newText: edit.content };
  }

  /** The line break the file already uses, so inserted lines match it. */
  get eol(): string {
    return /\r\n/.test(this.text) ? '\r\n' : '\n';
  }
}

/**
 * Applies edits to a text. Edits must not overlap; overlapping later edits are
 * dropped (returned in `skipped`) rather than corrupting the text.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const index = new LineIndex(text);
  const withOffsets = edits.map((edit, order) => ({
    edit,
    order,
    start: index.offsetAt(edit.range.start),
    end: index.offsetAt(edit.range.end),
  }));
  withOffsets.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const kept: typeof withOffsets = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const item of withOffsets) {
    if (item.start < lastEnd) {
      skipped.push(item.edit);
      continue;
    }
    kept.push(item);
    lastEnd = Math.max(lastEnd, item.end);
  }
  let out = '';
  let cursor = 0;
  for (const item of kept) {
    out += text.slice(cursor, item.start) + item.edit.newText;
    cursor = item.end;
  }
  out += text.slice(cursor);
  return { text: out, skipped };
}
