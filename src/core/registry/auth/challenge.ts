/**
 * WWW-Authenticate parsing (RFC 9110 §11.6.1): a header may carry several
 * challenges, each `scheme token68` or `scheme name=value, name="quoted, \"x\""`.
 * A comma separates both parameters and challenges, so after a comma a bare
 * token not followed by `=` starts the next challenge.
 */
export interface Challenge {
  /** Lower-cased auth scheme: 'bearer', 'basic', ... */
  scheme: string;
  /** Parameter names lower-cased; values unquoted and unescaped. */
  params: Record<string, string>;
  /** token68 form (e.g. `Negotiate abc==`), when the challenge has no parameters. */
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

export function parseChallenge(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const text = header;
  let i = 0;

  const skipWhitespace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const skipSeparators = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === ',')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < text.length && TCHAR.test(text[i])) i++;
    return text.slice(start, i);
  };
  const readBare = (): string => {
    const start = i;
    while (i < text.length && text[i] !== ',' && text[i] !== ' ' && text[i] !== '\t') i++;
    return text.slice(start, i);
  };
  const readQuoted = (): string => {
    // text[i] === '"'
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      out += text[i];
      i++;
    }
    i++; // closing quote (or end of a malformed header)
    return out;
  };
  /** True when, at the current position, `name =` follows (a parameter, not a new scheme). */
  const atParameter = (): boolean => {
    const save = i;
    const name = readToken();
    skipWhitespace();
    const isParam = name.length > 0 && text[i] === '=';
    i = save;
    return isParam;
  };

  while (i < text.length) {
    skipSeparators();
    if (i >= text.length) break;
    const scheme = readToken();
    if (!scheme) {
      i++; // stray character: skip it rather than loop
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipWhitespace();

    // token68: `Negotiate abc==` followed by end or a comma.
    const token68 = TOKEN68.exec(text.slice(i));
    if (token68 && !atParameterWithValue(text, i)) {
      const after = i + token68[0].length;
      let j = after;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j >= text.length || text[j] === ',') {
        challenge.token68 = token68[0];
        i = after;
        continue;
      }
    }

    // auth-params until a token without '=' (the next challenge) or the end.
    for (;;) {
      skipSeparators();
      if (i >= text.length || !atParameter()) break;
      const name = readToken().toLowerCase();
      skipWhitespace();
      i++; // '='
      skipWhitespace();
      // Unquoted values should be tokens, but servers send bare URLs too: read up to the next separator.
      const value = text[i] === '"' ? readQuoted() : readBare();
      challenge.params[name] = value;
    }
  }
  return challenges;
}

/** `name=value` (a parameter) rather than a token68 ending in padding (`abc==`). */
function atParameterWithValue(text: string, start: number): boolean {
  let i = start;
  while (i < text.length && TCHAR.test(text[i])) i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '=') return false;
  i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  // `a=` then end/comma is token68 padding; `a=b` or `a="b"` is a parameter.
  return i < text.length && text[i] !== ',' && text[i] !== '=';
}
