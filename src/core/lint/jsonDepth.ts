/**
 * jsonc-parser parses recursively (about 10k nested arrays overflow the stack), so the
 * JSON languages (daemon.json, ARM templates) refuse deeper nesting up front, with one
 * message. dockerd's own limit (Go encoding/json) is 10000.
 */
export const MAX_JSON_DEPTH = 1000;

/** The message both JSON languages give; `what` names what would nest (`daemon.json option`, `ARM template`). */
export function tooDeepMessage(what: string): string {
  return `The JSON is nested deeper than ${MAX_JSON_DEPTH} levels; ACR Doctor does not analyse it, and no ${what} nests like this. Check the file for a runaway paste.`;
}

/**
 * Offset where nesting first exceeds `limit`, ignoring brackets inside strings (and
 * inside `//` and `/* *\/` comments when `comments` is set, as in ARM templates); undefined if never.
 */
export function depthExceededAt(text: string, options: { limit?: number; comments?: boolean } = {}): number | undefined {
  const limit = options.limit ?? MAX_JSON_DEPTH;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (options.comments && c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (options.comments && c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}
