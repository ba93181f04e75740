import { CompiledPattern, DockerignorePatternError, readDockerignore, type DockerignoreEntry } from '../../dockerignore/patternMatcher';
import type { Range } from '../types';

/** A .dockerignore line as Docker reads it, with its compiled form or the reason Docker rejects it. */
export interface IgnoreLine extends DockerignoreEntry {
  compiled: CompiledPattern | undefined;
  error: DockerignorePatternError | undefined;
  range: Range;
}

export interface DockerignoreDoc {
  lines: IgnoreLine[];
}

export function parseDockerignore(text: string): DockerignoreDoc {
  const lines = readDockerignore(text).map((entry): IgnoreLine => {
    const range = { start: { line: entry.line, character: entry.start }, end: { line: entry.line, character: entry.end } };
    try {
      return { ...entry, compiled: new CompiledPattern(entry.pattern), error: undefined, range };
    } catch (e) {
      if (e instanceof DockerignorePatternError) return { ...entry, compiled: undefined, error: e, range };
      throw e;
    }
  });
  return { lines };
}

/** Patterns Docker would use, or undefined when Docker rejects the file (a rule reports why). */
export function validPatterns(doc: DockerignoreDoc): CompiledPattern[] | undefined {
  if (doc.lines.some((l) => l.error)) return undefined;
  return doc.lines.map((l) => l.compiled).filter((c): c is CompiledPattern => c !== undefined);
}
