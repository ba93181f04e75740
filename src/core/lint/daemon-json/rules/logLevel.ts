import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { LOG_LEVELS, nearest } from '../keys';
import { topLevel } from '../properties';

export const logLevelRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR303',
    name: 'log-level',
    kind: 'daemon-json',
    type: 'problem',
    severity: 'error',
    description: '"log-level" must be one of panic, fatal, error, warn, info, debug, trace.',
    faq: ['F26'],
    fixable: true,
    messages: {
      invalid:
        '"{{value}}" is not a log level: dockerd refuses to start ("invalid logging level: {{value}}"). Use one of {{levels}}; for troubleshooting (FAQ F26) use "debug".',
    },
  },
  check(doc, context) {
    const node = topLevel(doc, 'log-level');
    if (node?.type !== 'string') return;
    const value = node.value as string;
    if (value === '' || (LOG_LEVELS as readonly string[]).includes(value.toLowerCase())) return;
    const range = context.lines.rangeAt(node.offset, node.length);
    const guess = value.toLowerCase() === 'warning' ? 'warn' : nearest(value, LOG_LEVELS);
    context.report({
      range,
      messageId: 'invalid',
      data: { value, levels: LOG_LEVELS.join(', ') },
      fixes: guess ? [{ title: `Use "${guess}"`, edits: [{ range, newText: JSON.stringify(guess) }], safe: false, preferred: true }] : [],
    });
  },
};
