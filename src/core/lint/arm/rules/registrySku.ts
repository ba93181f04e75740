import type { Rule } from '../../types';
import type { ArmDocument } from '../model';
import { canonicalSku, registrySkuName } from '../registry';

/** ACR405: the registry SKU must be Basic, Standard or Premium; Classic is retired. */
export const registrySkuRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR405',
    name: 'arm-registry-sku',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'A registry sku.name must be Basic, Standard or Premium; Classic registries are retired.',
    faq: ['F01', 'F32'],
    fixable: true,
    messages: {
      classic: "SKU 'Classic' is retired: new Classic registries cannot be created and existing ones were migrated. Use 'Basic', 'Standard' or 'Premium' (managed registries; remove any storageAccount property), see https://aka.ms/acr/classic.",
      unknown: "SKU '{{sku}}' is not a registry tier, so the deployment fails. Use 'Basic', 'Standard' or 'Premium'.",
    },
  },
  check(doc, context) {
    for (const registry of doc.registries()) {
      const sku = registrySkuName(doc, registry);
      if (!sku) continue;
      const canonical = canonicalSku(sku.value);
      if (canonical === 'Basic' || canonical === 'Standard' || canonical === 'Premium') continue;
      const literal = sku.node.type === 'string' && sku.node.value === sku.value;
      const fixes = literal
        ? ['Basic', 'Standard', 'Premium'].map((tier, i) => ({ title: `Use SKU ${tier}`, edits: [{ range: doc.range(sku.node), newText: JSON.stringify(tier) }], safe: false, preferred: i === 0 }))
        : [];
      context.report({ range: doc.range(sku.node), messageId: canonical === 'Classic' ? 'classic' : 'unknown', data: { sku: sku.value }, fixes });
    }
  },
};
