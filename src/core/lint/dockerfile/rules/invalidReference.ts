import type { ReferenceErrorKind } from '../../../reference/imageReference';
import type { Rule } from '../../types';
import { describeReference, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** The next step for each kind of format problem (case and scheme have their own rules). */
const NEXT_STEP: Partial<Record<ReferenceErrorKind, string>> = {
  empty: 'Write an image name, e.g. "mcr.microsoft.com/dotnet/runtime:8.0".',
  identifier: 'Use a repository name with a tag or digest instead of an image ID.',
  'invalid-domain': 'Write the registry as a host name with an optional numeric port, e.g. "myregistry.azurecr.io" or "localhost:5000".',
  'empty-component': 'Remove the extra "/".',
  'bad-separator': 'Use lowercase letters and digits, separated by ".", "_", "__", "-" or "/".',
  'invalid-tag': 'Use a tag of letters, digits, "_", "." and "-" that starts with a letter, digit or "_" (at most 128 characters).',
  'invalid-digest': 'Copy the digest exactly as "az acr manifest list-metadata" or "docker buildx imagetools inspect" prints it: "sha256:" and 64 lowercase hexadecimal digits.',
  'too-long': 'Shorten the repository path.',
};

export const invalidReferenceRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR104',
    name: 'invalid-reference',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'error',
    description: 'An image reference does not match Docker\'s grammar (tag, digest, separators, empty components, host, length).',
    faq: ['F33'],
    fixable: false,
    messages: {
      invalid: '{{reference}} is not a valid image reference: {{detail}}. Docker fails with "{{dockerMessage}}". {{nextStep}}',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { error } = site.reference;
      const nextStep = error && NEXT_STEP[error.kind];
      if (!error || !nextStep) continue;
      context.report({
        range: partRange(site, error.start, error.end, context.lines),
        messageId: 'invalid',
        data: { reference: describeReference(site, context.text), detail: error.detail, dockerMessage: error.dockerMessage, nextStep },
      });
    }
  },
};
