/**
 * Variable expansion for image references that remembers where every character came
 * from, so a fix can edit the ARG default a reference was built from. Deliberately
 * narrow: `$NAME` and `${NAME}` with literal defaults. Anything else (modifiers such as
 * `${A:-b}`, escapes, quotes inside a word, unknown or default-less variables) makes the
 * word unresolvable, and unresolvable words are never reported.
 */

/** A variable's definition: where its default value's raw text is, and how to resolve names inside it. */
export interface VariableDefinition {
  /** [start, end) offsets of the raw value text in the document (quotes included). */
  valueStart: number;
  valueEnd: number;
  /** Resolves variables used inside this default (ARGs declared before it). */
  lookup: VariableLookup;
}

/** undefined = cannot be resolved statically (no default, build-time value, ENV, unknown). */
export type VariableLookup = (name: string) => VariableDefinition | undefined;

export interface ExpandedWord {
  text: string;
  /** Document offset of each character of `text`. */
  sources: number[];
  /** Whether any character came from a variable's default. */
  fromVariable: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** ARG defaults may reference earlier ARGs; a cycle or a deep chain is given up on. */
const MAX_DEPTH = 8;

/**
 * Expands document[start, end) as one word. Returns undefined when the word is not
 * statically known.
 */
export function expandWord(document: string, start: number, end: number, lookup: VariableLookup, escapeChar: string, depth = 0): ExpandedWord | undefined {
  const out: ExpandedWord = { text: '', sources: [], fromVariable: false };
  return appendWord(out, document, start, end, lookup, escapeChar, depth, true) ? out : undefined;
}

/**
 * Expands an ARG default's raw value (which may be wrapped in one pair of quotes).
 * In single quotes nothing is expanded.
 */
function appendValue(out: ExpandedWord, document: string, definition: VariableDefinition, escapeChar: string, depth: number): boolean {
  let { valueStart: start, valueEnd: end } = definition;
  const first = document[start];
  let expandVariables = true;
  if (end - start >= 2 && (first === '"' || first === "'") && document[end - 1] === first) {
    start++;
    end--;
    expandVariables = first === '"';
  }
  return appendWord(out, document, start, end, definition.lookup, escapeChar, depth, expandVariables);
}

function appendWord(out: ExpandedWord, document: string, start: number, end: number, lookup: VariableLookup, escapeChar: string, depth: number, expandVariables: boolean): boolean {
  if (depth > MAX_DEPTH) return false;
  let i = start;
  while (i < end) {
    const c = document[i];
    if (c === '"' || c === "'" || c === escapeChar || c === '\\' || c === '\n' || c === '\r' || c === ' ' || c === '\t') return false;
    if (c === '$' && expandVariables) {
      let nameStart: number;
      let nameEnd: number;
      let next: number;
      if (document[i + 1] === '{') {
        nameStart = i + 2;
        nameEnd = nameStart;
        while (nameEnd < end && NAME_CHAR.test(document[nameEnd])) nameEnd++;
        if (document[nameEnd] !== '}' || nameEnd >= end) return false;
        next = nameEnd + 1;
      } else {
        nameStart = i + 1;
        nameEnd = nameStart;
        while (nameEnd < end && NAME_CHAR.test(document[nameEnd])) nameEnd++;
        next = nameEnd;
      }
      if (nameEnd === nameStart || !NAME_START.test(document[nameStart])) return false;
      const definition = lookup(document.slice(nameStart, nameEnd));
      if (!definition) return false;
      out.fromVariable = true;
      if (!appendValue(out, document, definition, escapeChar, depth + 1)) return false;
      i = next;
      continue;
    }
    out.text += c;
    out.sources.push(i);
    i++;
  }
  return true;
}
