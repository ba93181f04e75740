import type { Rule } from '../../types';
import { describeReference, fixTitle, mappedEdits, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** FAQ F33: repository names are lowercase; Docker rejects the reference before any network call. */
export const repositoryUppercaseRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR101',
    name: 'repository-uppercase',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'error',
    description: 'An image repository path has upper case, which Docker rejects ("repository name must be lowercase").',
    faq: ['F33'],
    fixable: true,
    messages: {
      uppercase:
        'The repository path "{{path}}" in {{reference}} has upper case. Docker fails with "{{dockerMessage}}": repository names may only contain lowercase letters, digits, ".", "_", "-" and "/". Write "{{lower}}".',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { error, path } = site.reference;
      if (error?.kind !== 'uppercase-repository') continue;
      const lower = path.value.toLowerCase();
      context.report({
        range: partRange(site, path.start, path.end, context.lines),
        messageId: 'uppercase',
        data: { path: path.value, reference: describeReference(site, context.text), dockerMessage: error.dockerMessage, lower },
        fixes: [{
          title: fixTitle(site, path.start, path.end, `Lowercase the repository name to "${lower}"`),
          edits: mappedEdits(site, path.start, path.end, (text) => text.toLowerCase(), context.lines),
          safe: true,
          preferred: true,
        }],
      });
    }
  },
};
