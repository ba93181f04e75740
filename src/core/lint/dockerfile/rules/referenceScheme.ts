import type { Rule } from '../../types';
import { describeReference, fixTitle, mappedEdits, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** `https://myreg.azurecr.io/app` is a URL, not an image reference. */
export const referenceSchemeRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR105',
    name: 'reference-scheme',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'error',
    description: 'An image reference starts with a URL scheme (`https://`), which Docker rejects ("invalid reference format").',
    faq: ['F33'],
    fixable: true,
    messages: {
      scheme:
        'Image references have no URL scheme: Docker fails on {{reference}} with "invalid reference format". Remove "{{scheme}}" and start with the registry host, e.g. "{{withoutScheme}}".',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { scheme } = site.reference;
      if (!scheme) continue;
      context.report({
        range: partRange(site, scheme.start, scheme.end, context.lines),
        messageId: 'scheme',
        data: { reference: describeReference(site, context.text), scheme: scheme.value, withoutScheme: site.expanded.text.slice(scheme.end) },
        fixes: [{
          title: fixTitle(site, scheme.start, scheme.end, `Remove "${scheme.value}"`),
          edits: mappedEdits(site, scheme.start, scheme.end, () => '', context.lines),
          safe: true,
          preferred: true,
        }],
      });
    }
  },
};
