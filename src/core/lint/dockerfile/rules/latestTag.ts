import type { Rule } from '../../types';
import { describeReference, partsAreReliable, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** hadolint DL3007: "latest" moves; a digest pins it, so `:latest@sha256:…` is fine. */
export const latestTagRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR107',
    name: 'latest-tag',
    kind: 'dockerfile',
    type: 'suggestion',
    severity: 'warning',
    description: 'An image reference uses the "latest" tag without a digest (hadolint DL3007).',
    faq: [],
    hadolint: ['DL3007'],
    fixable: false,
    messages: {
      latest:
        '{{reference}} uses the "latest" tag, which moves with every release: builds are not reproducible and can break without any change to this file. Pin a version tag or a digest.',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { tag, digest } = site.reference;
      if (!partsAreReliable(site) || digest || tag?.value !== 'latest') continue;
      context.report({
        range: partRange(site, tag.start, tag.end, context.lines),
        messageId: 'latest',
        data: { reference: describeReference(site, context.text) },
      });
    }
  },
};
