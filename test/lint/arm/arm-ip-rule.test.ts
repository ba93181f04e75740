import { armLanguage } from '../../../src/core/lint/arm';
import { ipRuleRule } from '../../../src/core/lint/arm/rules/ipRule';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const rules = (ipRules: unknown) => template({ resources: [registry({}, { networkRuleSet: { defaultAction: 'Deny', ipRules } })] });
const one = (value: string, action = 'Allow') => rules([{ action, value }]);
const FROM_PARAMETER = template({ parameters: { ips: { type: 'array', defaultValue: [{ action: 'Allow', value: 'not-an-ip' }] } }, resources: [registry({}, { networkRuleSet: { defaultAction: 'Deny', ipRules: "[parameters('ips')]" } })] });

run(armLanguage, ipRuleRule, {
  valid: [{ name: 'public addresses and ranges', text: rules([{ action: 'Allow', value: '203.0.113.7' }, { action: 'Allow', value: '198.51.100.0/24' }, { action: 'allow', value: "[parameters('ip')]" }]) }],
  invalid: [
    { name: 'not an IPv4 address', text: one('300.1.2.3'), errors: [{ range: rangeOf(one('300.1.2.3'), '"300.1.2.3"'), message: ['not an IPv4 address'] }] },
    { name: 'prefix out of range', text: one('203.0.113.0/33'), errors: [{ range: rangeOf(one('203.0.113.0/33'), '"203.0.113.0/33"'), message: ['not an IPv4'] }] },
    { name: 'IPv6', text: one('2001:db8::1'), errors: [{ range: rangeOf(one('2001:db8::1'), '"2001:db8::1"'), message: ['IPv4 addresses and ranges only'] }] },
    { name: 'private range: warning', text: one('10.1.0.0/16'), errors: [{ range: rangeOf(one('10.1.0.0/16'), '"10.1.0.0/16"'), severity: 'warning', message: ['private (RFC 1918)'] }] },
    { name: 'action Deny', text: one('203.0.113.7', 'Deny'), errors: [{ range: rangeOf(one('203.0.113.7', 'Deny'), '"Deny"', 1), message: ["Set action to 'Allow'"] }] },
    { name: 'from a parameter default, reported on the expression', text: FROM_PARAMETER, errors: [{ range: rangeOf(FROM_PARAMETER, `"[parameters('ips')]"`), message: ["'not-an-ip'"] }] },
  ],
});
