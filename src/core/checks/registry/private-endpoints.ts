import { isPrivateAddress } from '../addresses';
import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/**
 * Private endpoints are approved and the login server and data endpoints resolve to private addresses
 * here (az `--vnet`, done for every host this client uses, without raising on the first problem).
 */
export const registryPrivateEndpoints: Check = {
  meta: { id: 'registry.private-endpoints', area: 'registry', title: 'Private endpoints are approved and resolve privately', faq: ['F31'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link' },
  run: (context) =>
    judging('the private endpoints', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const connections = registry.privateEndpointConnections;
      if (connections.length === 0) return { status: 'pass', summary: 'No private endpoints.', evidence: { privateEndpoints: [] } };
      const hosts = [registry.loginServer, ...(registry.dataEndpointEnabled ? registry.dataEndpointHostNames : [])];
      const resolved = await Promise.all(hosts.map((host) => context.facts.dns(host)));
      const publicHosts = resolved.filter((d) => d.addresses.length > 0 && !d.addresses.every((a) => isPrivateAddress(a.address)));
      const unresolved = resolved.filter((d) => d.addresses.length === 0);
      const notApproved = connections.filter((c) => (c.status ?? '').toLowerCase() !== 'approved');
      const evidence = {
        privateEndpoints: connections.map((c) => `${c.name ?? '?'}: ${c.status ?? '?'}`),
        resolution: resolved.map((d) => `${d.host} → ${d.addresses.map((a) => a.address).join(', ') || d.errorCode || 'nothing'}`),
      };
      const fixes = [
        link('Private endpoint DNS configuration', 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link#dns-configuration-options'),
        { kind: 'command' as const, title: 'Compare with what az expects on your VNet', command: `az acr check-health -n ${registry.name} --vnet <vnet> --yes` },
      ];
      if (notApproved.length > 0) {
        return {
          status: 'fail',
          summary: `Private endpoint connection${notApproved.length > 1 ? 's' : ''} ${notApproved.map((c) => `${c.name} (${c.status})`).join(', ')} not approved: no traffic flows through ${notApproved.length > 1 ? 'them' : 'it'}.`,
          evidence,
          fixes: [{ kind: 'command', title: 'Approve the connection', command: `az acr private-endpoint-connection approve -r ${registry.name} -n ${notApproved[0]!.name ?? '<connection>'}` }, ...fixes],
        };
      }
      if (publicHosts.length > 0 || unresolved.length > 0) {
        const publicAllowed = registry.publicNetworkAccess !== 'Disabled';
        return {
          status: publicAllowed ? 'warn' : 'fail',
          summary: `${[...publicHosts, ...unresolved].map((d) => d.host).join(', ')} ${unresolved.length && !publicHosts.length ? 'do not resolve' : 'resolve to public addresses'} here, so this client bypasses the private endpoint${publicAllowed ? '' : ' and is refused (public access is disabled)'}: the private DNS zone is missing or not linked to this network.`,
          evidence,
          fixes,
        };
      }
      return { status: 'pass', summary: `${connections.length} approved private endpoint${connections.length === 1 ? '' : 's'}; ${hosts.length} host${hosts.length === 1 ? '' : 's'} resolve privately here.`, evidence };
    }),
};
