import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { isAcrHost } from '../../../reference/imageReference';
import { keyNode, stringEntries } from '../properties';
import { mirrorError } from '../registryHosts';

/** Every ACR login server the file names (insecure-registries, allow-nondistributable-artifacts, ...). */
function acrHostsNamed(doc: DaemonJsonDoc): string[] {
  const hosts = new Set<string>();
  for (const key of ['insecure-registries', 'allow-nondistributable-artifacts']) {
    for (const { value } of stringEntries(doc, key)) {
      const host = value.replace(/^https?:\/\//i, '').replace(/[:/].*$/, '');
      if (isAcrHost(host)) hosts.add(host.toLowerCase());
    }
  }
  return [...hosts];
}

export const mirrorNotForAcrRule: Rule<DaemonJsonDoc> = {
  meta: {
    code: 'ACR306',
    name: 'mirror-not-for-acr',
    kind: 'daemon-json',
    type: 'suggestion',
    severity: 'warning',
    description: 'Registry mirrors only serve Docker Hub pulls; they never apply to pulls from an ACR.',
    faq: ['F22'],
    fixable: false,
    messages: {
      acrAsMirror:
        '{{value}} is an Azure Container Registry used as a mirror. Docker sends only Docker Hub (docker.io) pulls to mirrors, without your ACR credentials, so this only works if that registry serves Docker Hub content anonymously (e.g. a cache rule for docker.io with anonymous pull). Pulls of {{host}}/... never go through a mirror; pull them by their full name.',
      expectsMirror:
        'Mirrors apply to Docker Hub pulls only: pulls from {{hosts}} always go straight to that registry, whatever is listed here. To speed up ACR pulls, use a registry replica near you (Premium geo-replication) or check the network path (FAQ F22).',
    },
  },
  check(doc, context) {
    const mirrors = stringEntries(doc, 'registry-mirrors').filter(({ value }) => !mirrorError(value));
    for (const { node, value } of mirrors) {
      const host = new URL(value).hostname;
      if (isAcrHost(host)) {
        context.report({ range: context.lines.rangeAt(node.offset, node.length), messageId: 'acrAsMirror', data: { value, host } });
      }
    }
    const named = acrHostsNamed(doc);
    const key = keyNode(doc, 'registry-mirrors');
    if (key && mirrors.length > 0 && named.length > 0) {
      context.report({ range: context.lines.rangeAt(key.offset, key.length), messageId: 'expectsMirror', severity: 'info', data: { hosts: named.join(', ') } });
    }
  },
};
