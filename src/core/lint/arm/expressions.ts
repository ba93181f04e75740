/**
 * A small ARM template expression language: parser and a partial evaluator.
 *
 * Only what the rules need is evaluated (parameters, variables, concat, format,
 * toLower/toUpper, if/equals/not/and/or, coalesce, createArray/createObject,
 * resourceGroup().location, resourceId). Anything else is Unresolved, and rules
 * never report on an Unresolved value.
 */

// ---------------------------------------------------------------- syntax

export type ExprNode =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'call'; name: string; args: ExprNode[]; start: number; end: number }
  | { kind: 'property'; target: ExprNode; name: string; start: number; end: number }
  | { kind: 'index'; target: ExprNode; index: ExprNode; start: number; end: number };

/** A string value is an expression when it is `[...]` and not an escaped literal `[[...`. */
export function isExpressionString(value: string): boolean {
  return value.length >= 2 && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** The literal a string denotes: `[[x]` stands for `[x]`. */
export function unescapeLiteralString(value: string): string {
  return value.startsWith('[[') ? value.slice(1) : value;
}

class ExpressionSyntaxError extends Error {}

/**
 * Parses the inside of `[...]` (offsets are relative to the string value, so
 * `start` 1 is the first character after `[`). Returns undefined on a syntax error.
 */
export function parseExpression(value: string): ExprNode | undefined {
  if (!isExpressionString(value)) return undefined;
  const parser = new Parser(value, 1, value.length - 1);
  try {
    const node = parser.parseExpression();
    parser.skipSpace();
    if (parser.pos !== parser.end) return undefined;
    return node;
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return undefined;
    throw error;
  }
}

const MAX_DEPTH = 200;

class Parser {
  depth = 0;
  constructor(
    readonly text: string,
    public pos: number,
    readonly end: number,
  ) {}

  skipSpace(): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos])) this.pos++;
  }

  fail(): never {
    throw new ExpressionSyntaxError('syntax');
  }

  parseExpression(): ExprNode {
    if (++this.depth > MAX_DEPTH) this.fail();
    this.skipSpace();
    let node = this.parsePrimary();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (this.pos < this.end && c === '.') {
        this.pos++;
        this.skipSpace();
        const name = this.identifier();
        node = { kind: 'property', target: node, name, start: node.start, end: this.pos };
      } else if (this.pos < this.end && c === '[') {
        this.pos++;
        const index = this.parseExpression();
        this.skipSpace();
        if (this.text[this.pos] !== ']' || this.pos >= this.end) this.fail();
        this.pos++;
        node = { kind: 'index', target: node, index, start: node.start, end: this.pos };
      } else break;
    }
    this.depth--;
    return node;
  }

  identifier(): string {
    const match = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.end));
    if (!match) this.fail();
    this.pos += match[0].length;
    return match[0];
  }

  parsePrimary(): ExprNode {
    const start = this.pos;
    const c = this.text[this.pos];
    if (this.pos >= this.end) this.fail();
    if (c === "'") {
      let value = '';
      this.pos++;
      for (;;) {
        if (this.pos >= this.end) this.fail();
        const ch = this.text[this.pos];
        if (ch === "'") {
          if (this.text[this.pos + 1] === "'" && this.pos + 1 < this.end) {
            value += "'";
            this.pos += 2;
            continue;
          }
          this.pos++;
          break;
        }
        value += ch;
        this.pos++;
      }
      return { kind: 'string', value, start, end: this.pos };
    }
    const number = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.pos, this.end));
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]), start, end: this.pos };
    }
    let name = this.identifier();
    this.skipSpace();
    // User-defined functions are namespaced: `ns.fn(...)`.
    if (this.text[this.pos] === '.' && this.pos < this.end) {
      const save = this.pos;
      this.pos++;
      this.skipSpace();
      const second = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.end));
      if (second) {
        const after = this.pos + second[0].length;
        const rest = this.text.slice(after, this.end).trimStart();
        if (rest.startsWith('(')) {
          name = `${name}.${second[0]}`;
          this.pos = after;
          this.skipSpace();
        } else this.pos = save;
      } else this.pos = save;
    }
    if (this.text[this.pos] !== '(' || this.pos >= this.end) this.fail();
    this.pos++;
    const args: ExprNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')' && this.pos < this.end) {
      this.pos++;
      return { kind: 'call', name, args, start, end: this.pos };
    }
    for (;;) {
      args.push(this.parseExpression());
      this.skipSpace();
      const ch = this.text[this.pos];
      if (this.pos >= this.end) this.fail();
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === ')') {
        this.pos++;
        break;
      }
      this.fail();
    }
    return { kind: 'call', name, args, start, end: this.pos };
  }
}

