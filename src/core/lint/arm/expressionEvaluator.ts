/**
 * A partial evaluator for ARM template expressions (AST from expressionParser.ts,
 * values from expressionValues.ts).
 *
 * Only what the rules need is evaluated (parameters, variables, concat, format,
 * toLower/toUpper, if/equals/not/and/or, coalesce, createArray/createObject,
 * resourceGroup().location, resourceId). Anything else is Unresolved, and rules
 * never report on an Unresolved value.
 */

import type { ExprNode } from './expressionParser';
import { isExpressionString, MAX_EXPRESSION_DEPTH, parseExpression, unescapeLiteralString } from './expressionParser';
import type { ArmObject, ArmValue, StringLike } from './expressionValues';
import { asStringLike, concatStrings, getProperty, isPlainObject, isUnresolved, joinStrings, ResourceIdValue, SymbolicString, SymbolicValue, UNRESOLVED } from './expressionValues';

/** Where `parameters()` and `variables()` look things up. Implemented by the template model. */
export interface EvaluationScope {
  parameter(name: string): ArmValue;
  variable(name: string): ArmValue;
}

const RESOURCE_GROUP_LOCATION = new SymbolicValue('resourceGroup().location');

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
    if (this.depth > MAX_EXPRESSION_DEPTH) return UNRESOLVED;
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
