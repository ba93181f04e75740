import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { keyNode, stringEntries } from '../properties';
import { hostPortError, isCidr } from '../registryHosts';

export const nondistributableArtifactsRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR307',
    name: 'nondistributable-artifacts',
    kind: 'daemon-json',
    type: 'suggestion',
    severity: 'info',
    description: '"allow-nondistributable-artifacts" (FAQ F19) only matters before Docker 28; entries must be host[:port] or CIDR.',
    faq: ['F19'],
    fixable: false,
    messages: {
      deprecated:
        '"allow-nondistributable-artifacts" lets Docker before 28.0 push foreign (non-distributable) layers, such as Windows base layers, to these registries (FAQ F19). Docker 28.0 deprecated it and 28.1 ignores it in daemon.json (the flag is gone in 29): newer Docker pushes foreign layers already. Keep it only for older daemons.',
      invalid: '"{{value}}" is not a host[:port] or CIDR: Docker before 28 refuses to start ({{reason}}). Write the registry host, e.g. "myregistry.azurecr.io".',
    },
  },
  check(doc, context) {
    const key = keyNode(doc, 'allow-nondistributable-artifacts');
    if (!key) return;
    context.report({ range: context.lines.rangeAt(key.offset, key.length), messageId: 'deprecated' });
    for (const { node, value } of stringEntries(doc, 'allow-nondistributable-artifacts')) {
      if (isCidr(value)) continue;
      const reason = value.includes('://') ? `registry ${value} should not contain '://'` : hostPortError(value);
      if (reason) context.report({ range: context.lines.rangeAt(node.offset, node.length), messageId: 'invalid', severity: 'error', data: { value, reason } });
    }
  },
};
