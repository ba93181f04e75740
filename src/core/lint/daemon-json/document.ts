import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { depthExceededAt } from '../jsonDepth';

export interface DaemonJsonDoc {
  /** The root object. */
  root: Node;
}

export type JsonProblem =
  | { kind: 'syntax'; offset: number; length: number; error: string }
  | { kind: 'tooDeep'; offset: number }
  | { kind: 'notObject'; offset: number; length: number; found: string };

/** Parses daemon.json as strict JSON (no comments, no trailing commas), as dockerd does. */
export function parseDaemonJson(text: string): { root: Node | undefined; problems: JsonProblem[] } {
  const tooDeep = depthExceededAt(text);
  if (tooDeep !== undefined) return { root: undefined, problems: [{ kind: 'tooDeep', offset: tooDeep }] };
  // dockerd treats an empty (white space only) file as an empty configuration.
  if (text.trim() === '') return { root: undefined, problems: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (errors.length > 0) {
    // One finding per position: a trailing comma yields two errors at the same place.
    const seen = new Set<number>();
    const unique = errors.filter((e) => !seen.has(e.offset) && seen.add(e.offset));
    return { root: undefined, problems: unique.map((e) => ({ kind: 'syntax', offset: e.offset, length: e.length, error: describeError(printParseErrorCode(e.error)) })) };
  }
  if (!root) return { root: undefined, problems: [] };
  if (root.type !== 'object') return { root: undefined, problems: [{ kind: 'notObject', offset: root.offset, length: root.length, found: root.type }] };
  return { root, problems: [] };
}

const ERROR_TEXT: Record<string, string> = {
  InvalidCommentToken: 'comments are not allowed',
  PropertyNameExpected: 'a property name in double quotes was expected; a trailing comma?',
  ValueExpected: 'a value was expected; a trailing comma?',
  CommaExpected: 'a comma was expected',
  ColonExpected: 'a colon was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the file should end after the top-level object',
  InvalidSymbol: 'unexpected character (single quotes, unquoted keys and NaN are not JSON)',
  InvalidNumberFormat: 'invalid number',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'a comment is not closed (and comments are not allowed)',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

function describeError(code: string): string {
  return ERROR_TEXT[code] ?? code;
}
