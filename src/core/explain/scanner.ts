import { MESSAGE_FAMILIES } from './catalogue/index';
import { extractFacts } from './extract';
import { KeywordScanner } from './keywords';
import type { Cause, MessageFacts, MessageFamily, Recognition } from './types';

/** Lines longer than this (in bytes) are still scanned, in windows, so a 1 GB line cannot exhaust memory. */
const MAX_LINE_BYTES = 1 << 20;
/** Extraction looks this far around a match (extraction regexes then cost O(1) per match). */
const WINDOW_CHARS = 2048;
/** Lines before a match read for what it names ("The push refers to repository [docker.io/…]"). */
const CONTEXT_LINES = 3;
const CONTEXT_BYTES = 4096;
const EXCERPT_CHARS = 400;
/** A match this many lines after the last one of its family, naming nothing that contradicts it, continues it. */
const CONTINUATION_LINES = 1;
const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);
const NEWLINE_BYTES = Buffer.from('\n');

// Colour codes and other CSI/OSC sequences in CI logs would split keywords and hosts.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ANSI = /\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|[@-Z\\-_])/g;

function orderCauses(family: MessageFamily, facts: MessageFacts, line: string): Cause[] {
  const first = family.rank?.(facts, line) ?? [];
  const byId = new Map(family.causes.map((c) => [c.id, c]));
  const ordered = first.map((id) => byId.get(id)).filter((c): c is Cause => c !== undefined);
  return [...ordered, ...family.causes.filter((c) => !first.includes(c.id))];
}

