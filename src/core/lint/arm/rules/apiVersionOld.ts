import type { Rule } from '../../types';
import { isPreview, OLDEST_RECOMMENDED, publishedVersions, versionDate } from '../apiVersions';
import type { ArmDocument } from '../model';

/** ACR404: an apiVersion older than the oldest one we still recommend for that type. */
export const apiVersionOldRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR404',
    name: 'arm-api-version-old',
    kind: 'arm-template',
    type: 'suggestion',
    severity: 'warning',
    description: 'A Microsoft.ContainerRegistry resource uses an apiVersion older than the oldest recommended one for its type (registries: 2019-05-01).',
    faq: ['F01'],
    fixable: false,
    messages: {
      old: "apiVersion '{{version}}' of {{type}} is older than {{threshold}}, the oldest version we recommend: it lacks the properties and behaviour of later versions{{classic}}. Move to '{{newest}}' and check the properties against its schema.",
    },
  },
  check(doc, context) {
    for (const resource of doc.resources) {
      const { type, apiVersion, apiVersionNode } = resource;
      if (!type || !apiVersion || !apiVersionNode) continue;
      const threshold = OLDEST_RECOMMENDED[type.toLowerCase()];
      const published = publishedVersions(type);
      if (!threshold || !published?.some((v) => v.toLowerCase() === apiVersion.toLowerCase())) continue;
      const date = versionDate(apiVersion);
      if (!date || date >= threshold) continue;
      const newest = published.filter((v) => !isPreview(v)).at(-1) ?? published.at(-1) ?? '';
      const classic = type.toLowerCase() === 'microsoft.containerregistry/registries' && date <= '2017-03-01' ? '; 2017-03-01 only knows the retired Classic SKU' : '';
      context.report({ range: doc.range(apiVersionNode), messageId: 'old', data: { version: apiVersion, type, threshold, newest, classic } });
    }
  },
};
