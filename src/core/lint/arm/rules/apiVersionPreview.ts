import type { Rule } from '../../types';
import { isPreview, publishedVersions, versionDate } from '../apiVersions';
import type { ArmDocument } from '../model';

/** ACR403: a preview apiVersion where a stable version at least as new exists. */
export const apiVersionPreviewRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR403',
    name: 'arm-api-version-preview',
    kind: 'arm-template',
    type: 'suggestion',
    severity: 'info',
    description: 'A Microsoft.ContainerRegistry resource uses a preview apiVersion although a newer stable version exists.',
    faq: ['F01'],
    fixable: true,
    messages: {
      preview: "apiVersion '{{version}}' is a preview of {{type}}; stable '{{stable}}' is newer. Preview versions can change or be retired without the stable versions' support guarantees. Prefer '{{stable}}' unless you need a preview-only property.",
    },
  },
  check(doc, context) {
    for (const resource of doc.resources) {
      const { type, apiVersion, apiVersionNode } = resource;
      // `existing` references only read the resource; their version matters less.
      if (resource.existing || !type || !apiVersion || !apiVersionNode || !isPreview(apiVersion)) continue;
      const published = publishedVersions(type);
      if (!published?.some((v) => v.toLowerCase() === apiVersion.toLowerCase())) continue;
      const date = versionDate(apiVersion) ?? '';
      const stable = published.filter((v) => !isPreview(v) && (versionDate(v) ?? '') >= date).at(-1);
      if (!stable) continue;
      const literal = apiVersionNode.type === 'string' && apiVersionNode.value === apiVersion;
      const fixes = literal
        ? [{ title: `Use apiVersion ${stable}`, edits: [{ range: doc.range(apiVersionNode), newText: JSON.stringify(stable) }], safe: false, preferred: true }]
        : [];
      context.report({ range: doc.range(apiVersionNode), messageId: 'preview', data: { version: apiVersion, type, stable }, fixes });
    }
  },
};
