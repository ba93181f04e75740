/**
 * ACR firewall IP rules: IPv4 addresses or CIDR ranges, a bare address being its /32. SDK-free,
 * so the explorer's bundle can check and match rules without loading the Azure SDKs.
 */
import { BlockList, isIPv4 } from 'node:net';

export const IP_RULE_HINT = 'ACR firewall rules take IPv4 addresses (203.0.113.7) or ranges (203.0.113.0/24); IPv6 is not supported.';

/** The rule in ACR's form and whether it covers an address; undefined when `value` is not an IPv4 address or range. */
export function parseIpRule(value: string): { rule: string; covers(ip: string): boolean } | undefined {
  const [address, prefix, extra] = value.trim().split('/');
  if (!address || !isIPv4(address) || extra !== undefined || (prefix !== undefined && !(/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32))) return undefined;
  const bits = prefix === undefined ? 32 : Number(prefix);
  const list = new BlockList();
  list.addSubnet(address, bits, 'ipv4');
  return { rule: bits === 32 ? address : `${address}/${bits}`, covers: (ip) => isIPv4(ip) && list.check(ip, 'ipv4') };
}
