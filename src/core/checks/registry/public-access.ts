import { isPrivateAddress } from '../addresses';
import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/**
 * F31: with public network access disabled, only private endpoints reach the registry; a client that
 * resolves the public address gets 403 or az's misleading CONNECTIVITY_CHALLENGE_ERROR (Azure/acr #533).
 * The firewall (`networkRuleSet`) is shown beside it.
 */
export const registryPublicAccess: Check = {
  meta: { id: 'registry.public-access', area: 'registry', title: 'Public network access lets this client in', faq: ['F31', 'F07'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks' },
  run: (context) =>
    judging('the network settings', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const rules = registry.networkRuleSet;
      const dns = await context.facts.dns(registry.loginServer);
      const privateAnswer = dns.addresses.length > 0 && dns.addresses.every((a) => isPrivateAddress(a.address));
      const evidence = {
        publicNetworkAccess: registry.publicNetworkAccess ?? null,
        defaultAction: rules?.defaultAction ?? null,
        ipRules: rules?.ipRules ?? [],
        privateEndpoints: registry.privateEndpointConnections.length,
        resolvedAddresses: dns.addresses.map((a) => a.address),
      };
      if (registry.publicNetworkAccess === 'Disabled') {
        if (privateAnswer) return { status: 'pass', summary: `Public network access is disabled; ${registry.loginServer} resolves to a private address here (${evidence.resolvedAddresses.join(', ')}).`, evidence };
        return {
          status: 'fail',
          summary: `Public network access to ${registry.name} is disabled and ${registry.loginServer} ${dns.addresses.length ? `resolves to a public address here (${evidence.resolvedAddresses.join(', ')})` : 'does not resolve here'}: requests are refused (403, or az's "did not issue a challenge"). Connect through a private endpoint, or allow public access.`,
          evidence,
          fixes: [
            link('Link the privatelink.azurecr.io DNS zone to your network', 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link#dns-configuration-options'),
            azAcrUpdate(context.target, 'Or allow public access from selected networks', '--public-network-enabled true --default-action Deny'),
          ],
        };
      }
      if (rules?.defaultAction === 'Deny') {
        return {
          status: 'pass',
          summary: `Public access only from ${rules.ipRules.length} IP rule${rules.ipRules.length === 1 ? '' : 's'} (${rules.ipRules.join(', ') || 'none'}); net.firewall shows whether this client is among them.`,
          evidence,
        };
      }
      return { status: 'pass', summary: 'Public network access is enabled for all networks.', evidence };
    }),
};
