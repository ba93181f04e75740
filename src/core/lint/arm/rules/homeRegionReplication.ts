import type { FormattingOptions } from 'jsonc-parser';
import { getNodePath, modify } from 'jsonc-parser';
import type { Fix, Rule } from '../../types';
import { prop } from '../json';
import type { ArmDocument, ArmResource } from '../model';
import { sameLocation } from '../registry';

/** Indentation as the file already uses it, so an inserted property looks hand-written. */
export function detectFormatting(text: string, eol: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text);
  const indent = indented?.[1] ?? '  ';
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: Math.min(indent.length, 8) || 2, eol };
}

function conditionFix(doc: ArmDocument, replication: ArmResource): Fix | undefined {
  try {
    const nodePath = getNodePath(replication.node);
    const keys = replication.node.children?.map((p) => p.children?.[0]?.value as string) ?? [];
    // Put `condition` right after `name` (or first), where ARM authors expect it.
    const nameIndex = keys.findIndex((k) => typeof k === 'string' && k.toLowerCase() === 'name');
    const existing = prop(replication.node, 'condition');
    const edits = modify(doc.text, [...nodePath, existing ? (existing.parent?.children?.[0]?.value as string) : 'condition'], false, {
      formattingOptions: detectFormatting(doc.text, doc.lines.eol),
      getInsertionIndex: () => (nameIndex >= 0 ? nameIndex + 1 : 0),
    });
    if (edits.length === 0) return undefined;
    return { title: 'Add "condition": false (the home replication exists already and cannot be managed)', edits: edits.map((e) => doc.lines.toTextEdit(e)), safe: true, preferred: true };
  } catch {
    return undefined;
  }
}

/** ACR409: a replication in the registry's own (home) region, not disabled with `"condition": false` (F28). */
export const homeRegionReplicationRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR409',
    name: 'arm-home-region-replication',
    kind: 'arm-template',
    type: 'problem',
    severity: 'warning',
    description: 'A replications resource is in the registry\'s home region; declare it with "condition": false so redeployments and deletions do not fail.',
    faq: ['F28'],
    fixable: true,
    messages: {
      home: "This replication is in the registry's home region ({{location}}). The home replication is created with the registry and cannot be deleted or managed as its own resource, so deployments that own it fail on cleanup. Add \"condition\": false to this resource (the quick fix does) or remove it.",
    },
  },
  check(doc, context) {
    for (const replication of doc.resources) {
      if (replication.existing || replication.type?.toLowerCase() !== 'microsoft.containerregistry/registries/replications') continue;
      const condition = prop(replication.node, 'condition');
      if (condition) {
        const value = doc.valueOf(condition, replication.scope);
        // false, or anything we cannot evaluate (it may be false): stay quiet.
        if (value !== true) continue;
      }
      const registry = doc.parentRegistry(replication);
      if (!registry) continue;
      const locationNode = prop(replication.node, 'location');
      const registryLocationNode = prop(registry.node, 'location');
      if (!locationNode || !registryLocationNode) continue;
      const location = doc.valueOf(locationNode, replication.scope);
      const home = doc.valueOf(registryLocationNode, registry.scope);
      if (sameLocation(location, home) !== true) continue;
      const fix = conditionFix(doc, replication);
      context.report({
        range: doc.range(locationNode),
        messageId: 'home',
        data: { location: typeof location === 'string' ? location : 'the same location expression as the registry' },
        fixes: fix ? [fix] : [],
      });
    }
  },
};
