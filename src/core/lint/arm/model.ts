/**
 * The parsed template, built once per lint and shared by every rule: the JSON tree
 * with positions, each (nested) template with its evaluation scope, every resource
 * (nested `resources` arrays and inline nested deployments included) and every
 * expression string, parsed.
 */
import type { Node } from 'jsonc-parser';
import type { LineIndex, Range } from '../../text/lineIndex';
import type { EvaluationScope } from './expressionEvaluator';
import { Evaluator } from './expressionEvaluator';
import type { ExprNode } from './expressionParser';
import { isExpressionString, parseExpression } from './expressionParser';
import type { ArmValue } from './expressionValues';
import { comparableKey, joinStrings, splitResourceName, SymbolicValue, UNRESOLVED } from './expressionValues';
import { entries, forEachString, items, path, prop, stringValue } from './json';

const MAX_TEMPLATE_DEPTH = 32;

export class TemplateScope implements EvaluationScope {
  private readonly parameterDefs = new Map<string, Node>();
  private readonly variableDefs = new Map<string, Node>();
  private readonly parameterCache = new Map<string, ArmValue>();
  private readonly variableCache = new Map<string, ArmValue>();
  private readonly inProgress = new Set<string>();
  readonly evaluator: Evaluator;
  /**
   * For an inner-scoped nested deployment: the values the outer deployment passes
   * (evaluated lazily in the outer scope). `'all-unresolved'` when they come from a
   * link or an expression we cannot see through.
   */
  passed: Map<string, () => ArmValue> | 'all-unresolved' | undefined;

  constructor(
    readonly id: string,
    templateNode: Node,
    private readonly doc: ArmDocument,
  ) {
    for (const { key, value } of entries(prop(templateNode, 'parameters'))) this.parameterDefs.set(key.toLowerCase(), value);
    for (const { key, value } of entries(prop(templateNode, 'variables'))) this.variableDefs.set(key.toLowerCase(), value);
    this.evaluator = new Evaluator(this);
  }

  parameter(name: string): ArmValue {
    const key = name.toLowerCase();
    const cached = this.parameterCache.get(key);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(`p:${key}`)) return UNRESOLVED;
    this.inProgress.add(`p:${key}`);
    try {
      const value = this.computeParameter(key);
      this.parameterCache.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(`p:${key}`);
    }
  }

  private computeParameter(key: string): ArmValue {
    if (this.passed === 'all-unresolved') return UNRESOLVED;
    const passed = this.passed?.get(key);
    if (passed) return passed();
    const def = this.parameterDefs.get(key);
    if (!def) return UNRESOLVED;
    const defaultValue = prop(def, 'defaultValue');
    // No default: unknown, but the same value everywhere in this template.
    if (!defaultValue) return new SymbolicValue(`${this.id}:parameters('${key}')`);
    return this.doc.valueOf(defaultValue, this);
  }

  variable(name: string): ArmValue {
    const key = name.toLowerCase();
    const cached = this.variableCache.get(key);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(`v:${key}`)) return UNRESOLVED;
    this.inProgress.add(`v:${key}`);
    try {
      const def = this.variableDefs.get(key);
      // `copy` in variables is a variable loop: not evaluated.
      const value = def && key !== 'copy' ? this.doc.valueOf(def, this) : UNRESOLVED;
      this.variableCache.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(`v:${key}`);
    }
  }
}

export interface ArmTemplate {
  node: Node;
  /** Where `parameters()`/`variables()` resolve: its own scope, or the outer one (`expressionEvaluationOptions.scope` 'outer', the default). */
  scope: TemplateScope;
  /** The `Microsoft.Resources/deployments` resource that holds this template inline; undefined for the file's root. */
  deployment?: ArmResource;
  depth: number;
}

export interface ArmResource {
  node: Node;
  template: ArmTemplate;
  scope: TemplateScope;
  /** Full type (child types composed with the parent's: `.../registries` + `replications`); undefined if not a literal. */
  type: string | undefined;
  typeNode: Node | undefined;
  /** Full name (`reg/rep` for children), evaluated. */
  name: ArmValue;
  nameNode: Node | undefined;
  apiVersion: string | undefined;
  apiVersionNode: Node | undefined;
  /** Lexical parent (nested `resources` array). */
  parent: ArmResource | undefined;
  /** This resource or an enclosing one (or deployment) has `copy`: values with copyIndex() stay Unresolved. */
  inCopyLoop: boolean;
  /** `existing: true` (languageVersion 2.0): a reference, not something this template deploys. */
  existing: boolean;
  /** The key in a languageVersion 2.0 `resources` object. */
  symbolicName: string | undefined;
}

export interface ArmExpression {
  node: Node;
  ast: ExprNode;
  template: ArmTemplate;
}

export const REGISTRY_TYPE = 'microsoft.containerregistry/registries';

