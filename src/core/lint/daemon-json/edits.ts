/**
 * Pure edit builders for daemon.json, shared by the quick fixes and the extension's
 * commands ("Enable daemon debug logging", "Allow non-distributable artifacts for a
 * registry"). Each keeps the file strict JSON and its indentation and line endings.
 */
import { findNodeAtLocation, modify, type FormattingOptions } from 'jsonc-parser';
import { LineIndex, type TextEdit } from '../../text/lineIndex';
import { parseDaemonJson } from './document';

/** The indentation and line ending the file already uses. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indents = text.split(/\r?\n/).map((line) => /^[ \t]+(?=\S)/.exec(line)?.[0]).filter((x): x is string => x !== undefined);
  if (indents.length > 0 && indents[0].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = widths.length > 0 ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize, eol };
}

/** Edits for a text that is empty or a valid JSON object; [] when it is neither (nothing safe to do). */
function editable(text: string): boolean {
  const { root, problems } = parseDaemonJson(text);
  return problems.length === 0 && (root !== undefined || text.trim() === '');
}

function toTextEdits(text: string, edits: { offset: number; length: number; content: string }[]): TextEdit[] {
  const lines = new LineIndex(text);
  return edits.map((e) => lines.toTextEdit(e));
}

/** Sets `"debug": true` (FAQ F26). [] when it is already on or the file is not a JSON object. */
export function enableDebugEdits(text: string): TextEdit[] {
  if (!editable(text)) return [];
  const root = parseDaemonJson(text).root;
  const debug = root ? findNodeAtLocation(root, ['debug']) : undefined;
  if (debug?.value === true) return [];
  const source = text.trim() === '' ? '{}' : text;
  const edits = modify(source, ['debug'], true, { formattingOptions: detectFormatting(text) });
  return source === text ? toTextEdits(text, edits) : [{ range: new LineIndex(text).rangeAt(0, text.length), newText: applyOffsetEdits(source, edits) }];
}

/**
 * Adds a registry to `allow-nondistributable-artifacts` (FAQ F19; only Docker < 28 reads it).
 * [] when it is already listed, the key holds something other than an array, or the file is not a JSON object.
 */
export function addNondistributableRegistryEdits(text: string, registry: string): TextEdit[] {
  if (!editable(text) || registry.trim() === '') return [];
  const root = parseDaemonJson(text).root;
  const existing = root ? findNodeAtLocation(root, ['allow-nondistributable-artifacts']) : undefined;
  const source = text.trim() === '' ? '{}' : text;
  const formattingOptions = detectFormatting(text);
  let edits;
  if (!existing) edits = modify(source, ['allow-nondistributable-artifacts'], [registry], { formattingOptions });
  else if (existing.type !== 'array') return [];
  else if ((existing.children ?? []).some((c) => c.value === registry)) return [];
  else edits = modify(source, ['allow-nondistributable-artifacts', -1], registry, { formattingOptions, isArrayInsertion: true });
  return source === text ? toTextEdits(text, edits) : [{ range: new LineIndex(text).rangeAt(0, text.length), newText: applyOffsetEdits(source, edits) }];
}

function applyOffsetEdits(text: string, edits: { offset: number; length: number; content: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}
