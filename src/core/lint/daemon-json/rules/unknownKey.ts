import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { KNOWN_KEYS, nearest, REMOVED_KEYS } from '../keys';

export const unknownKeyRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR301',
    name: 'unknown-key',
    kind: 'daemon-json',
    type: 'problem',
    severity: 'error',
    description: 'A top-level key dockerd does not know: the daemon refuses to start.',
    faq: ['F19', 'F26'],
    fixable: true,
    messages: {
      unknown:
        '"{{key}}" is not a dockerd option: the daemon refuses to start with "the following directives don\'t match any configuration option: {{key}}".{{suggestion}} Check the spelling against the dockerd reference, then restart Docker.',
      removed:
        '"{{key}}" was removed from dockerd: a current daemon refuses to start with "the following directives don\'t match any configuration option: {{key}}". Next step: {{advice}}.',
    },
  },
  check(doc, context) {
    const known = Object.keys(KNOWN_KEYS);
    for (const property of doc.root.children ?? []) {
      const keyNode = property.children?.[0];
      const key = keyNode?.value;
      if (typeof key !== 'string' || !keyNode || key in KNOWN_KEYS) continue;
      const range = context.lines.rangeAt(keyNode.offset, keyNode.length);
      if (key in REMOVED_KEYS) {
        context.report({ range, messageId: 'removed', data: { key, advice: REMOVED_KEYS[key] } });
        continue;
      }
      const guess = nearest(key, known);
      context.report({
        range,
        messageId: 'unknown',
        data: { key, suggestion: guess ? ` Did you mean "${guess}"?` : '' },
        fixes: guess ? [{ title: `Rename to "${guess}"`, edits: [{ range, newText: JSON.stringify(guess) }], safe: false, preferred: true }] : [],
      });
    }
  },
};