export class ArmDocument {
  readonly templates: ArmTemplate[] = [];
  readonly resources: ArmResource[] = [];
  private readonly valueCache = new Map<Node, ArmValue>();
  private readonly certainCache = new Map<ArmResource, boolean>();
  private expressionList: ArmExpression[] | undefined;
  private scopeCounter = 0;

  constructor(
    readonly text: string,
    readonly root: Node,
    readonly lines: LineIndex,
  ) {
    const scope = this.newScope(root);
    this.addTemplate({ node: root, scope, depth: 0 });
  }

  private newScope(node: Node): TemplateScope {
    return new TemplateScope(`t${this.scopeCounter++}`, node, this);
  }

  private addTemplate(template: ArmTemplate): void {
    this.templates.push(template);
    const resources = prop(template.node, 'resources');
    if (resources?.type === 'object') {
      for (const { key, value } of entries(resources)) this.addResource(value, template, undefined, key, false);
    } else {
      for (const item of items(resources)) this.addResource(item, template, undefined, undefined, false);
    }
  }

  private addResource(node: Node, template: ArmTemplate, parent: ArmResource | undefined, symbolicName: string | undefined, parentInCopy: boolean): void {
    if (node.type !== 'object') return;
    const scope = template.scope;
    const typeNode = prop(node, 'type');
    const rawType = this.literalString(typeNode, scope);
    let type: string | undefined = rawType;
    if (rawType !== undefined && parent && !rawType.includes('/')) type = parent.type !== undefined ? `${parent.type}/${rawType}` : undefined;
    const nameNode = prop(node, 'name');
    let name: ArmValue = nameNode ? this.valueOf(nameNode, scope) : UNRESOLVED;
    if (parent && type) {
      const needed = type.split('/').length - 1;
      const own = splitResourceName(name);
      const parentSegments = splitResourceName(parent.name);
      if (own && own.length < needed) {
        if (parentSegments && parentSegments.length + own.length === needed) name = joinName([...parentSegments, ...own]);
        else name = UNRESOLVED;
      }
    }
    const apiVersionNode = prop(node, 'apiVersion');
    const existingNode = prop(node, 'existing');
    const resource: ArmResource = {
      node,
      template,
      scope,
      type,
      typeNode,
      name,
      nameNode,
      apiVersion: this.literalString(apiVersionNode, scope),
      apiVersionNode,
      parent,
      inCopyLoop: parentInCopy || prop(node, 'copy') !== undefined,
      existing: existingNode?.type === 'boolean' && existingNode.value === true,
      symbolicName,
    };
    this.resources.push(resource);
    for (const child of items(prop(node, 'resources'))) this.addResource(child, template, resource, undefined, resource.inCopyLoop);
    if (type?.toLowerCase() === 'microsoft.resources/deployments') this.addNestedTemplate(resource);
  }

  private addNestedTemplate(deployment: ArmResource): void {
    const templateNode = path(deployment.node, 'properties', 'template');
    if (templateNode?.type !== 'object' || deployment.template.depth >= MAX_TEMPLATE_DEPTH) return;
    const scopeSetting = stringValue(path(deployment.node, 'properties', 'expressionEvaluationOptions', 'scope'));
    const inner = scopeSetting?.toLowerCase() === 'inner';
    let scope = deployment.scope;
    if (inner) {
      scope = this.newScope(templateNode);
      const parametersNode = path(deployment.node, 'properties', 'parameters');
      if (path(deployment.node, 'properties', 'parametersLink') || (parametersNode && parametersNode.type !== 'object')) {
        scope.passed = 'all-unresolved';
      } else {
        const passed = new Map<string, () => ArmValue>();
        const outer = deployment.scope;
        for (const { key, value } of entries(parametersNode)) {
          const valueNode = prop(value, 'value');
          // Key Vault references and anything but `{ "value": ... }` are values we cannot see.
          passed.set(key.toLowerCase(), () => (valueNode ? this.valueOf(valueNode, outer) : UNRESOLVED));
        }
        scope.passed = passed;
      }
    }
    this.addTemplate({ node: templateNode, scope, deployment, depth: deployment.template.depth + 1 });
  }

  private literalString(node: Node | undefined, scope: TemplateScope): string | undefined {
    if (!node) return undefined;
    const value = this.valueOf(node, scope);
    return typeof value === 'string' ? value : undefined;
  }

  /** A JSON node's value with every expression string in it evaluated. Cached per node. */
  valueOf(node: Node, scope: TemplateScope): ArmValue {
    const cached = this.valueCache.get(node);
    if (cached !== undefined) return cached;
    const value = this.computeValue(node, scope);
    this.valueCache.set(node, value);
    return value;
  }

