import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';
import { MAX_LINE_BYTES } from '../../../dockerignore/patternMatcher';

export const invalidPatternRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR202',
    name: 'invalid-pattern',
    kind: 'dockerignore',
    type: 'problem',
    severity: 'error',
    description: 'A pattern Docker rejects (unclosed "[", bad range, trailing "\\"), which makes the build fail.',
    faq: [],
    fixable: false,
    messages: {
      syntax: 'Docker rejects the pattern `{{pattern}}`: {{reason}}. docker build fails with "syntax error in pattern" before sending the context. Close or escape the "[" (write `\\[` for a literal bracket), or fix the escape.',
      matchTime: 'Docker accepts the pattern `{{pattern}}` when reading the file but fails as soon as it matches a file: {{reason}}. Escape the special character with "\\" or rewrite the pattern.',
      tooLong: 'This line is longer than 64 KiB: Docker stops reading the .dockerignore with "token too long" and the build fails. Split it into shorter patterns.',
    },
  },
  check(doc, context) {
    for (const line of doc.lines) {
      if (utf8Length(context.lines.lineText(line.line)) >= MAX_LINE_BYTES) {
        context.report({ range: line.range, messageId: 'tooLong' });
        continue;
      }
      const error = line.error;
      // A bare "!" has its own rule.
      if (!error || line.pattern === '!') continue;
      context.report({
        range: line.range,
        messageId: error.atMatchTime ? 'matchTime' : 'syntax',
        data: { pattern: line.pattern, reason: error.reason },
      });
    }
  },
};

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
