import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { isAcrHost } from '../../../reference/imageReference';
import { stringEntries } from '../properties';
import { hostPortError, isCidr } from '../registryHosts';

export const insecureRegistryEntryRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR304',
    name: 'insecure-registry-entry',
    kind: 'daemon-json',
    type: 'problem',
    severity: 'error',
    description: 'An "insecure-registries" entry dockerd rejects or rewrites, or an ACR listed as insecure.',
    faq: [],
    fixable: true,
    messages: {
      scheme:
        'dockerd strips "{{scheme}}://" from "{{value}}" with a warning: insecure-registries takes host[:port] or a CIDR, not a URL. Write "{{host}}".',
      badScheme:
        '"{{value}}" has a scheme dockerd does not accept: it refuses to start ("insecure registry {{value}} should not contain \'://\'"). Write host[:port] or a CIDR.',
      invalid: '"{{value}}" is not a host[:port] or CIDR: dockerd refuses to start ({{reason}}). Write it as host[:port] (e.g. "registry.local:5000") or a CIDR ("10.0.0.0/8").',
      acr: '{{value}} is an Azure Container Registry: it always serves HTTPS with a publicly trusted certificate, so listing it as insecure gains nothing and lets Docker fall back to plain HTTP. Remove it.',
    },
  },
  check(doc, context) {
    for (const { node, value } of stringEntries(doc, 'insecure-registries')) {
      const range = context.lines.rangeAt(node.offset, node.length);
      const scheme = /^(https?):\/\//i.exec(value);
      if (scheme) {
        const host = value.slice(scheme[0].length);
        context.report({
          range,
          messageId: 'scheme',
          severity: 'warning',
          data: { value, scheme: scheme[1], host },
          fixes: [{ title: `Write "${host}"`, edits: [{ range, newText: JSON.stringify(host) }], safe: true, preferred: true }],
        });
        continue;
      }
      if (value.includes('://')) {
        context.report({ range, messageId: 'badScheme', data: { value } });
        continue;
      }
      if (isCidr(value)) continue;
      const reason = hostPortError(value);
      if (reason) {
        context.report({ range, messageId: 'invalid', data: { value, reason } });
        continue;
      }
      if (isAcrHost(value)) context.report({ range, messageId: 'acr', severity: 'warning', data: { value } });
    }
  },
};
