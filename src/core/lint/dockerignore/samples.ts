/**
 * Concrete paths a glob matches, for reasoning about whole patterns by example
 * (e.g. "does a later line exclude everything this exception re-includes?").
 */

const NEGATED_CLASS_CANDIDATES = ['q', 'Z', '7', '_', 'é'];

/** Expands one class body ("a-c", "^xy") into a member character. */
function classMember(body: string, pickLast: boolean): string | undefined {
  const negated = body.startsWith('^');
  const members: string[] = [];
  const chars = [...(negated ? body.slice(1) : body)];
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i];
    if (c === '\\' && i + 1 < chars.length) c = chars[++i];
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      let hi = chars[i + 2];
      i += 2;
      if (hi === '\\' && i + 1 < chars.length) hi = chars[++i];
      members.push(pickLast ? hi : c);
      continue;
    }
    members.push(c);
  }
  if (!negated) return pickLast ? members[members.length - 1] : members[0];
  return NEGATED_CLASS_CANDIDATES.find((candidate) => !members.includes(candidate) && !classContainsRange(chars, candidate));
}

function classContainsRange(chars: string[], candidate: string): boolean {
  for (let i = 0; i + 2 < chars.length; i++) {
    if (chars[i + 1] === '-' && chars[i] <= candidate && candidate <= chars[i + 2]) return true;
  }
  return false;
}

/**
 * Two sample paths for a cleaned glob: wildcards filled minimally and generously.
 * Undefined when the pattern cannot be instantiated.
 */
export function samplePaths(pattern: string): string[] | undefined {
  const out: string[] = [];
  for (const generous of [false, true]) {
    let path = '';
    const chars = [...pattern];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === '*' && chars[i + 1] === '*') {
        i++;
        const slash = chars[i + 1] === '/';
        if (slash) i++;
        const atEnd = i + 1 >= chars.length;
        // "**/" may stand for no directory at all; a final "**" needs at least one name.
        if (slash) path += generous ? 'd1/d2/' : '';
        else path += generous ? 'd1/d2' : atEnd ? 'x' : '';
      } else if (c === '*') path += generous ? 'w9q' : '';
      else if (c === '?') path += generous ? 'q' : 'a';
      else if (c === '\\' && i + 1 < chars.length) path += chars[++i];
      else if (c === '[') {
        const close = chars.indexOf(']', i + 2);
        if (close < 0) return undefined;
        const member = classMember(chars.slice(i + 1, close).join(''), generous);
        if (member === undefined || member === '/') return undefined;
        path += member;
        i = close;
      } else path += c;
    }
    if (path === '' || path.startsWith('/') || path.includes('//')) return undefined;
    out.push(path);
  }
  return out;
}