/** Every node of an expression, depth first (for syntactic searches like `list*()` calls). */
export function walkExpression(node: ExprNode, visit: (node: ExprNode, parent: ExprNode | undefined) => void, parent?: ExprNode): void {
  visit(node, parent);
  switch (node.kind) {
    case 'call':
      for (const arg of node.args) walkExpression(arg, visit, node);
      break;
    case 'property':
      walkExpression(node.target, visit, node);
      break;
    case 'index':
      walkExpression(node.target, visit, node);
      walkExpression(node.index, visit, node);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------- values

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

// ---------------------------------------------------------------- evaluation

/** Where `parameters()` and `variables()` look things up. Implemented by the template model. */
export interface EvaluationScope {
  parameter(name: string): ArmValue;
  variable(name: string): ArmValue;
}

const RESOURCE_GROUP_LOCATION = new SymbolicValue('resourceGroup().location');

type StringLike = string | SymbolicValue | SymbolicString;

function asStringLike(value: ArmValue): StringLike | undefined {
  if (typeof value === 'string' || value instanceof SymbolicValue || value instanceof SymbolicString) return value;
  // ARM's concat/format turn numbers and booleans into text too.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return undefined;
}

function concatStrings(values: readonly StringLike[]): StringLike {
  const parts: (string | SymbolicValue)[] = [];
  for (const value of values) {
    if (value instanceof SymbolicString) parts.push(...value.parts);
    else parts.push(value);
  }
  return makeString(parts);
}

function deepEqual(a: ArmValue, b: ArmValue): boolean | undefined {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if ((typeof a === 'number' || typeof a === 'boolean' || a === null) && (typeof b === 'number' || typeof b === 'boolean' || b === null)) return a === b;
  return undefined;
}

export class Evaluator {
  private depth = 0;
  constructor(private readonly scope: EvaluationScope) {}

  /** Evaluates the text of a JSON string value: expressions are evaluated, literals returned as is. */
  evaluateString(value: string): ArmValue {
    if (!isExpressionString(value)) return unescapeLiteralString(value);
    const ast = parseExpression(value);
    if (!ast) return UNRESOLVED;
    return this.evaluate(ast);
  }

  evaluate(node: ExprNode): ArmValue {
    if (this.depth > MAX_DEPTH) return UNRESOLVED;
    this.depth++;
    try {
      return this.evaluateInner(node);
    } finally {
      this.depth--;
    }
  }

  private evaluateInner(node: ExprNode): ArmValue {
    switch (node.kind) {
      case 'string':
        return node.value;
      case 'number':
        return node.value;
      case 'property': {
        const target = this.evaluate(node.target);
        if (target instanceof SymbolicValue) return UNRESOLVED;
        return getProperty(target, node.name);
      }
      case 'index': {
        const target = this.evaluate(node.target);
        const index = this.evaluate(node.index);
        if (Array.isArray(target) && typeof index === 'number') return Number.isInteger(index) && index >= 0 && index < target.length ? target[index] : UNRESOLVED;
        if (typeof index === 'string') return getProperty(target, index);
        return UNRESOLVED;
      }
      case 'call':
        return this.call(node.name.toLowerCase(), node.args);
    }
  }

  private call(name: string, argNodes: readonly ExprNode[]): ArmValue {
    const args = () => argNodes.map((arg) => this.evaluate(arg));
    switch (name) {
      case 'parameters': {
        const [key] = args();
        return typeof key === 'string' && argNodes.length === 1 ? this.scope.parameter(key) : UNRESOLVED;
      }
      case 'variables': {
        const [key] = args();
        return typeof key === 'string' && argNodes.length === 1 ? this.scope.variable(key) : UNRESOLVED;
      }
      case 'concat': {
        const values = args();
        if (values.length === 0) return UNRESOLVED;
        if (values.every(Array.isArray)) return (values as ArmValue[][]).flat();
        return joinStrings(values);
      }
      case 'format':
        return this.format(args());
      case 'tolower':
      case 'toupper': {
        const [value] = args();
        if (typeof value === 'string') return name === 'tolower' ? value.toLowerCase() : value.toUpperCase();
        // Names and locations compare case-insensitively, so a symbol keeps its identity.
        if (value instanceof SymbolicValue) return value;
        return UNRESOLVED;
      }
      case 'string': {
        const [value] = args();
        if (typeof value === 'string' || value instanceof SymbolicValue || value instanceof SymbolicString) return value;
        if (typeof value === 'number') return String(value);
        if (typeof value === 'boolean') return value ? 'True' : 'False';
        return UNRESOLVED;
      }
      case 'true':
        return argNodes.length === 0 ? true : UNRESOLVED;
      case 'false':
        return argNodes.length === 0 ? false : UNRESOLVED;
      case 'null':
        return argNodes.length === 0 ? null : UNRESOLVED;
      case 'bool': {
        const [value] = args();
        if (typeof value === 'boolean') return value;
        if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
        if (typeof value === 'number') return value !== 0;
        return UNRESOLVED;
      }
      case 'int': {
        const [value] = args();
        if (typeof value === 'number') return Math.trunc(value);
        if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
        return UNRESOLVED;
      }
      case 'if': {
        if (argNodes.length !== 3) return UNRESOLVED;
        const condition = this.evaluate(argNodes[0]);
        if (typeof condition !== 'boolean') return UNRESOLVED;
        return this.evaluate(condition ? argNodes[1] : argNodes[2]);
      }
      case 'equals': {
        const [a, b] = args();
        if (argNodes.length !== 2) return UNRESOLVED;
        return deepEqual(a, b) ?? UNRESOLVED;
      }
      case 'not': {
        const [value] = args();
        return typeof value === 'boolean' ? !value : UNRESOLVED;
      }
      case 'and':
      case 'or': {
        const values = args();
        if (values.length < 2 || values.some((v) => typeof v !== 'boolean')) return UNRESOLVED;
        return name === 'and' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'empty': {
        const [value] = args();
        if (typeof value === 'string') return value.length === 0;
        if (Array.isArray(value)) return value.length === 0;
        if (value === null) return true;
        if (isPlainObject(value) && !Object.values(value).some(isUnresolved)) return Object.keys(value).length === 0;
        return UNRESOLVED;
      }
      case 'coalesce': {
        for (const arg of argNodes) {
          const value = this.evaluate(arg);
          if (value === UNRESOLVED) return UNRESOLVED;
          if (value !== null) return value;
        }
        return argNodes.length > 0 ? null : UNRESOLVED;
      }
      case 'createarray':
        return args();
      case 'createobject': {
        const values = args();
        if (values.length % 2 !== 0) return UNRESOLVED;
        const out: ArmObject = {};
        for (let i = 0; i < values.length; i += 2) {
          const key = values[i];
          if (typeof key !== 'string') return UNRESOLVED;
          out[key] = values[i + 1];
        }
        return out;
      }
      case 'resourcegroup':
        // Only `location` is useful (and symbolic); other properties stay Unresolved.
        return argNodes.length === 0 ? { location: RESOURCE_GROUP_LOCATION } : UNRESOLVED;
      case 'resourceid':
        return this.resourceId(args());
      default:
        return UNRESOLVED;
    }
  }

  private format(values: ArmValue[]): ArmValue {
    const [template, ...rest] = values;
    if (typeof template !== 'string') return UNRESOLVED;
    const pieces: StringLike[] = [];
    let literal = '';
    for (let i = 0; i < template.length; i++) {
      const c = template[i];
      if ((c === '{' || c === '}') && template[i + 1] === c) {
        literal += c;
        i++;
        continue;
      }
      if (c === '{') {
        const close = template.indexOf('}', i);
        const spec = close < 0 ? '' : template.slice(i + 1, close);
        // Format specifiers (`{0:D3}`) are .NET formatting we do not reproduce.
        if (!/^\d+$/.test(spec)) return UNRESOLVED;
        const arg = rest[Number(spec)];
        const text = arg === undefined ? undefined : asStringLike(arg);
        if (text === undefined) return UNRESOLVED;
        pieces.push(literal, text);
        literal = '';
        i = close;
        continue;
      }
      if (c === '}') return UNRESOLVED;
      literal += c;
    }
    pieces.push(literal);
    return concatStrings(pieces);
  }

  private resourceId(values: ArmValue[]): ArmValue {
    // resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...): the type is the first argument containing '/'.
    const typeIndex = values.findIndex((v) => typeof v === 'string' && /^[\w.]+\/[\w./]+$/.test(v) && v.includes('.'));
    if (typeIndex < 0 || typeIndex > 2) return UNRESOLVED;
    const type = values[typeIndex] as string;
    const names = values.slice(typeIndex + 1);
    if (names.length === 0) return UNRESOLVED;
    return new ResourceIdValue(type, names);
  }
}
