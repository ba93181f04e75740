import type { Rule } from '../../types';
import { describeReference, fixTitle, mappedEdits, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/**
 * distribution's splitDockerDomain takes a first component with upper case for a host, so
 * `MyOrg/app` is looked up on a server named "MyOrg": a DNS error, not the case error users expect.
 */
export const uppercaseHostComponentRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR103',
    name: 'uppercase-host-component',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'error',
    description: 'A first path component with upper case (`MyOrg/app`) is taken for a registry host, so the pull fails with a DNS error.',
    faq: ['F33', 'F25'],
    fixable: true,
    messages: {
      implicitHost:
        'Docker reads "{{component}}" in {{reference}} as a registry host, because a first component with upper case is a host name (like one with "." or ":", or "localhost"). The pull goes to a server named "{{component}}" and fails with a DNS error ("lookup {{component}}: no such host"), not a case error. If you meant the Docker Hub namespace, write "{{lower}}"; if you meant your registry, write its full login server, e.g. "{{lower}}.azurecr.io/{{rest}}".',
    },
  },
  check(doc, context) {
    for (const site of doc.references) {
      const { domain, domainReason, path } = site.reference;
      if (!domain || domainReason !== 'uppercase') continue;
      const lower = domain.value.toLowerCase();
      context.report({
        range: partRange(site, domain.start, domain.end, context.lines),
        messageId: 'implicitHost',
        data: { component: domain.value, reference: describeReference(site, context.text), lower, rest: path.value },
        fixes: [{
          // Not safe: lowercasing changes the meaning from "a host" to "a Docker Hub namespace".
          title: fixTitle(site, domain.start, domain.end, `Lowercase "${domain.value}" (a Docker Hub namespace "${lower}")`),
          edits: mappedEdits(site, domain.start, domain.end, (text) => text.toLowerCase(), context.lines),
          safe: false,
        }],
      });
    }
  },
};
