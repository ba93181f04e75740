import type { Node } from 'jsonc-parser';

/** Property value node by key; ARM property names are case-insensitive, an exact match wins. */
export function prop(node: Node | undefined, key: string): Node | undefined {
  const property = propNode(node, key);
  return property?.children?.[1];
}

/** The `property` node (key + value) by key, case-insensitively. */
export function propNode(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const lower = key.toLowerCase();
  let loose: Node | undefined;
  for (const property of node.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    if (keyNode.value === key) return property;
    if (!loose && keyNode.value.toLowerCase() === lower) loose = property;
  }
  return loose;
}

/** Walks a path of keys from a node. */
export function path(node: Node | undefined, ...keys: string[]): Node | undefined {
  let current = node;
  for (const key of keys) current = prop(current, key);
  return current;
}

export function entries(node: Node | undefined): { key: string; keyNode: Node; value: Node }[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: { key: string; keyNode: Node; value: Node }[] = [];
  for (const property of node.children) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode && value && typeof keyNode.value === 'string') out.push({ key: keyNode.value, keyNode, value });
  }
  return out;
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Every string node under a node, in document order. */
export function forEachString(node: Node | undefined, visit: (node: Node) => void): void {
  if (!node) return;
  if (node.type === 'string') {
    visit(node);
    return;
  }
  for (const child of node.children ?? []) {
    // Property keys are never expressions.
    if (node.type === 'property' && child === node.children?.[0]) continue;
    forEachString(child, visit);
  }
}
