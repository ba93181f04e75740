/**
 * .dockerignore semantics, written from the behaviour of moby/patternmatcher and
 * its `ignorefile` reader (what `docker build`, BuildKit and the classic builder
 * use), plus the different matcher `az acr build` uses when it packs the context.
 *
 * Paths are relative to the build context, '/'-separated (Linux/macOS semantics:
 * '\' escapes the next character; on Windows Docker treats '\' as a separator).
 */

/** One pattern line of a .dockerignore as Docker reads it. */
export interface DockerignoreEntry {
  /** 0-based line number in the file. */
  line: number;
  /** The pattern as Docker's reader returns it (cleaned, leading '/' dropped, '!' kept). */
  pattern: string;
  /** Character range of the trimmed line content in the raw line. */
  start: number;
  end: number;
}

/** Go's bufio.Scanner gives up on a line this long: "token too long". */
export const MAX_LINE_BYTES = 64 * 1024;

/** Go's `path.Clean` for '/'-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's strings.TrimSpace (ASCII and Unicode white space). */
function trimSpace(text: string): string {
  return text.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');
}

/** Splits into lines as bufio.ScanLines does: on '\n', dropping one trailing '\r'. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '' && text.endsWith('\n')) lines.pop();
  return lines;
}

/**
 * Reads a .dockerignore as Docker does: BOM stripped, '#' in column 1 is a
 * comment, lines trimmed, blank lines skipped, each pattern cleaned and a
 * leading '/' dropped (after '!' too).
 */
export function readDockerignore(text: string): DockerignoreEntry[] {
  const entries: DockerignoreEntry[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  splitLines(body).forEach((raw, line) => {
    if (raw.startsWith('#')) return;
    let pattern = trimSpace(raw);
    if (pattern === '') return;
    const start = raw.length - raw.trimStart().length;
    const end = raw.trimEnd().length;
    const invert = pattern.startsWith('!');
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    entries.push({ line, pattern: invert ? '!' + pattern : pattern, start, end });
  });
  return entries;
}

export class DockerignorePatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
    /** True when Docker only fails once it matches a path (regexp compile), not when reading the file. */
    readonly atMatchTime = false,
  ) {
    super(reason);
    this.name = 'DockerignorePatternError';
  }
}

/**
 * Checks a pattern as Go's filepath.Match does for its syntax errors
 * (ErrBadPattern): bad character classes and a trailing '\'. Returns a reason or undefined.
 */
export function globSyntaxError(pattern: string): string | undefined {
  let i = 0;
  const n = pattern.length;
  // One class member, possibly escaped; mirrors filepath's getEsc.
  const readClassChar = (): string | undefined => {
    if (i >= n || pattern[i] === '-' || pattern[i] === ']') return undefined;
    if (pattern[i] === '\\') {
      i++;
      if (i >= n) return undefined;
    }
    const cp = pattern.codePointAt(i) ?? 0;
    i += cp > 0xffff ? 2 : 1;
    if (i >= n) return undefined; // the class never closes
    return String.fromCodePoint(cp);
  };
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= n) return 'a "\\" at the end of the pattern escapes nothing';
      i += 2;
      continue;
    }
    if (c !== '[') {
      i++;
      continue;
    }
    i++;
    if (pattern[i] === '^') i++;
    let ranges = 0;
    for (;;) {
      if (i < n && pattern[i] === ']' && ranges > 0) {
        i++;
        break;
      }
      const lo = readClassChar();
      if (lo === undefined) return i >= n ? 'the character class "[" is never closed with "]"' : 'the character class is malformed (an empty class, or "-" or "]" where a character is expected)';
      if (pattern[i] === '-') {
        i++;
        const hi = readClassChar();
        if (hi === undefined) return i >= n ? 'the character class "[" is never closed with "]"' : 'the character class has an incomplete range';
      }
      ranges++;
    }
  }
  return undefined;
}

// Characters regexp-special but plain in filepath patterns; moby escapes exactly these.
const REGEXP_ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);
// Go's regexp accepts these letters after '\'; any other ASCII letter or digit 8/9 is a compile error.
const GO_ESCAPE_LETTERS = new Set([...'afnrtvdDsSwWbBAzxpPQ01234567']);

type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** One compiled pattern (without its '!'), as moby's Pattern. */
export class CompiledPattern {
  readonly exclusion: boolean;
  /** Cleaned pattern without '!'. */
  readonly cleaned: string;
  private readonly kind: MatchKind;
  private readonly regexp: RegExp | undefined;

