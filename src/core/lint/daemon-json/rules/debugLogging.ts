import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { enableDebugEdits } from '../edits';
import { topLevel } from '../properties';

export const debugLoggingRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR308',
    name: 'debug-logging',
    kind: 'daemon-json',
    type: 'suggestion',
    severity: 'hint',
    description: 'Offers to turn on daemon debug logging ("debug": true) for troubleshooting (FAQ F26).',
    faq: ['F26'],
    fixable: true,
    messages: {
      off: 'Daemon debug logging is off. When troubleshooting pulls or pushes, set "debug": true, restart Docker (or send dockerd SIGHUP), and read the daemon log (journalctl -u docker on Linux).',
    },
  },
  check(doc, context) {
    if (topLevel(doc, 'debug')?.value === true) return;
    const edits = enableDebugEdits(context.text);
    if (edits.length === 0) return;
    context.report({
      range: context.lines.rangeAt(doc.root.offset, 1),
      messageId: 'off',
      fixes: [{ title: 'Enable daemon debug logging ("debug": true)', edits, safe: false }],
    });
  },
};
