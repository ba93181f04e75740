import { isAcrHost } from '../../../reference/imageReference';
import type { Rule } from '../../types';
import { describeReference, fixTitle, mappedEdits, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** FAQ F25: `az acr login` stores credentials under the lowercase login server; docker matches hosts as exact strings. */
export const acrHostUppercaseRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR102',
    name: 'acr-host-uppercase',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'warning',
    description: 'An Azure Container Registry host has upper case, so docker does not find the credentials `az acr login` stored ("unauthorized").',
    faq: ['F25'],
    fixable: true,
    messages: {
      uppercase:
        'The registry host "{{host}}" in {{reference}} has upper case. ACR login servers are lowercase and docker looks credentials up by the exact host string, so after "az acr login" or "docker login {{lower}}" the pull fails with "unauthorized: authentication required". Write the login server in lowercase: "{{lower}}".',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { domain } = site.reference;
      if (!domain || domain.value.toLowerCase() === domain.value || !isAcrHost(domain.value)) continue;
      const lower = domain.value.toLowerCase();
      context.report({
        range: partRange(site, domain.start, domain.end, context.lines),
        messageId: 'uppercase',
        data: { host: domain.value, reference: describeReference(site, context.text), lower },
        fixes: [{
          title: fixTitle(site, domain.start, domain.end, `Lowercase the login server to "${lower}"`),
          edits: mappedEdits(site, domain.start, domain.end, (text) => text.toLowerCase(), context.lines),
          safe: true,
          preferred: true,
        }],
      });
    }
  },
};
