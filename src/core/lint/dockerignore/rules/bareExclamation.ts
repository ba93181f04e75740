import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';

export const bareExclamationRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR201',
    name: 'bare-exclamation',
    kind: 'dockerignore',
    type: 'problem',
    severity: 'error',
    description: 'A line with only "!" makes docker build fail before it starts.',
    faq: [],
    fixable: true,
    messages: {
      bare:
        'A "!" with no pattern after it is rejected: docker build stops with `illegal exclusion pattern: "!"` and `az acr build` fails too. Write the path to re-include after the "!" (for example `!.git/**`), or delete the line.',
    },
  },
  check(doc, context) {
    for (const line of doc.lines) {
      if (line.pattern !== '!') continue;
      const start = context.lines.offsetAt({ line: line.line, character: 0 });
      const nextLine = line.line + 1 < context.lines.lineCount ? context.lines.offsetAt({ line: line.line + 1, character: 0 }) : context.lines.lineEnd(line.line);
      context.report({
        range: line.range,
        messageId: 'bare',
        fixes: [{ title: 'Delete the "!" line', edits: [{ range: context.lines.rangeAt(start, nextLine - start), newText: '' }], safe: false }],
      });
    }
  },
};
