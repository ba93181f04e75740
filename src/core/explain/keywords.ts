/**
 * Finds the next occurrence of any of a set of keywords in UTF-8 bytes, ASCII-case-insensitively, in one
 * forward pass that skips ahead (Wu–Manber): at each step it reads the three bytes ending a window as
 * long as the shortest keyword and jumps as far as no keyword can start in between. On a CI log that is
 * about one look per eight bytes. Bytes, not strings: a file is scanned as read, with no decoding, and
 * typed-array reads are the cheapest V8 has. Case folding is `byte | 0x20`, applied to keywords and text
 * alike; it also folds a few punctuation pairs (`_` with DEL, `[` with `{`) and bytes of multi-byte
 * characters among themselves, which can only add candidates the caller then rejects.
 */
export class KeywordScanner {
  private readonly keywords: Uint8Array[];
  /** Window length: the shortest keyword. */
  private readonly m: number;
  private readonly shift: Uint8Array;
  /** Keywords (indices into `candidates`) whose window ends in hash h: candidates[first[h] .. first[h + 1]). */
  private readonly first: Uint32Array;
  private readonly candidates: Uint32Array;

  constructor(keywords: readonly string[]) {
    const unique = [...new Set(keywords.map((k) => k.toLowerCase()))].filter((k) => Buffer.byteLength(k) >= 3);
    if (unique.length === 0) throw new Error('KeywordScanner needs at least one keyword of three or more bytes');
    this.keywords = unique.map((k) => Uint8Array.from(Buffer.from(k, 'utf8'), (b) => b | 0x20));
    this.m = Math.min(...this.keywords.map((k) => k.length));
    const m = this.m;
    this.shift = new Uint8Array(HASH_SIZE).fill(Math.min(255, m - 2));
    const byHash = new Map<number, number[]>();
    this.keywords.forEach((k, index) => {
      for (let q = 2; q < m; q++) {
        const h = hash(k[q - 2], k[q - 1], k[q]);
        this.shift[h] = Math.min(this.shift[h], m - 1 - q);
      }
      const last = hash(k[m - 3], k[m - 2], k[m - 1]);
      byHash.set(last, [...(byHash.get(last) ?? []), index]);
    });
    // Flat arrays: the hot loop reads two numbers instead of looking up a Map.
    this.first = new Uint32Array(HASH_SIZE + 1);
    const flat: number[] = [];
    for (let h = 0; h < HASH_SIZE; h++) {
      this.first[h] = flat.length;
      flat.push(...(byHash.get(h) ?? []));
    }
    this.first[HASH_SIZE] = flat.length;
    this.candidates = Uint32Array.from(flat);
  }

  /** Index of the first keyword occurrence starting in [from, end), or -1. */
  next(bytes: Uint8Array, from: number, end: number = bytes.length): number {
    const m = this.m;
    const shift = this.shift;
    const limit = Math.min(end + m - 1, bytes.length);
    for (let pos = from + m - 1; pos < limit; ) {
      const h = hash(bytes[pos - 2] | 0x20, bytes[pos - 1] | 0x20, bytes[pos] | 0x20);
      const s = shift[h];
      if (s > 0) {
        pos += s;
        continue;
      }
      const start = pos - m + 1;
      for (let c = this.first[h]; c < this.first[h + 1]; c++) {
        if (matchesAt(bytes, start, this.keywords[this.candidates[c]])) return start < end ? start : -1;
      }
      pos += 1;
    }
    return -1;
  }

  /** Whether a string holds any keyword (a terminal line: short, so encoding it costs nothing). */
  occursIn(text: string): boolean {
    return this.next(Buffer.from(text, 'utf8'), 0) >= 0;
  }
}

const HASH_SIZE = 1 << 15;

/** Three folded bytes; a collision only lowers a shift or adds a candidate to check. */
function hash(a: number, b: number, c: number): number {
  return ((a << 10) ^ (b << 5) ^ c) & (HASH_SIZE - 1);
}

function matchesAt(bytes: Uint8Array, start: number, keyword: Uint8Array): boolean {
  if (start + keyword.length > bytes.length) return false;
  for (let i = 0; i < keyword.length; i++) if ((bytes[start + i] | 0x20) !== keyword[i]) return false;
  return true;
}