  constructor(rawPattern: string) {
    let p = trimSpace(rawPattern);
    if (p === '') throw new DockerignorePatternError(rawPattern, 'empty pattern');
    p = cleanPath(p);
    this.exclusion = p.startsWith('!');
    if (this.exclusion) {
      if (p.length === 1) throw new DockerignorePatternError(rawPattern, 'illegal exclusion pattern: "!"');
      p = p.slice(1);
    }
    const syntax = globSyntaxError(p);
    if (syntax) throw new DockerignorePatternError(rawPattern, syntax);
    this.cleaned = p;
    const { kind, source, error } = translate(p);
    if (error) throw new DockerignorePatternError(rawPattern, error, true);
    this.kind = kind;
    if (kind === 'regexp') {
      try {
        this.regexp = new RegExp(source);
      } catch (e) {
        throw new DockerignorePatternError(rawPattern, `the pattern is not a valid regular expression once translated (${(e as Error).message})`, true);
      }
    }
  }

  /** Whether this pattern matches exactly this path (no parent matching). */
  matchesExactly(path: string): boolean {
    switch (this.kind) {
      case 'exact':
        return path === this.cleaned;
      case 'prefix':
        return path.startsWith(this.cleaned.slice(0, -2));
      case 'suffix': {
        const suffix = this.cleaned.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith('/') && path === suffix.slice(1);
      }
      case 'regexp':
        return this.regexp?.test(path) ?? false;
    }
  }

