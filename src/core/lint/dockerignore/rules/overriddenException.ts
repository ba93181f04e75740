import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';
import { samplePaths } from '../samples';

export const overriddenExceptionRule: Rule<DockerignoreDoc> = {
  meta: {
    code: 'ACR203',
    name: 'overridden-exception',
    kind: 'dockerignore',
    type: 'problem',
    severity: 'warning',
    description: 'An exception ("!x") that a later line excludes again, so it has no effect.',
    faq: ['F36'],
    fixable: false,
    messages: {
      overridden:
        'The exception `{{exception}}` has no effect: the later line {{laterLine}} (`{{later}}`) excludes the same files again, and in a .dockerignore the last matching line wins. Move this line below line {{laterLine}}.',
    },
  },
  check(doc, context) {
    doc.lines.forEach((line, index) => {
      const exception = line.compiled;
      if (!exception?.exclusion) return;
      const samples = samplePaths(exception.cleaned)?.filter((p) => exception.matchesOrParent(p));
      if (!samples?.length) return;
      for (const later of doc.lines.slice(index + 1)) {
        const pattern = later.compiled;
        if (!pattern || pattern.exclusion) continue;
        if (samples.every((sample) => pattern.matchesOrParent(sample))) {
          context.report({
            range: line.range,
            messageId: 'overridden',
            data: { exception: line.pattern, later: later.pattern, laterLine: later.line + 1 },
          });
          return;
        }
      }
    });
  },
};
