import type { Node } from 'jsonc-parser';
import type { Rule } from '../../types';
import type { ArmValue } from '../expressionValues';
import { comparableKey, getProperty, ResourceIdValue } from '../expressionValues';
import { items, path, prop } from '../json';
import type { ArmDocument, ArmResource } from '../model';
import { REGISTRY_TYPE } from '../model';
import { lowerSku } from '../registry';

/** Child types that exist only on Premium registries. Tokens and scope maps are in every tier since their GA (see docs/decisions/arm.md). */
const PREMIUM_CHILD_TYPES: Record<string, string> = {
  'microsoft.containerregistry/registries/replications': 'geo-replication',
  'microsoft.containerregistry/registries/privateendpointconnections': 'private endpoints',
  'microsoft.containerregistry/registries/agentpools': 'dedicated agent pools',
  'microsoft.containerregistry/registries/connectedregistries': 'connected registries',
  'microsoft.containerregistry/registries/exportpipelines': 'ACR Transfer (export pipelines)',
  'microsoft.containerregistry/registries/importpipelines': 'ACR Transfer (import pipelines)',
};

/** The deepest JSON node that exists along a path (values may come from an expression higher up). */
function deepestNode(node: Node, keys: readonly string[]): Node {
  let current = node;
  for (const key of keys) {
    const next = prop(current, key);
    if (!next) break;
    current = next;
  }
  return current;
}

function nonEmptyArray(value: ArmValue): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** ACR406: Premium-only features on a Basic or Standard registry (only when the SKU resolves). */
export const premiumFeatureRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR406',
    name: 'arm-premium-feature',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'A Premium-only feature (geo-replication, private endpoints, network rules, disabled public access, data endpoints, agent pools, connected registries, ACR Transfer) is used on a Basic or Standard registry.',
    faq: ['F01', 'F31'],
    fixable: false,
    messages: {
      feature: "{{feature}} requires the Premium tier, but this registry's sku.name is '{{sku}}', so the deployment fails. Set sku.name to 'Premium' or remove {{what}}.",
      zone: "zoneRedundancy 'Enabled' used to be a Premium-only opt-in and this registry is '{{sku}}'. Azure now makes registries zone-redundant by default in every tier where the region supports it, so the property is not needed; remove it, or use Premium if you rely on the older behaviour.",
    },
  },
  check(doc, context) {
    const report = (node: Node, sku: string, feature: string, what: string) =>
      context.report({ range: doc.range(node), messageId: 'feature', data: { feature, sku, what } });

    for (const registry of doc.registries()) {
      const lower = lowerSku(doc, registry);
      if (!lower) continue;
      const { sku } = lower;
      const properties = doc.resourceValue(registry, 'properties');
      if (!properties) continue;
      const value = properties.value;
      const at = (...keys: string[]) => deepestNode(properties.node, keys);

      const zone = getProperty(value, 'zoneRedundancy');
      if (typeof zone === 'string' && zone.toLowerCase() === 'enabled') {
        context.report({ range: doc.range(at('zoneRedundancy')), messageId: 'zone', data: { sku }, severity: 'info' });
      }
      const networkRuleSet = getProperty(value, 'networkRuleSet');
      const defaultAction = getProperty(networkRuleSet, 'defaultAction');
      if (typeof defaultAction === 'string' && defaultAction.toLowerCase() === 'deny') {
        report(at('networkRuleSet', 'defaultAction'), sku, "A network rule set with defaultAction 'Deny'", 'networkRuleSet');
      } else if (nonEmptyArray(getProperty(networkRuleSet, 'ipRules'))) {
        report(at('networkRuleSet', 'ipRules'), sku, 'Firewall IP rules (networkRuleSet.ipRules)', 'the ipRules');
      } else if (nonEmptyArray(getProperty(networkRuleSet, 'virtualNetworkRules'))) {
        report(at('networkRuleSet', 'virtualNetworkRules'), sku, 'Virtual network rules (networkRuleSet.virtualNetworkRules)', 'the virtualNetworkRules');
      }
      const publicAccess = getProperty(value, 'publicNetworkAccess');
      if (typeof publicAccess === 'string' && publicAccess.toLowerCase() === 'disabled') {
        report(at('publicNetworkAccess'), sku, "publicNetworkAccess 'Disabled' (private-only access)", "publicNetworkAccess or set it to 'Enabled'");
      }
      if (getProperty(value, 'dataEndpointEnabled') === true) {
        report(at('dataEndpointEnabled'), sku, 'Dedicated data endpoints (dataEndpointEnabled)', 'dataEndpointEnabled');
      }
    }

    for (const resource of doc.resources) {
      // A child in a loop over an empty default, or behind a condition, may never be deployed.
      if (!resource.type || !doc.isCertainlyDeployed(resource)) continue;
      const feature = PREMIUM_CHILD_TYPES[resource.type.toLowerCase()];
      if (feature) {
        const lower = lowerSku(doc, doc.parentRegistry(resource));
        if (lower) report(resource.typeNode ?? resource.node, lower.sku, capitalize(feature), `this ${resource.type.split('/').pop()} resource`);
        continue;
      }
      if (resource.type.toLowerCase() === 'microsoft.network/privateendpoints') checkPrivateEndpoint(doc, resource, (node, sku) => report(node, sku, 'A private endpoint to the registry', 'the private endpoint'));
    }
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkPrivateEndpoint(doc: ArmDocument, endpoint: ArmResource, report: (node: Node, sku: string) => void): void {
  for (const listKey of ['privateLinkServiceConnections', 'manualPrivateLinkServiceConnections']) {
    for (const connection of items(path(endpoint.node, 'properties', listKey))) {
      const idNode = path(connection, 'properties', 'privateLinkServiceId');
      if (!idNode) continue;
      const id = doc.valueOf(idNode, endpoint.scope);
      if (!(id instanceof ResourceIdValue) || id.type.toLowerCase() !== REGISTRY_TYPE || id.names.length !== 1) continue;
      const key = comparableKey(id.names[0]);
      if (key === undefined) continue;
      const targets = doc.registries().filter((r) => comparableKey(r.name) === key);
      if (targets.length !== 1) continue;
      const lower = lowerSku(doc, targets[0]);
      if (lower) report(idNode, lower.sku);
    }
  }
}