  private computeValue(node: Node, scope: TemplateScope): ArmValue {
    switch (node.type) {
      case 'string':
        return typeof node.value === 'string' ? scope.evaluator.evaluateString(node.value) : UNRESOLVED;
      case 'number':
      case 'boolean':
        return node.value as number | boolean;
      case 'null':
        return null;
      case 'array':
        return (node.children ?? []).map((child) => this.valueOf(child, scope));
      case 'object': {
        const out: Record<string, ArmValue> = {};
        for (const { key, value } of entries(node)) out[key] = this.valueOf(value, scope);
        return out;
      }
      default:
        return UNRESOLVED;
    }
  }

  /** Evaluates a property of a resource (by path of keys) in the resource's scope; undefined when absent. */
  resourceValue(resource: ArmResource, ...keys: string[]): { node: Node; value: ArmValue } | undefined {
    const node = path(resource.node, ...keys);
    if (!node) return undefined;
    return { node, value: this.valueOf(node, resource.scope) };
  }

  /** Every expression string in the file, parsed once, with the template it belongs to. */
  get expressions(): ArmExpression[] {
    if (this.expressionList) return this.expressionList;
    const list: ArmExpression[] = [];
    // Innermost template wins: visit nested templates first and skip their nodes in outer ones.
    const seen = new Set<Node>();
    const byDepth = [...this.templates].sort((a, b) => b.depth - a.depth);
    for (const template of byDepth) {
      forEachString(template.node, (node) => {
        if (seen.has(node)) return;
        seen.add(node);
        if (typeof node.value !== 'string' || !isExpressionString(node.value)) return;
        const ast = parseExpression(node.value);
        if (ast) list.push({ node, ast, template });
      });
    }
    list.sort((a, b) => a.node.offset - b.node.offset);
    this.expressionList = list;
    return list;
  }

  range(node: Node): Range {
    return this.lines.rangeAt(node.offset, node.length);
  }

  /**
   * Range of characters `start..end` of a string node's decoded value, mapped to the
   * raw text (JSON escapes make the two differ).
   */
  valueRange(node: Node, start: number, end: number): Range {
    const rawStart = node.offset + 1;
    const raw = this.text.slice(rawStart, node.offset + node.length - 1);
    const value = typeof node.value === 'string' ? node.value : '';
    if (raw.length === value.length) return this.lines.rangeAt(rawStart + start, end - start);
    const offsets: number[] = [];
    for (let i = 0; i < raw.length; ) {
      offsets.push(i);
      if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
      else i++;
    }
    offsets.push(raw.length);
    const from = offsets[Math.min(start, offsets.length - 1)];
    const to = offsets[Math.min(end, offsets.length - 1)];
    return this.lines.rangeAt(rawStart + from, to - from);
  }

  /**
   * True only when the resource is surely deployed, as far as we can tell: no `condition` or one that is true, no
   * `copy` or a count that resolves above zero, and the same for its parent and the
   * nested deployment holding it. Rules relating two resources use it: a resource in a
   * loop over an empty default array is never deployed.
   */
  isCertainlyDeployed(resource: ArmResource): boolean {
    const cached = this.certainCache.get(resource);
    if (cached !== undefined) return cached;
    let certain = !resource.existing;
    const condition = prop(resource.node, 'condition');
    if (certain && condition && this.valueOf(condition, resource.scope) !== true) certain = false;
    const copy = prop(resource.node, 'copy');
    if (certain && copy) {
      const count = prop(copy, 'count');
      const value = count ? this.valueOf(count, resource.scope) : undefined;
      if (typeof value !== 'number' || value <= 0) certain = false;
    }
    if (certain && resource.parent) certain = this.isCertainlyDeployed(resource.parent);
    if (certain && resource.template.deployment) certain = this.isCertainlyDeployed(resource.template.deployment);
    this.certainCache.set(resource, certain);
    return certain;
  }

  /** Registries this template deploys (not `existing` references). */
  registries(): ArmResource[] {
    return this.resources.filter((r) => r.type?.toLowerCase() === REGISTRY_TYPE && !r.existing);
  }

  /**
   * The registry a child resource (`registries/x`) belongs to: its lexical parent, or a
   * registry in the same template whose (possibly symbolic) name equals the first
   * segment of the child's name. Undefined when that cannot be told.
   */
  parentRegistry(child: ArmResource): ArmResource | undefined {
    for (let p = child.parent; p; p = p.parent) if (p.type?.toLowerCase() === REGISTRY_TYPE) return p;
    const segments = splitResourceName(child.name);
    if (!segments || segments.length < 2) return undefined;
    const registryName = comparableKey(segments[0]);
    if (registryName === undefined) return undefined;
    const matches = this.resources.filter((r) => r.type?.toLowerCase() === REGISTRY_TYPE && r.template === child.template && comparableKey(r.name) === registryName);
    return matches.length === 1 ? matches[0] : undefined;
  }
}

function joinName(segments: readonly ArmValue[]): ArmValue {
  const parts: ArmValue[] = [];
  segments.forEach((segment, i) => {
    if (i > 0) parts.push('/');
    parts.push(segment);
  });
  return joinStrings(parts);
}