function excerptAround(line: string, index: number): string {
  if (line.length <= EXCERPT_CHARS) return line.trim();
  const start = Math.max(0, Math.min(index - EXCERPT_CHARS / 4, line.length - EXCERPT_CHARS));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + EXCERPT_CHARS).trim()}${start + EXCERPT_CHARS < line.length ? '…' : ''}`;
}

// The lines docker prints before a push or pull fails name what it was about.
const PUSH_REFERS = /The push refers to repository \[([^\]\s]{1,300})\]/g;

/** What the line lacks, from "The push refers to repository [HOST/REPO]" just before it; nothing else. */
function withContext(facts: MessageFacts, context: string): MessageFacts {
  if (facts.loginServer) return facts;
  let last: string | undefined;
  for (const m of context.matchAll(PUSH_REFERS)) last = m[1];
  if (!last) return facts;
  const slash = last.indexOf('/');
  const first = slash > 0 ? last.slice(0, slash) : '';
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  return { ...facts, loginServer: isHost ? first.toLowerCase() : 'docker.io', repository: facts.repository ?? (isHost ? last.slice(slash + 1) : last) };
}

/**
 * Recognises the failure messages of a text streamed in chunks of UTF-8 bytes: one pass, memory bounded
 * by the longest line (capped), each message reported once with its first line number and how often it
 * recurred. The scan reads bytes as they come (every keyword is ASCII, so no decoding is needed to find
 * them, and a character split across chunks cannot hide one); only matched lines are decoded.
 */
export class ExplainScanner {
  private readonly families: readonly MessageFamily[];
  private readonly keywords: KeywordScanner;
  /** The unfinished last line (a copy: the caller may reuse its chunk). */
  private pending: Buffer = EMPTY;
  /** Tail of the completed lines before `pending`, for context. */
  private context: Buffer = EMPTY;
  private nextLine = 1;
  private readonly found = new Map<string, Recognition>();
  /** Per family, the recognition and line it last matched: a message az prints over two lines is one. */
  private readonly lastMatch = new Map<string, { recognition: Recognition; line: number; /** the words the pattern matched */ text: string }>();

  constructor(families: readonly MessageFamily[] = MESSAGE_FAMILIES) {
    this.families = families;
    this.keywords = new KeywordScanner(families.flatMap((f) => f.keywords));
  }

  /** A chunk of UTF-8 bytes (a string is encoded first). The chunk is not kept: its owner may reuse it. */
  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending.length > 0) {
      // The line the last chunk left unfinished, completed and scanned on its own: joining it to the whole
      // chunk would copy every chunk once more.
      const firstNewline = text.indexOf(NEWLINE);
      const joined = Buffer.concat([this.pending, firstNewline < 0 ? text : text.subarray(0, firstNewline + 1)]);
      this.pending = EMPTY;
      if (firstNewline < 0) {
        this.pending = joined;
        if (this.pending.length > MAX_LINE_BYTES) this.flushLongLine();
        return;
      }
      this.scan(joined, joined.length);
      text = text.subarray(firstNewline + 1);
    }
    const lastNewline = text.lastIndexOf(NEWLINE);
    if (lastNewline >= 0) this.scan(text, lastNewline + 1);
    this.pending = Buffer.from(text.subarray(lastNewline + 1));
    if (this.pending.length > MAX_LINE_BYTES) this.flushLongLine();
  }

  /** The recognitions, in the order their first occurrence appeared. */
  end(): Recognition[] {
    if (this.pending.length > 0) {
      this.scan(Buffer.concat([this.pending, NEWLINE_BYTES]), this.pending.length + 1);
      this.pending = EMPTY;
    }
    return [...this.found.values()].sort((a, b) => a.line - b.line);
  }

  /** A line longer than the cap is scanned as it is and kept as one line (its number does not advance). */
  private flushLongLine(): void {
    const line = this.nextLine;
    this.scan(Buffer.concat([this.pending, NEWLINE_BYTES]), this.pending.length + 1);
    this.nextLine = line;
    this.pending = EMPTY;
  }

  /** Scans text[0, end): whole lines only (text[end - 1] is a newline). */
  private scan(text: Buffer, end: number): void {
    let counted = 0;
    let line = this.nextLine;
    for (let hit = this.keywords.next(text, 0, end); hit >= 0; ) {
      const lineStart = hit > 0 ? text.lastIndexOf(NEWLINE, hit - 1) + 1 : 0;
      const lineEnd = text.indexOf(NEWLINE, hit);
      line += countNewlines(text, counted, lineStart);
      counted = lineStart;
      this.tryLine(text.toString('utf8', lineStart, lineEnd), line, this.contextBefore(text, lineStart));
      hit = lineEnd + 1 < end ? this.keywords.next(text, lineEnd + 1, end) : -1;
    }
    this.nextLine = line + countNewlines(text, counted, end);
    const tail = text.subarray(Math.max(0, end - CONTEXT_BYTES), end);
    this.context = tail.length >= CONTEXT_BYTES ? Buffer.from(tail) : Buffer.concat([this.context, tail]).subarray(-CONTEXT_BYTES);
  }

  private contextBefore(text: Buffer, lineStart: number): string {
    let start = lineStart;
    for (let i = 0; i < CONTEXT_LINES && start > 0; i++) start = start >= 2 ? text.lastIndexOf(NEWLINE, start - 2) + 1 : 0;
    const from = Math.max(start, lineStart - CONTEXT_BYTES);
    const inText = text.toString('utf8', from, lineStart);
    if (start > 0 || lineStart - from >= CONTEXT_BYTES) return inText;
    const lines = this.context.toString('utf8').split('\n');
    return `${lines.slice(-(CONTEXT_LINES + 1)).join('\n')}${inText}`.slice(-CONTEXT_BYTES);
  }

  private tryLine(rawLine: string, line: number, context: string): void {
    const text = rawLine.includes('\x1b') ? rawLine.replace(ANSI, '') : rawLine;
    const matched: Array<{ family: MessageFamily; index: number; matchedText: string; facts: MessageFacts }> = [];
    for (const family of this.families) {
      family.pattern.lastIndex = 0;
      const match = family.pattern.exec(text);
      if (!match) continue;
      const window = text.length <= WINDOW_CHARS * 2 ? text : text.slice(Math.max(0, match.index - WINDOW_CHARS), match.index + WINDOW_CHARS);
      const facts = withContext(extractFacts(window), context.includes('\x1b') ? context.replace(ANSI, '') : context);
      if (family.accept && !family.accept(window, facts)) continue;
      matched.push({ family, index: match.index, matchedText: match[0].toLowerCase(), facts });
    }
    const superseded = new Set(matched.flatMap((m) => m.family.supersedes ?? []));
    for (const { family, index, matchedText, facts } of matched) {
      if (superseded.has(family.id)) continue;
      const last = this.lastMatch.get(family.id);
      // A repeat matches the same words and names the same things; a continuation does not.
      const adds = last ? Object.keys(facts).some((k) => !(k in last.recognition.facts)) : false;
      if (last && (adds || last.text !== matchedText) && line > last.line && line - last.line <= CONTINUATION_LINES && compatible(last.recognition.facts, facts)) {
        // The same message continued on the next line (az prints title and detail apart): one message.
        last.recognition.facts = { ...facts, ...last.recognition.facts };
        last.recognition.causes = orderCauses(family, last.recognition.facts, `${last.recognition.excerpt}\n${text}`);
        last.line = line;
        last.text = matchedText;
        continue;
      }
      const key = `${family.id}\u0000${JSON.stringify(facts)}`;
      const seen = this.found.get(key);
      if (seen) {
        seen.occurrences++;
        this.lastMatch.set(family.id, { recognition: seen, line, text: matchedText });
        continue;
      }
      const recognition: Recognition = { family, line, occurrences: 1, excerpt: excerptAround(text, index), facts, causes: orderCauses(family, facts, text) };
      this.found.set(key, recognition);
      this.lastMatch.set(family.id, { recognition, line, text: matchedText });
    }
  }
}

/** No field both name differently. */
function compatible(a: MessageFacts, b: MessageFacts): boolean {
  return (Object.keys(b) as Array<keyof MessageFacts>).every((k) => a[k] === undefined || a[k] === b[k]);
}

function countNewlines(text: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf(NEWLINE, from); i >= 0 && i < to; i = text.indexOf(NEWLINE, i + 1)) count++;
  return count;
}

/** Where in one line (a terminal row) each recognised message stands, for underlining it. */
export interface MessageSpan {
  familyId: string;
  title: string;
  start: number;
  length: number;
}

let sharedKeywords: KeywordScanner | undefined;

/**
 * The recognised messages of one line with their positions; cheap when the line holds none (one
 * pre-filter pass). Lines are matched as they are: colour codes shift positions, so none are stripped.
 */
export function locateMessages(line: string, families: readonly MessageFamily[] = MESSAGE_FAMILIES): MessageSpan[] {
  const keywords = families === MESSAGE_FAMILIES ? (sharedKeywords ??= new KeywordScanner(families.flatMap((f) => f.keywords))) : new KeywordScanner(families.flatMap((f) => f.keywords));
  if (!keywords.occursIn(line)) return [];
  const spans: Array<MessageSpan & { supersedes?: string[] }> = [];
  for (const family of families) {
    family.pattern.lastIndex = 0;
    const match = family.pattern.exec(line);
    if (!match) continue;
    if (family.accept && !family.accept(line, extractFacts(line))) continue;
    spans.push({ familyId: family.id, title: family.title, start: match.index, length: match[0].length, supersedes: family.supersedes });
  }
  const superseded = new Set(spans.flatMap((s) => s.supersedes ?? []));
  return spans.filter((s) => !superseded.has(s.familyId)).map(({ familyId, title, start, length }) => ({ familyId, title, start, length }));
}

/** Explains a whole text at once. */
export function explainText(text: string, families?: readonly MessageFamily[]): Recognition[] {
  const scanner = new ExplainScanner(families);
  scanner.push(text);
  return scanner.end();
}

/** Explains a stream (a file, stdin) chunk by chunk without holding it in memory. */
export async function explainStream(chunks: AsyncIterable<string | Uint8Array>, families?: readonly MessageFamily[]): Promise<Recognition[]> {
  const scanner = new ExplainScanner(families);
  for await (const chunk of chunks) scanner.push(chunk);
  return scanner.end();
}
