/**
 * Every ARM report is judged under the `condition` of the resource it is on (and of that
 * resource's parents and the nested deployments, "modules", holding it), issue 8 section 5:
 * - never deployed (`condition` literally false): nothing is reported;
 * - not deployed at the parameters' defaults (a condition that evaluates to false): values computed
 *   from those defaults exist only when the resource is not deployed, so findings on expressions are
 *   dropped; a literal is the same either way and is still reported, but not at error level;
 * - a condition we cannot resolve: reported, but not at error level.
 */
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Report, RuleMeta } from '../types';
import { isExpressionString } from './expressionParser';
import { prop } from './json';
import type { ArmDocument, ArmResource } from './model';

export type Deployed = 'always' | 'unknown' | 'notAtDefaults' | 'never';

const RANK: Record<Deployed, number> = { always: 0, unknown: 1, notAtDefaults: 2, never: 3 };

function ownCondition(doc: ArmDocument, resource: ArmResource): Deployed {
  const condition = prop(resource.node, 'condition');
  if (!condition) return 'always';
  if (condition.type === 'boolean') return condition.value === false ? 'never' : 'always';
  const value = doc.valueOf(condition, resource.scope);
  if (value === true) return 'always';
  if (value === false) return typeof condition.value === 'string' && /^\[\s*false\(\s*\)\s*\]$/i.test(condition.value) ? 'never' : 'notAtDefaults';
  return 'unknown';
}

/** The worst of the resource's own condition, its lexical parents' and its enclosing deployments'. */
export function deployedState(doc: ArmDocument, resource: ArmResource): Deployed {
  let state = ownCondition(doc, resource);
  for (const outer of [resource.parent, resource.template.deployment]) {
    if (!outer) continue;
    const theirs = deployedState(doc, outer);
    if (RANK[theirs] > RANK[state]) state = theirs;
  }
  return state;
}

/** The innermost resource whose JSON holds `offset`. */
function resourceAt(doc: ArmDocument, offset: number): ArmResource | undefined {
  let best: ArmResource | undefined;
  for (const resource of doc.resources) {
    const { offset: start, length } = resource.node;
    if (offset >= start && offset < start + length && (!best || length < best.node.length)) best = resource;
  }
  return best;
}

function isExpressionAt(doc: ArmDocument, offset: number): boolean {
  const node: Node | undefined = findNodeAtOffset(doc.root, offset, true);
  return node?.type === 'string' && typeof node.value === 'string' && isExpressionString(node.value);
}

export function judgeUnderCondition(doc: ArmDocument, report: Report, meta: RuleMeta): Report | undefined {
  const offset = doc.lines.offsetAt(report.range.start);
  const resource = resourceAt(doc, offset);
  if (!resource) return report;
  const state = deployedState(doc, resource);
  if (state === 'always') return report;
  if (state === 'never') return undefined;
  if (state === 'notAtDefaults' && isExpressionAt(doc, offset)) return undefined;
  return (report.severity ?? meta.severity) === 'error' ? { ...report, severity: 'warning' } : report;
}
