import type { Node } from 'jsonc-parser';
import type { Rule } from '../../types';
import type { ArmValue } from '../expressionValues';
import { getProperty } from '../expressionValues';
import { items, path, prop } from '../json';
import type { ArmDocument } from '../model';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** Private or reserved IPv4 ranges: a firewall rule for them never matches traffic that reaches the public endpoint. */
const RESERVED: [string, number, string][] = [
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['0.0.0.0', 8, 'reserved'],
];

function toNumber(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function reservedRange(ip: string, prefix: number): string | undefined {
  const address = toNumber(ip);
  for (const [base, bits, label] of RESERVED) {
    if (prefix < bits) continue;
    const size = 2 ** (32 - bits);
    const start = toNumber(base);
    if (address >= start && address < start + size) return label;
  }
  return undefined;
}

type Verdict = { messageId: 'ipv6' | 'invalid'; data: Record<string, string> } | { messageId: 'reserved'; data: Record<string, string> } | undefined;

export function judgeIpRuleValue(value: string): Verdict {
  const trimmed = value.trim();
  const [ip, prefixText, ...rest] = trimmed.split('/');
  if (ip.includes(':')) return { messageId: 'ipv6', data: { value } };
  const prefix = prefixText === undefined ? 32 : /^(3[0-2]|[12]?\d)$/.test(prefixText) ? Number(prefixText) : NaN;
  if (rest.length > 0 || !IPV4.test(ip) || Number.isNaN(prefix) || trimmed !== value) return { messageId: 'invalid', data: { value } };
  const label = reservedRange(ip, prefix);
  if (label) return { messageId: 'reserved', data: { value, label } };
  return undefined;
}

/** ACR412: networkRuleSet.ipRules entries must be public IPv4 addresses or CIDR ranges with action Allow. */
export const ipRuleRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR412',
    name: 'arm-ip-rule',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'A registry firewall rule (networkRuleSet.ipRules) is not an IPv4 address or CIDR range, is a private range, or has an action other than Allow.',
    faq: ['F07', 'F31'],
    fixable: false,
    messages: {
      invalid: "'{{value}}' is not an IPv4 address or CIDR range (like 203.0.113.7 or 203.0.113.0/24), so the deployment fails. Correct the address.",
      ipv6: "'{{value}}' is an IPv6 address; registry firewall rules accept IPv4 addresses and ranges only, so the deployment fails. Use the client's public IPv4 address, or a private endpoint for IPv6 networks.",
      reserved: "'{{value}}' is a {{label}} range: registry firewall rules see only public client addresses, so this rule never matches. Allow the public (NAT) address your clients use, or reach the registry through a private endpoint.",
      action: "ipRules action '{{action}}' is not supported; registry IP rules only allow ('Allow'), and everything else is governed by networkRuleSet.defaultAction. Set action to 'Allow'.",
    },
  },
  check(doc, context) {
    for (const registry of doc.registries()) {
      const rulesNode = path(registry.node, 'properties', 'networkRuleSet', 'ipRules');
      if (rulesNode?.type === 'array') {
        for (const item of items(rulesNode)) {
          if (item.type !== 'object') {
            const value = doc.valueOf(item, registry.scope);
            judgeRule(value, item, item);
            continue;
          }
          const valueNode = prop(item, 'value');
          const actionNode = prop(item, 'action');
          judgeRule(doc.valueOf(item, registry.scope), valueNode ?? item, actionNode ?? item);
        }
        continue;
      }
      // ipRules from an expression (parameters with defaults): report on the expression.
      const whole = doc.resourceValue(registry, 'properties', 'networkRuleSet');
      if (!whole) continue;
      const rules = getProperty(whole.value, 'ipRules');
      if (!Array.isArray(rules)) continue;
      const at = rulesNode ?? path(registry.node, 'properties', 'networkRuleSet') ?? whole.node;
      for (const rule of rules) judgeRule(rule, at, at);
    }

    function judgeRule(rule: ArmValue, valueNode: Node, actionNode: Node): void {
      const value = getProperty(rule, 'value');
      if (typeof value === 'string') {
        const verdict = judgeIpRuleValue(value);
        if (verdict) context.report({ range: doc.range(valueNode), messageId: verdict.messageId, data: verdict.data, severity: verdict.messageId === 'reserved' ? 'warning' : undefined });
      }
      const action = getProperty(rule, 'action');
      if (typeof action === 'string' && action.toLowerCase() !== 'allow') context.report({ range: doc.range(actionNode), messageId: 'action', data: { action } });
    }
  },
};