  /** Whether the pattern matches the path or one of its parent directories. */
  matchesOrParent(path: string): boolean {
    if (this.matchesExactly(path)) return true;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (this.matchesExactly(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  }
}

/** Translates a cleaned glob into moby's match kind and (for regexp) a regexp source. */
function translate(pattern: string): { kind: MatchKind; source: string; error?: string } {
  let source = '^';
  let kind: MatchKind = 'exact';
  const chars = [...pattern];
  for (let i = 0, iteration = 0; i < chars.length; iteration++) {
    const ch = chars[i++];
    if (ch === '*') {
      if (chars[i] === '*') {
        i++;
        if (chars[i] === '/') i++; // "**/" is treated as "**"
        if (i >= chars.length) {
          // "**" at the end accepts everything below, as in .gitignore
          if (kind === 'exact') kind = 'prefix';
          else {
            source += '.*';
            kind = 'regexp';
          }
        } else {
          source += '(.*/)?';
          kind = 'regexp';
        }
        if (iteration === 0) kind = 'suffix';
      } else {
        source += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (REGEXP_ESCAPED.has(ch)) {
      source += '\\' + ch;
    } else if (ch === '\\') {
      if (i < chars.length) {
        const next = chars[i++];
        if (/[A-Za-z0-9]/.test(next) && !GO_ESCAPE_LETTERS.has(next)) {
          return { kind, source, error: `"\\${next}" is not a valid escape for Docker's matcher (Go regexp rejects it)` };
        }
        source += '\\' + next;
        kind = 'regexp';
      } else {
        source += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      source += ch;
      kind = 'regexp';
    } else {
      // Passed through as moby does: characters inside "[...]" keep their class meaning,
      // and a '^' outside a class anchors, so such a pattern matches nothing.
      source += ch;
    }
  }
  if (kind === 'regexp') source += '$';
  return { kind, source };
}

/** The result of matching a path: excluded or not, and the entry that decided it. */
export interface MatchResult {
  excluded: boolean;
  /** Index (into the patterns given) of the last pattern that changed the outcome; -1 when none matched. */
  decidedBy: number;
}

/** Docker's matcher (MatchesOrParentMatches): the last matching line wins. */
export class DockerignoreMatcher {
  readonly patterns: CompiledPattern[];

  /** Throws DockerignorePatternError for the first invalid pattern, as Docker does. */
  constructor(patterns: readonly (string | CompiledPattern)[]) {
    this.patterns = [];
    for (const p of patterns) {
      if (p instanceof CompiledPattern) this.patterns.push(p);
      else if (trimSpace(p) !== '') this.patterns.push(new CompiledPattern(p));
    }
  }

  static fromCompiled(patterns: readonly CompiledPattern[]): DockerignoreMatcher {
    return new DockerignoreMatcher(patterns);
  }

  static fromText(text: string): DockerignoreMatcher {
    return new DockerignoreMatcher(readDockerignore(text).map((e) => e.pattern));
  }

  match(path: string): MatchResult {
    const file = cleanPath(path);
    if (file === '.') return { excluded: false, decidedBy: -1 };
    let excluded = false;
    let decidedBy = -1;
    this.patterns.forEach((pattern, index) => {
      // An inclusion cannot change an excluded path, nor an exclusion an included one.
      if (pattern.exclusion !== excluded) return;
      if (pattern.matchesOrParent(file)) {
        excluded = !pattern.exclusion;
        decidedBy = index;
      }
    });
    return { excluded, decidedBy };
  }

  excludes(path: string): boolean {
    return this.match(path).excluded;
  }
}

/** Top-level names `az acr build` always leaves out of the uploaded context. */
export const ACR_BUILD_DEFAULT_IGNORES: readonly string[] = ['.git', '.gitignore', '.bzr', 'bzrignore', '.hg', '.hgignore', '.svn'];

/** One rule as az acr build reads it (its IgnoreRule). */
export interface AcrIgnoreRule {
  /** 0-based line in the file; -1 for rules az adds itself. */
  line: number;
  rule: string;
  ignore: boolean;
  /** Undefined when az would crash on the line (Python IndexError / re.error). */
  regexp: RegExp | undefined;
  crash?: string;
}

/** Translates one line as az's IgnoreRule does: only `**` tokens, `*`, `?` and `.` are special. */
export function acrIgnoreRule(rawRule: string, line: number): AcrIgnoreRule {
  let rule = rawRule;
  let ignore = true;
  if (rule.startsWith('!')) {
    ignore = false;
    rule = rule.slice(1);
    if (rule.startsWith('/')) rule = rule.slice(1);
    if (rule === '') return { line, rule: rawRule, ignore, regexp: undefined, crash: 'az fails with an IndexError on an empty "!" rule' };
    while (rule.endsWith('/')) {
      rule = rule.slice(0, -1);
      if (rule === '') return { line, rule: rawRule, ignore, regexp: undefined, crash: 'az fails with an IndexError on an empty "!" rule' };
    }
  }
  let source = '^';
  const tokens = rule.split('/');
  tokens.forEach((token, index) => {
    if (token === '**') source += '.*';
    else {
      source += token.replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\./g, '\\.');
      if (index < tokens.length - 1) source += '/';
    }
  });
  source += '$';
  try {
    return { line, rule: rawRule, ignore, regexp: new RegExp(source) };
  } catch (e) {
    return { line, rule: rawRule, ignore, regexp: undefined, crash: `az fails: the line is not a valid Python regular expression (${(e as Error).message})` };
  }
}

/** Reads a .dockerignore as `az acr build` does: only trailing white space stripped, '#' in column 1 is a comment. */
export function readAcrIgnore(text: string, options: { dockerfileSpecific?: boolean } = {}): AcrIgnoreRule[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rules: AcrIgnoreRule[] = [];
  // Python's universal newlines: \r\n, \r and \n all end a line.
  body.split(/\r\n|\r|\n/).forEach((raw, line) => {
    const rule = raw.replace(/\s+$/, '');
    if (rule === '' || rule.startsWith('#')) return;
    rules.push(acrIgnoreRule(rule, line));
  });
  // az adds ".dockerignore" as the first (lowest-priority) rule when it reads <Dockerfile>.dockerignore.
  if (options.dockerfileSpecific) rules.unshift(acrIgnoreRule('.dockerignore', -1));
  return rules;
}

/** The `az acr build` context packer's decision for one path. */
export class AcrBuildMatcher {
  /** Highest priority first (the last line of the file first), as az orders them. */
  private readonly byPriority: AcrIgnoreRule[];

  constructor(readonly rules: readonly AcrIgnoreRule[]) {
    this.byPriority = [...rules].reverse();
  }

  static fromText(text: string, options: { dockerfileSpecific?: boolean } = {}): AcrBuildMatcher {
    return new AcrBuildMatcher(readAcrIgnore(text, options));
  }

  /** Whether az leaves the path out of the archive; `decidedBy` is the rule (by line) that decided, -1 for default/none. */
  match(path: string): { excluded: boolean; decidedByLine: number } {
    const parts = path.split('/').filter((p) => p !== '');
    let ignored = false;
    let parentIndex = this.byPriority.length;
    let decidedByLine = -1;
    for (let depth = 1; depth <= parts.length; depth++) {
      const name = parts.slice(0, depth).join('/');
      if (ACR_BUILD_DEFAULT_IGNORES.includes(name)) {
        ignored = true;
        decidedByLine = -1;
        continue;
      }
      // Only rules of higher priority than the one that decided the parent are consulted.
      for (let index = 0; index < parentIndex; index++) {
        const rule = this.byPriority[index];
        if (rule.regexp?.test(name)) {
          ignored = rule.ignore;
          parentIndex = index;
          decidedByLine = rule.line;
          break;
        }
      }
    }
    return { excluded: ignored, decidedByLine };
  }

  excludes(path: string): boolean {
    return this.match(path).excluded;
  }
}
