/**
 * Text the explorer shows for registry facts: names escaped, sizes, dates (relative and
 * absolute), platforms, locks and quarantine. Pure functions, no I/O.
 */
import type { ChangeableAttributes, Platform } from '../registry/index';

/**
 * A registry name as it may be shown: valid repository and tag names are printable ASCII
 * (lower-case letters, digits, `._-/`), so anything else (control characters, bidi
 * overrides, zero-width characters, Unicode look-alikes such as a Cyrillic "е") is shown as
 * an escape (`\x1b`, `\u{435}`) and `suspicious` is set. Never shown raw: a look-alike
 * would pass for another image.
 */
export function escapeName(name: string): { text: string; suspicious: boolean } {
  let text = '';
  let suspicious = false;
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f && char !== '\\') {
      text += char;
      continue;
    }
    if (char === '\\') {
      text += '\\\\';
      suspicious = true;
      continue;
    }
    suspicious = true;
    text += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  }
  return { text, suspicious };
}

/** Markdown-safe text (for tooltips): backslash-escapes Markdown's punctuation. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A Markdown code span that shows `text` literally. Backslash escapes do not work inside code
 *  spans (md() there shows its backslashes), so the fence is one backtick longer than any run of
 *  backticks inside, padded with a space when the text starts or ends with one (CommonMark). */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Bytes as people read them (decimal units, like docker): 1.2 MB. */
export function formatSize(bytes: number | undefined): string | undefined {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "3 days ago", "in 2 hours" (clock skew), "just now". */
export function relativeTime(iso: string | undefined, now: Date): string | undefined {
  const time = parseTime(iso);
  if (time === undefined) return undefined;
  const seconds = Math.round((now.getTime() - time) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  const steps: Array<[number, string]> = [
    [60, 'minute'],
    [3600, 'hour'],
    [86_400, 'day'],
    [30 * 86_400, 'month'],
    [365 * 86_400, 'year'],
  ];
  let chosen: [number, string] = steps[0];
  for (const step of steps) if (abs >= step[0] * 0.95) chosen = step;
  const count = Math.max(1, Math.round(abs / chosen[0]));
  const unit = `${chosen[1]}${count === 1 ? '' : 's'}`;
  return seconds >= 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`;
}

/** "2024-05-01 12:34:56 UTC": absolute, unambiguous. */
export function absoluteTime(iso: string | undefined): string | undefined {
  const time = parseTime(iso);
  if (time === undefined) return undefined;
  return `${new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

function parseTime(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** "linux/arm/v7". */
export function formatPlatform(platform: Platform | undefined): string | undefined {
  if (!platform) return undefined;
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** "sha256:0123456789ab" (12 hex digits, as docker shows image ids). */
export function shortDigest(digest: string | undefined): string | undefined {
  if (!digest) return undefined;
  const colon = digest.indexOf(':');
  return colon < 0 ? digest.slice(0, 12) : digest.slice(0, colon + 13);
}

export interface LockState {
  /** Any of delete/write/read/list is disabled. */
  locked: boolean;
  /** "locked: no delete, no write" or "unlocked". */
  text: string;
}

/** ACR changeableAttributes (FAQ F32): what is disabled, in words. */
export function lockState(attributes: ChangeableAttributes | undefined): LockState {
  if (!attributes) return { locked: false, text: 'lock state unknown' };
  const off: string[] = [];
  if (attributes.deleteEnabled === false) off.push('no delete');
  if (attributes.writeEnabled === false) off.push('no write');
  if (attributes.readEnabled === false) off.push('no pull');
  if (attributes.listEnabled === false) off.push('hidden from listings');
  return off.length ? { locked: true, text: `locked: ${off.join(', ')}` } : { locked: false, text: 'unlocked' };
}

/** ACR quarantine (FAQ F17): only a manifest whose state is not "Passed" is quarantined. */
export function isQuarantined(state: string | undefined): boolean {
  return state !== undefined && state.toLowerCase() !== 'passed';
}
