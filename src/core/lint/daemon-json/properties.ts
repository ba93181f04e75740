import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { DaemonJsonDoc } from './document';

/** The value node of a top-level key (the last one when duplicated, as Go's decoder keeps the last). */
export function topLevel(doc: DaemonJsonDoc, key: string): Node | undefined {
  return findNodeAtLocation(doc.root, [key]);
}

/** The string entries of a top-level array, with their nodes. */
export function stringEntries(doc: DaemonJsonDoc, key: string): { node: Node; value: string }[] {
  const array = topLevel(doc, key);
  if (array?.type !== 'array') return [];
  return (array.children ?? []).filter((c) => c.type === 'string').map((node) => ({ node, value: node.value as string }));
}

/** The key node of a top-level property. */
export function keyNode(doc: DaemonJsonDoc, key: string): Node | undefined {
  return doc.root.children?.filter((p) => p.children?.[0]?.value === key).pop()?.children?.[0];
}
