import assert from 'node:assert/strict';
import { test } from 'node:test';
import { armLanguage } from '../../../src/core/lint/arm';
import { homeRegionReplicationRule } from '../../../src/core/lint/arm/rules/homeRegionReplication';
import { applyFix, lintAs, rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const REPLICATION = 'Microsoft.ContainerRegistry/registries/replications';
const home = (replicaLocation: string, extra: Record<string, unknown> = {}) =>
  template({
    parameters: { acrName: { type: 'string' }, location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
    resources: [
      registry({ name: "[parameters('acrName')]", location: 'West Europe' }),
      { type: REPLICATION, apiVersion: '2023-07-01', name: "[format('{0}/{1}', parameters('acrName'), 'home')]", location: replicaLocation, properties: {}, ...extra },
    ],
  });
const SAME = home('westeurope');
const SAME_FIXED = SAME.replace(`"name": "[format('{0}/{1}', parameters('acrName'), 'home')]",\n`, `"name": "[format('{0}/{1}', parameters('acrName'), 'home')]",\n      "condition": false,\n`);
const RG = template({
  resources: [registry({ location: '[resourceGroup().location]', resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'home', location: '[resourceGroup().location]', properties: {} }] })],
});
const TRUE = home('westeurope', { condition: true });
const TABS = home('westeurope').replace(/\n/g, '\r\n').replace(/ {2}/g, '\t');
const TITLE = 'Add "condition": false (the home replication exists already and cannot be managed)';

run(armLanguage, homeRegionReplicationRule, {
  valid: [
    { name: 'another region', text: home('eastus') },
    { name: 'condition false', text: home('westeurope', { condition: false }) },
    { name: 'unresolved condition', text: home('westeurope', { condition: "[parameters('deployHome')]" }) },
    { name: 'unresolved replica location', text: home("[parameters('replicaLocation')]") },
    { name: 'after the fix', text: SAME_FIXED },
  ],
  invalid: [
    {
      name: 'same region (case/space-insensitive): a safe fix adds "condition": false, formatting kept',
      text: SAME,
      errors: [{ range: rangeOf(SAME, '"westeurope"'), message: ['home region (westeurope)'], fixes: [{ title: TITLE, safe: true, output: SAME_FIXED }] }],
    },
    {
      name: 'resourceGroup().location on both sides is the same region',
      text: RG,
      errors: [{ range: rangeOf(RG, '"[resourceGroup().location]"', 1), message: ['home region'], output: RG.replace(`"name": "home",\n`, `"name": "home",\n          "condition": false,\n`) }],
    },
    { name: 'condition true is replaced', text: TRUE, errors: [{ range: rangeOf(TRUE, '"westeurope"'), message: ['home region (westeurope)'], output: TRUE.replace('"condition": true', '"condition": false') }] },
    {
      name: 'the fix keeps tabs and CRLF line breaks',
      text: TABS,
      errors: [{ range: rangeOf(TABS, '"westeurope"'), message: ['home region (westeurope)'], output: TABS.replace(`'home')]",\r\n`, `'home')]",\r\n\t\t\t"condition": false,\r\n`) }],
    },
  ],
});

test('ACR409 fixes leave strict JSON with condition false', () => {
  const fixed = (text: string) => JSON.parse(applyFix(text, lintAs(armLanguage, { text }, [homeRegionReplicationRule])[0].fixes[0])) as { resources: Array<{ condition?: unknown; resources?: Array<{ condition?: unknown }> }> };
  assert.equal(fixed(SAME).resources[1].condition, false);
  assert.equal(fixed(RG).resources[0].resources?.[0].condition, false);
  assert.equal(fixed(TRUE).resources[1].condition, false);
});
