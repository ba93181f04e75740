/** Syntactic view of `list*()` calls in expressions, shared by the listCredentials and outputs rules. */
import type { ExprNode } from './expressionParser';
import { walkExpression } from './expressionParser';
import { ResourceIdValue } from './expressionValues';
import type { ArmDocument, ArmExpression } from './model';
import { REGISTRY_TYPE } from './model';

export type Accessor = { kind: 'property'; name: string; end: number } | { kind: 'index'; value: number | string | undefined; end: number };

export interface ListCall {
  expression: ArmExpression;
  call: Extract<ExprNode, { kind: 'call' }>;
  /** `.x` / `[i]` applied directly to the call's result, in order. */
  accessors: Accessor[];
}

const cache = new WeakMap<ArmDocument, ListCall[]>();

/** Every `list*()` call, with the property/index chain applied to its result (computed once per document). */
export function listCalls(doc: ArmDocument): ListCall[] {
  const cached = cache.get(doc);
  if (cached) return cached;
  const out: ListCall[] = [];
  cache.set(doc, out);
  for (const expression of doc.expressions) {
    const chains = new Map<ExprNode, Accessor[]>();
    walkExpression(expression.ast, (node) => {
      if (node.kind === 'call' && /^list/i.test(node.name)) chains.set(node, []);
    });
    if (chains.size === 0) continue;
    // Second pass: for each property/index node, find whether its base (through targets) is a list call.
    walkExpression(expression.ast, (node) => {
      if (node.kind !== 'property' && node.kind !== 'index') return;
      let base: ExprNode = node;
      const path: ExprNode[] = [];
      while (base.kind === 'property' || base.kind === 'index') {
        path.unshift(base);
        base = base.target;
      }
      const chain = chains.get(base);
      if (!chain || path.length <= chain.length) return;
      chains.set(
        base,
        path.map((p): Accessor => {
          if (p.kind === 'property') return { kind: 'property', name: p.name, end: p.end };
          const index = p.kind === 'index' ? p.index : undefined;
          const value = index?.kind === 'number' ? index.value : index?.kind === 'string' ? index.value : undefined;
          return { kind: 'index', value, end: p.end };
        }),
      );
    });
    for (const [call, accessors] of chains) if (call.kind === 'call') out.push({ expression, call, accessors });
  }
  return out;
}

/** Does the call's first argument name a container registry (resourceId, literal id, or a 2.0 symbolic name)? */
export function targetsRegistry(doc: ArmDocument, item: ListCall): boolean {
  const first = item.call.args[0];
  if (!first) return false;
  const value = item.expression.template.scope.evaluator.evaluate(first);
  if (value instanceof ResourceIdValue) return value.type.toLowerCase() === REGISTRY_TYPE && value.names.length === 1;
  if (first.kind === 'string') {
    const symbolic = doc.resources.find((r) => r.symbolicName === first.value);
    if (symbolic) return symbolic.type?.toLowerCase() === REGISTRY_TYPE;
  }
  let literalRegistry = false;
  walkExpression(first, (node) => {
    if (node.kind === 'string' && /microsoft\.containerregistry\/registries\/?$/i.test(node.value)) literalRegistry = true;
  });
  return literalRegistry;
}
