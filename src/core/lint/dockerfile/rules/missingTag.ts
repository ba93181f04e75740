import type { Rule } from '../../types';
import { describeReference, partsAreReliable } from '../document';
import type { DockerfileDoc } from '../document';

/** hadolint DL3006: without a tag Docker pulls "latest", whatever that is on the day of the build. */
export const missingTagRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR106',
    name: 'missing-tag',
    kind: 'dockerfile',
    type: 'suggestion',
    severity: 'warning',
    description: 'An image reference has neither a tag nor a digest, so Docker pulls "latest" (hadolint DL3006).',
    faq: [],
    hadolint: ['DL3006'],
    fixable: false,
    messages: {
      missing:
        '{{reference}} has no tag, so Docker pulls "latest": the image can change between two builds of the same Dockerfile. Pin a version tag (e.g. "{{name}}:<version>") or a digest ("{{name}}@sha256:…").',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { tag, digest } = site.reference;
      if (!partsAreReliable(site) || tag || digest) continue;
      context.report({
        range: site.range,
        messageId: 'missing',
        data: { reference: describeReference(site, context.text), name: site.expanded.text },
      });
    }
  },
};
