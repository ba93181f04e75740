import { DEFAULT_DOMAIN } from '../../../reference/imageReference';
import type { Rule } from '../../types';
import { describeReference, partsAreReliable, partRange } from '../document';
import type { DockerfileDoc } from '../document';

/** Other names Docker Hub goes by in allow-lists. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com']);

function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DEFAULT_DOMAIN : lower;
}

/**
 * hadolint DL3026 semantics: `*` allows everything, `*.suffix` matches by suffix,
 * anything else is an exact host (with its port, if it has one). Hosts compare case-insensitively.
 */
export function registryAllowed(registry: string, patterns: readonly string[]): boolean {
  const host = normalizeHost(registry);
  const hostWithoutPort = host.replace(/:[0-9]+$/, '');
  for (const raw of patterns) {
    const pattern = normalizeHost(raw);
    if (pattern === '') continue;
    if (pattern === '*') return true;
    if (pattern.startsWith('*')) {
      const suffix = pattern.slice(1);
      if (host.endsWith(suffix) || (!suffix.includes(':') && hostWithoutPort.endsWith(suffix))) return true;
    } else if (host === pattern || (!pattern.includes(':') && hostWithoutPort === pattern)) {
      return true;
    }
  }
  return false;
}

export const registryNotAllowedRule: Rule<DockerfileDoc> = {
  meta: {
    code: 'ACR108',
    name: 'registry-not-allowed',
    kind: 'dockerfile',
    type: 'problem',
    severity: 'error',
    description: 'An image comes from a registry outside `acrDoctor.lint.allowedRegistries` (hadolint DL3026); silent when the list is empty.',
    faq: [],
    hadolint: ['DL3026'],
    fixable: false,
    messages: {
      notAllowed:
        '{{reference}} is pulled from "{{registry}}", which is not in the allowed registries ({{allowed}}). Use an image from an allowed registry (e.g. copy it into your ACR with "az acr import"), or add the registry to the acrDoctor.lint.allowedRegistries setting.',
    },
  },
  check(doc, context) {
    const patterns = context.settings.allowedRegistries.filter((p) => p.trim() !== '');
    if (patterns.length === 0) return;
    for (const site of doc.references) {
      const { domain, registry } = site.reference;
      if (!partsAreReliable(site)) continue;
      // `MyOrg/app` is not a registry the user chose: ACR103 explains it.
      if (site.reference.domainReason === 'uppercase') continue;
      if (registryAllowed(registry, patterns)) continue;
      context.report({
        range: domain ? partRange(site, domain.start, domain.end, context.lines) : site.range,
        messageId: 'notAllowed',
        data: { reference: describeReference(site, context.text), registry: domain ? registry : `${DEFAULT_DOMAIN} (Docker Hub)`, allowed: patterns.join(', ') },
      });
    }
  },
};
