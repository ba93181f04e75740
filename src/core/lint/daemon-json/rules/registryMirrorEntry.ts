import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { stringEntries } from '../properties';
import { mirrorError } from '../registryHosts';

export const registryMirrorEntryRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR305',
    name: 'registry-mirror-entry',
    kind: 'daemon-json',
    type: 'problem',
    severity: 'error',
    description: 'A "registry-mirrors" entry that is not a plain http(s) URL: the daemon refuses to start.',
    faq: [],
    fixable: false,
    messages: {
      invalid:
        '"{{value}}" is not a valid mirror: dockerd refuses to start (invalid mirror: {{reason}}). Write an http:// or https:// URL without user, query or fragment, e.g. "https://mirror.example.com".',
    },
  },
  check(doc, context) {
    for (const { node, value } of stringEntries(doc, 'registry-mirrors')) {
      const reason = mirrorError(value);
      if (reason) context.report({ range: context.lines.rangeAt(node.offset, node.length), messageId: 'invalid', data: { value, reason } });
    }
  },
};
