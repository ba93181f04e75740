import { armLanguage } from '../../../src/core/lint/arm';
import { premiumFeatureRule } from '../../../src/core/lint/arm/rules/premiumFeature';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const REPLICATION = 'Microsoft.ContainerRegistry/registries/replications';
const NESTED = template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'eastus', location: 'eastus', properties: {} }] })] });
const FLAT = template({
  parameters: { acrName: { type: 'string' } },
  resources: [registry({ name: "[parameters('acrName')]", sku: { name: 'Standard' } }), { type: REPLICATION, apiVersion: '2023-07-01', name: "[format('{0}/{1}', parameters('acrName'), 'eastus')]", location: 'eastus', properties: {} }],
});
const NETWORK = template({ resources: [registry({ sku: { name: 'Standard' } }, { networkRuleSet: { defaultAction: 'Deny' }, publicNetworkAccess: 'Disabled', dataEndpointEnabled: true })] });
const ZONES = template({ resources: [registry({ sku: { name: 'Basic' } }, { zoneRedundancy: 'Enabled' })] });
const ENDPOINT = template({
  resources: [
    registry({ sku: { name: 'Basic' } }),
    { type: 'Microsoft.Network/privateEndpoints', apiVersion: '2023-04-01', name: 'pe', location: 'westeurope', properties: { privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: "[resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')]", groupIds: ['registry'] } }] } },
  ],
});

run(armLanguage, premiumFeatureRule, {
  valid: [
    { name: 'Premium', text: template({ resources: [registry({ resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'eastus', location: 'eastus' }] })] }) },
    { name: 'unresolved SKU', text: template({ parameters: { sku: { type: 'string' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } }, { publicNetworkAccess: 'Disabled' })] }) },
    { name: 'tokens and scope maps are in every tier', text: template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'tokens', apiVersion: '2023-07-01', name: 't' }, { type: 'scopeMaps', apiVersion: '2023-07-01', name: 's' }] })] }) },
    {
      name: 'replications in a loop over an empty default array may never be deployed',
      text: template({
        parameters: { replicas: { type: 'array', defaultValue: [] } },
        resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', apiVersion: '2023-07-01', name: "[parameters('replicas')[copyIndex()]]", location: 'eastus', copy: { name: 'r', count: "[length(parameters('replicas'))]" } }] })],
      }),
    },
    { name: 'a replication under an unresolved condition', text: template({ resources: [registry({ sku: { name: 'Basic' }, resources: [{ type: 'replications', condition: "[parameters('geo')]", apiVersion: '2023-07-01', name: 'eastus', location: 'eastus' }] })] }) },
  ],
  invalid: [
    { name: 'replication under a Basic registry (nested)', text: NESTED, errors: [{ range: rangeOf(NESTED, '"replications"'), message: ['Geo-replication requires the Premium tier', "'Basic'"] }] },
    { name: 'replication under a Standard registry (top-level)', text: FLAT, errors: [{ range: rangeOf(FLAT, `"${REPLICATION}"`), message: ["'Standard'"] }] },
    {
      name: 'network rules, public access, data endpoint on Standard',
      text: NETWORK,
      errors: [
        { range: rangeOf(NETWORK, '"Deny"'), message: ["A network rule set with defaultAction 'Deny' requires"] },
        { range: rangeOf(NETWORK, '"Disabled"'), message: ["publicNetworkAccess 'Disabled' (private-only access) requires"] },
        { range: rangeOf(NETWORK, 'true'), message: ['Dedicated data endpoints (dataEndpointEnabled) requires'] },
      ],
    },
    { name: 'zoneRedundancy Enabled on Basic is info: zone redundancy is now default in every tier', text: ZONES, errors: [{ range: rangeOf(ZONES, '"Enabled"'), severity: 'info', message: ['every tier'] }] },
    { name: 'private endpoint targeting a Basic registry', text: ENDPOINT, errors: [{ range: rangeOf(ENDPOINT, `"[resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01')]"`), message: ['private endpoint'] }] },
  ],
});
