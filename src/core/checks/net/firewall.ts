/**
 * net.firewall: a 403 whose body names the client IP ("client with IP 'x' is not allowed access") →
 * show the IP and the command that adds it (FAQ F07; CONNECTIVITY_FORBIDDEN_ERROR).
 */
import { firewallIpIn } from '../../registry';
import { DOCS, registryNameOf } from '../docs';
import type { Check } from '../types';


export const firewallCheck: Check = {
  meta: {
    id: 'net.firewall',
    area: 'net',
    title: 'The registry firewall lets this client in',
    faq: ['F07', 'F31'],
    azTitles: ['CONNECTIVITY_FORBIDDEN_ERROR'],
    dependsOn: ['net.tcp'],
    timeoutMs: 20_000,
    docs: DOCS.firewall,
  },
  async run(context) {
    const { hostname } = context.facts.endpoint();
    const c = await context.facts.challenge();
    if (c.failure) return { status: 'skip', summary: `No HTTP answer from ${hostname} (net.challenge says why), so no firewall verdict.` };
    if (c.status !== 403) return { status: 'pass', summary: `No firewall refusal: /v2/ answered ${c.status}.`, evidence: { status: c.status } };
    const name = registryNameOf(hostname);
    const ip = firewallIpIn(c.bodyText ?? '');
    if (ip) {
      return {
        status: 'fail',
        summary: `The registry's firewall refuses this client's IP ${ip} (403 DENIED "client with IP '${ip}' is not allowed access"). Add it to the network rules; a new rule takes a few minutes to apply (FAQ F07).`,
        evidence: { status: 403, clientIp: ip, errorCode: c.errorCode ?? null },
        fixes: [
          { kind: 'command', title: `Add ${ip} to the firewall`, command: `az acr network-rule add --name ${name} --ip-address ${ip}` },
          { kind: 'command', title: 'See the current rules', command: `az acr show --name ${name} --query networkRuleSet` },
        ],
      };
    }
    return {
      status: 'fail',
      summary: `403 Forbidden at /v2/ without a client IP: public network access is probably disabled (private endpoints only), or a proxy refuses.`,
      evidence: { status: 403, errorCode: c.errorCode ?? null, body: c.bodyText ?? null },
      fixes: [{ kind: 'command', title: 'See network access settings', command: `az acr show --name ${name} --query "{publicNetworkAccess:publicNetworkAccess,networkRuleSet:networkRuleSet}"` }],
    };
  },
};
