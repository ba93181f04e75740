/**
 * The one place the CLI prints. Text from a registry, from Azure or from a file
 * on disk may carry terminal controls (ESC sequences that retitle the window,
 * clear the screen or paint a fake command, BEL, CR that overwrites a line, C1
 * controls some terminals obey); every line written here shows them escaped
 * (`\x1b`, `\u009b`) instead. JSON stays JSON, with the characters
 * JSON.stringify leaves raw (DEL, C1, U+2028/2029, bidi controls) as `\uXXXX`.
 * stderr lines also pass through the log redactor, so an error that quotes a
 * secret never shows it. A reader that went away (`| head -1`) is not an error;
 * see `watchOutputErrors`.
 */
import type { Writable } from 'node:stream';
import { toTextReport } from '../core/lint/report/text';
import type { FileReport } from '../core/lint/report/model';
import { createLogger, redact, type Logger } from '../core/log';
import { EXIT, type CliIO } from './io';

/**
 * C0 (incl. TAB, LF, CR, ESC, BEL), DEL, C1, the Unicode line/paragraph separators,
 * and the bidi controls that reorder what a line appears to say.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same minus C0 (JSON.stringify already writes those as escapes). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** One field or one line made inert: every control character shown as `\xHH` (below U+0080) or `\uHHHH`. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/** JSON text with the characters JSON.stringify leaves raw written as `\uHHHH` (same value when parsed). */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

/** Every string inside a plain value escaped (for renderers that add their own styling afterwards). */
function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeStrings(inner)])) as T;
  }
  return value;
}

/** A stream that failed or whose reader left is destroyed: write nothing more to it. */
function write(stream: Writable, text: string): void {
  if (stream.destroyed || stream.writableEnded) return;
  stream.write(text);
}

/** One line on stdout; `text` must be one line: a newline inside it is shown as `\x0a`. */
export function printLine(io: CliIO, text = ''): void {
  write(io.stdout, `${escapeControls(text)}\n`);
}

/** Our own multi-line text (help, usage, tables whose cells are already escaped): one line per `\n`. */
export function printLines(io: CliIO, text: string): void {
  for (const line of text.split('\n')) printLine(io, line);
}

/** One line on stderr (errors, warnings, notes, trace): redacted like a log line, then escaped. */
export function printError(io: CliIO, text: string): void {
  write(io.stderr, `${escapeControls(redact(text))}\n`);
}

export function printJson(io: CliIO, value: unknown): void {
  write(io.stdout, `${jsonForTerminal(JSON.stringify(value, null, 2))}\n`);
}

/** JSON (or SARIF) text built elsewhere, made terminal-safe the same way as printJson. */
export function printJsonText(io: CliIO, json: string): void {
  write(io.stdout, jsonForTerminal(json));
}

/** The lint text report; its colours are ours, every field in it is escaped before they are added. */
export function printLintText(io: CliIO, reports: readonly FileReport[], color: boolean): void {
  write(io.stdout, toTextReport(escapeStrings(reports), { color }));
}

/** Aligned columns with a header row; the last column is not padded. Cells are escaped, so each row stays one line. */
export function formatTable(headers: string[], rows: string[][]): string {
  const safeRows = rows.map((row) => row.map(escapeControls));
  const widths = headers.map((header, column) => Math.max(header.length, ...safeRows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...safeRows.map(line)].join('\n');
}

export function printTable(io: CliIO, headers: string[], rows: string[][]): void {
  printLines(io, formatTable(headers, rows));
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '-';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** sha256:0123456789abcdef... → sha256:0123456789ab (readable in a table; JSON keeps the full digest). */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '-';
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}

/** The one log line format (`[level] message` on stderr), for --trace; without it, nothing is logged. */
export function cliLogger(io: CliIO, trace: boolean): Logger | undefined {
  if (!trace) return undefined;
  return createLogger((level, line) => printError(io, `[${level}] ${line}`), 'trace');
}

/** Reader gone: `| head -1` closed the pipe. Not worth a word; the command ends with its usual status. */
function readerLeft(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EBADF: 'the output is closed',
  EFBIG: 'the output file is too large',
};

/**
 * For the real process: stdout/stderr errors end up here instead of as an
 * unhandled 'error' event with a stack trace. A closed pipe is silent; any other
 * failure prints one line on stderr (if stderr still works) and calls onFailure.
 */
export function watchOutputErrors(stdout: Writable, stderr: Writable, onFailure: (exitCode: number) => void): void {
  let reported = false;
  const watch = (stream: Writable, name: string) =>
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (readerLeft(error) || reported) return;
      reported = true;
      onFailure(EXIT.failed);
      const why = (error.code && WRITE_ERRORS[error.code]) ?? error.message;
      if (stream !== stderr && !stderr.destroyed) stderr.write(`acr-doctor: could not write to ${name}: ${why}${error.code ? ` (${error.code})` : ''}. The output is incomplete.\n`);
    });
  watch(stdout, 'standard output');
  watch(stderr, 'standard error');
}
