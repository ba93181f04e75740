import type { Rule } from '../../types';
import { isPreview, NEWEST_KNOWN_DATE, publishedVersions, versionDate } from '../apiVersions';
import type { ArmDocument } from '../model';

/** ACR402: an apiVersion that was never published for that Microsoft.ContainerRegistry type. */
export const apiVersionUnknownRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR402',
    name: 'arm-api-version-unknown',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'The apiVersion of a Microsoft.ContainerRegistry resource is not a published version of that resource type.',
    faq: ['F01'],
    fixable: false,
    messages: {
      unknown: "apiVersion '{{version}}' is not a published version of {{type}}, so Resource Manager rejects the deployment (NoRegisteredProviderFound / InvalidResourceType). Use a published one, e.g. '{{suggestion}}'.",
    },
  },
  check(doc, context) {
    for (const resource of doc.resources) {
      const { type, apiVersion, apiVersionNode } = resource;
      if (!type || !apiVersion || !apiVersionNode) continue;
      const published = publishedVersions(type);
      // A type we have no table for is never reported: high confidence only.
      if (!published) continue;
      if (published.some((v) => v.toLowerCase() === apiVersion.toLowerCase())) continue;
      const date = versionDate(apiVersion);
      // Newer than anything we know: our table may simply be older than the version.
      if (date && date > NEWEST_KNOWN_DATE) continue;
      const stable = published.filter((v) => !isPreview(v));
      const suggestion = (stable.length ? stable : published).at(-1) ?? '';
      context.report({ range: doc.range(apiVersionNode), messageId: 'unknown', data: { version: apiVersion, type, suggestion } });
    }
  },
};
