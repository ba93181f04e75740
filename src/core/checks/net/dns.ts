/** net.dns: the login server resolves, and whether to private addresses (CONNECTIVITY_DNS_ERROR). */
import { isIP } from 'node:net';
import { DOCS } from '../docs';
import { addressKind, describeNetError } from '../netAddress';
import type { Check } from '../types';

export const dnsCheck: Check = {
  meta: {
    id: 'net.dns',
    area: 'net',
    title: 'DNS resolves the login server',
    faq: ['F21', 'F31'],
    azTitles: ['CONNECTIVITY_DNS_ERROR'],
    timeoutMs: 10_000,
    docs: DOCS.troubleshootAccess,
  },
  async run(context) {
    const { hostname } = context.facts.endpoint();
    if (isIP(hostname)) return { status: 'pass', summary: `${hostname} is an IP address: nothing to resolve.`, evidence: { host: hostname, addresses: [hostname] } };
    const dns = await context.facts.dns(hostname);
    if (dns.addresses.length === 0) {
      return {
        status: 'fail',
        summary: `DNS cannot resolve ${hostname} (${describeNetError(dns.errorCode)}): a misspelled registry, the wrong cloud, a deleted registry, or a private DNS zone not linked to this network.`,
        evidence: { host: hostname, errorCode: dns.errorCode ?? null, error: dns.errorMessage ?? null },
        fixes: [
          { kind: 'command', title: 'Look the name up yourself', command: `nslookup ${hostname}` },
          { kind: 'command', title: 'Find the exact login server in Azure', command: `az acr list --query "[].loginServer" -o tsv` },
        ],
      };
    }
    const addresses = dns.addresses.map((a) => a.address);
    const privateOnes = addresses.filter((a) => addressKind(a) === 'private');
    const evidence = { host: hostname, addresses, private: privateOnes };
    if (privateOnes.length > 0) {
      return {
        status: 'warn',
        summary: `${hostname} resolves to private address${privateOnes.length > 1 ? 'es' : ''} ${privateOnes.join(', ')} (a private endpoint): reachable only from networks routed to it (VNet, peering, VPN); elsewhere connections time out.`,
        evidence,
        fixes: [{ kind: 'link', title: 'Private endpoints and DNS for ACR', url: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link' }],
      };
    }
    return { status: 'pass', summary: `${hostname} resolves to ${addresses.join(', ')}.`, evidence };
  },
};
