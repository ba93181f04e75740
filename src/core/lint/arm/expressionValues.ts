/**
 * The values ARM template expressions evaluate to, including the ones the linter
 * cannot know exactly (Unresolved, symbolic values and strings, resourceId results),
 * and the helpers rules use to compare and take them apart.
 */

/** A value the evaluator could not determine. Rules never report on it. */
export const UNRESOLVED: unique symbol = Symbol('unresolved');
export type Unresolved = typeof UNRESOLVED;

/**
 * A value that is unknown but stable within one deployment: `resourceGroup().location`,
 * or a parameter without a default. Two symbols with the same key are the same value,
 * so rules may compare them (a registry and its replication both at
 * `resourceGroup().location` are in the same region) but never inspect their content.
 */
export class SymbolicValue {
  constructor(readonly key: string) {}
}

/** A string built from literal text and symbolic parts (`format('{0}/{1}', parameters('a'), 'x')`). */
export class SymbolicString {
  constructor(readonly parts: readonly (string | SymbolicValue)[]) {}
}

/** What `resourceId(...)` returns, kept structured so rules can tell which resource it names. */
export class ResourceIdValue {
  constructor(
    readonly type: string,
    readonly names: readonly ArmValue[],
  ) {}
}

export interface ArmObject {
  [key: string]: ArmValue;
}
export type ArmValue = string | number | boolean | null | ArmValue[] | ArmObject | SymbolicValue | SymbolicString | ResourceIdValue | Unresolved;

export function isUnresolved(value: ArmValue): value is Unresolved {
  return value === UNRESOLVED;
}

export function isPlainObject(value: ArmValue): value is ArmObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof SymbolicValue) && !(value instanceof SymbolicString) && !(value instanceof ResourceIdValue);
}

/** Case-insensitive property lookup, as ARM does; missing is Unresolved (ARM would fail, we stay quiet). */
export function getProperty(value: ArmValue, name: string): ArmValue {
  if (!isPlainObject(value)) return UNRESOLVED;
  if (Object.prototype.hasOwnProperty.call(value, name)) return value[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(value)) if (key.toLowerCase() === lower) return value[key];
  return UNRESOLVED;
}

/**
 * A comparable key for names and locations: lower-cased, spaces removed for
 * locations ('West Europe' == 'westeurope'); symbolic parts keep their identity.
 * Undefined when the value is not a (symbolic) string.
 */
export function comparableKey(value: ArmValue, { ignoreSpaces = false } = {}): string | undefined {
  const norm = (s: string) => (ignoreSpaces ? s.replace(/\s+/g, '') : s).toLowerCase();
  if (typeof value === 'string') return `s:${norm(value)}`;
  if (value instanceof SymbolicValue) return `y:${value.key}`;
  if (value instanceof SymbolicString) return value.parts.map((p) => (typeof p === 'string' ? `s:${norm(p)}` : `y:${p.key}`)).join('\u0000');
  return undefined;
}

/** Splits a resource name on `/` (literal slashes only); undefined when it cannot. */
export function splitResourceName(value: ArmValue): (string | SymbolicValue | SymbolicString)[] | undefined {
  if (typeof value === 'string') return value.split('/');
  if (value instanceof SymbolicValue) return [value];
  if (!(value instanceof SymbolicString)) return undefined;
  const segments: (string | SymbolicValue)[][] = [[]];
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      segments[segments.length - 1].push(part);
      continue;
    }
    const pieces = part.split('/');
    pieces.forEach((piece, i) => {
      if (i > 0) segments.push([]);
      if (piece) segments[segments.length - 1].push(piece);
    });
  }
  return segments.map((parts) => makeString(parts));
}

function makeString(parts: readonly (string | SymbolicValue)[]): string | SymbolicValue | SymbolicString {
  const merged: (string | SymbolicValue)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  if (merged.length === 0) return '';
  if (merged.length === 1) return merged[0];
  return new SymbolicString(merged);
}

/** Concatenates (symbolic) strings; Unresolved when any part is not one. */
export function joinStrings(values: readonly ArmValue[]): ArmValue {
  const strings = values.map(asStringLike);
  if (strings.some((s) => s === undefined)) return UNRESOLVED;
  return concatStrings(strings as StringLike[]);
}

export type StringLike = string | SymbolicValue | SymbolicString;

export function asStringLike(value: ArmValue): StringLike | undefined {
  if (typeof value === 'string' || value instanceof SymbolicValue || value instanceof SymbolicString) return value;
  // ARM's concat/format turn numbers and booleans into text too.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return undefined;
}

export function concatStrings(values: readonly StringLike[]): StringLike {
  const parts: (string | SymbolicValue)[] = [];
  for (const value of values) {
    if (value instanceof SymbolicString) parts.push(...value.parts);
    else parts.push(value);
  }
  return makeString(parts);
}
