import { applyTextEdits, LineIndex, type TextEdit } from '../text/lineIndex';
import { lintText, stripBom, type LintInput } from './engine';
import type { Finding, LintResult } from './types';

/** Enough passes for fixes that enable other fixes; bounded so a fix that re-triggers itself cannot loop. */
const MAX_PASSES = 10;

export interface FixOutcome {
  text: string;
  /** Titles of the fixes applied, in order. */
  applied: Array<{ code: string; title: string }>;
  /** The findings that remain after fixing. */
  result: LintResult;
}

/**
 * Applies every safe fix, re-linting after each pass because positions move.
 * Within a pass, overlapping fixes are deferred to the next pass, never merged.
 */
export function applySafeFixes(input: LintInput): FixOutcome {
  const hadBom = input.text.charCodeAt(0) === 0xfeff;
  let text = stripBom(input.text);
  const applied: FixOutcome['applied'] = [];
  let result = lintText({ ...input, text });
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const safe = result.findings.flatMap((f: Finding) => {
      const fix = f.fixes.find((x) => x.safe);
      return fix ? [{ code: f.code, fix }] : [];
    });
    if (safe.length === 0) break;
    // Take every fix whose edits overlap no fix already taken in this pass; the rest wait for the next pass.
    const lines = new LineIndex(text);
    const taken: Array<[number, number]> = [];
    const edits: TextEdit[] = [];
    for (const { code, fix } of safe) {
      const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number]);
      const overlaps = spans.some(([s1, e1]) => taken.some(([s2, e2]) => s1 < e2 && s2 < e1 || (s1 === s2 && e1 === s1 && e2 === s2)));
      if (overlaps) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
      applied.push({ code, title: fix.title });
    }
    const next = applyTextEdits(text, edits).text;
    if (next === text) break;
    text = next;
    result = lintText({ ...input, text });
  }
  return { text: hadBom ? `\ufeff${text}` : text, applied, result };
}
