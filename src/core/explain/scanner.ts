import { StringDecoder } from 'node:string_decoder';
import { MESSAGE_FAMILIES } from './catalogue/index';
import { extractFacts } from './extract';
import type { Cause, MessageFacts, MessageFamily, Recognition } from './types';

/** Lines longer than this are still scanned, in windows, so a 1 GB line cannot exhaust memory. */
const MAX_LINE_CHARS = 1 << 20;
/** Extraction looks this far around a match (extraction regexes then cost O(1) per match). */
const WINDOW_CHARS = 2048;
/** Lines before a match read for what it names ("The push refers to repository [docker.io/…]"). */
const CONTEXT_LINES = 3;
const CONTEXT_CHARS = 4096;
const EXCERPT_CHARS = 400;
/** A match this many lines after the last one of its family, naming nothing that contradicts it, continues it. */
const CONTINUATION_LINES = 1;

// Colour codes and other CSI/OSC sequences in CI logs would split keywords and hosts.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ANSI = /\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|[@-Z\\-_])/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One pass over the text finds every line worth trying: any family's keyword, case-insensitive. The
 * alternatives are grouped by their first letter (`c(?:onnectivity_…|annot connect…)|…`), which lets the
 * regex engine reject most positions on one character: about 1.5× faster than a flat alternation here.
 */
function buildTrigger(families: readonly MessageFamily[]): RegExp {
  const keywords = [...new Set(families.flatMap((f) => f.keywords.map((k) => k.toLowerCase())))].sort((a, b) => b.length - a.length);
  const byFirst = new Map<string, string[]>();
  for (const keyword of keywords) byFirst.set(keyword[0], [...(byFirst.get(keyword[0]) ?? []), keyword.slice(1)]);
  const groups = [...byFirst].map(([first, rests]) => `${escapeRegExp(first)}(?:${rests.map(escapeRegExp).join('|')})`);
  return new RegExp(groups.join('|'), 'gi');
}

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
 * Recognises the failure messages of a text streamed in chunks: one pass, memory bounded by the longest
 * line (capped), each message reported once with its first line number and how often it recurred.
 */
export class ExplainScanner {
  private readonly families: readonly MessageFamily[];
  private readonly trigger: RegExp;
  private pending = '';
  /** Tail of the completed lines before `pending`, for context. */
  private context = '';
  private nextLine = 1;
  private readonly found = new Map<string, Recognition>();
  /** Per family, the recognition and line it last matched: a message az prints over two lines is one. */
  private readonly lastMatch = new Map<string, { recognition: Recognition; line: number; /** the words the pattern matched */ text: string }>();

  constructor(families: readonly MessageFamily[] = MESSAGE_FAMILIES) {
    this.families = families;
    this.trigger = buildTrigger(families);
  }

  push(chunk: string): void {
    const text = this.pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.pending = text;
      if (this.pending.length > MAX_LINE_CHARS) this.flushLongLine();
      return;
    }
    this.scan(text, lastNewline + 1);
    this.pending = text.slice(lastNewline + 1);
    if (this.pending.length > MAX_LINE_CHARS) this.flushLongLine();
  }

  /** The recognitions, in the order their first occurrence appeared. */
  end(): Recognition[] {
    if (this.pending.length > 0) {
      this.scan(`${this.pending}\n`, this.pending.length + 1);
      this.pending = '';
    }
    return [...this.found.values()].sort((a, b) => a.line - b.line);
  }

  /** A line longer than the cap is scanned as it is and kept as one line (its number does not advance). */
  private flushLongLine(): void {
    const line = this.nextLine;
    this.scan(`${this.pending}\n`, this.pending.length + 1);
    this.nextLine = line;
    this.pending = '';
  }

  /** Scans text[0, end): whole lines only. */
  private scan(text: string, end: number): void {
    const trigger = this.trigger;
    trigger.lastIndex = 0;
    let counted = 0;
    let line = this.nextLine;
    for (let hit = trigger.exec(text); hit !== null && hit.index < end; hit = trigger.exec(text)) {
      const lineStart = text.lastIndexOf('\n', hit.index - 1) + 1;
      const lineEnd = text.indexOf('\n', hit.index);
      line += countNewlines(text, counted, lineStart);
      counted = lineStart;
      this.tryLine(text.slice(lineStart, lineEnd), line, this.contextBefore(text, lineStart));
      trigger.lastIndex = lineEnd + 1;
    }
    this.nextLine = line + countNewlines(text, counted, end);
    const tail = text.slice(Math.max(0, end - CONTEXT_CHARS), end);
    this.context = tail.length >= CONTEXT_CHARS ? tail : (this.context + tail).slice(-CONTEXT_CHARS);
  }

  private contextBefore(text: string, lineStart: number): string {
    let start = lineStart;
    for (let i = 0; i < CONTEXT_LINES && start > 0; i++) start = text.lastIndexOf('\n', start - 2) + 1;
    const inText = text.slice(Math.max(start, lineStart - CONTEXT_CHARS), lineStart);
    if (start > 0 || inText.length >= CONTEXT_CHARS) return inText;
    const lines = this.context.split('\n');
    return `${lines.slice(-(CONTEXT_LINES + 1)).join('\n')}${inText}`.slice(-CONTEXT_CHARS);
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

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Where in one line (a terminal row) each recognised message stands, for underlining it. */
export interface MessageSpan {
  familyId: string;
  title: string;
  start: number;
  length: number;
}

let sharedTrigger: RegExp | undefined;

/**
 * The recognised messages of one line with their positions; cheap when the line holds none (one
 * pre-filter pass). Lines are matched as they are: colour codes shift positions, so none are stripped.
 */
export function locateMessages(line: string, families: readonly MessageFamily[] = MESSAGE_FAMILIES): MessageSpan[] {
  const trigger = families === MESSAGE_FAMILIES ? (sharedTrigger ??= buildTrigger(families)) : buildTrigger(families);
  trigger.lastIndex = 0;
  if (!trigger.test(line)) return [];
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
export async function explainStream(chunks: AsyncIterable<string | Buffer>, families?: readonly MessageFamily[]): Promise<Recognition[]> {
  const scanner = new ExplainScanner(families);
  // node's StringDecoder: several times faster than TextDecoder on large ASCII chunks, and it keeps
  // a UTF-8 sequence split across chunks whole.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) scanner.push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  scanner.push(decoder.end());
  return scanner.end();
}
