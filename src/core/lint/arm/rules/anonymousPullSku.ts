import type { Rule } from '../../types';
import type { ArmDocument } from '../model';
import { canonicalSku, registrySkuName } from '../registry';

/** ACR407: anonymousPullEnabled needs Standard or Premium. */
export const anonymousPullSkuRule: Rule<ArmDocument> = {
  meta: {
    code: 'ACR407',
    name: 'arm-anonymous-pull-sku',
    kind: 'arm-template',
    type: 'problem',
    severity: 'error',
    description: 'anonymousPullEnabled: true needs the Standard or Premium tier.',
    faq: ['F18'],
    fixable: false,
    messages: {
      sku: "anonymousPullEnabled is true on a {{sku}} registry; anonymous pull is available only in the Standard and Premium tiers, so the deployment fails. Raise sku.name to 'Standard' or 'Premium', or set anonymousPullEnabled to false.",
    },
  },
  check(doc, context) {
    for (const registry of doc.registries()) {
      const anonymous = doc.resourceValue(registry, 'properties', 'anonymousPullEnabled');
      if (!anonymous || anonymous.value !== true) continue;
      const sku = registrySkuName(doc, registry);
      const canonical = sku ? canonicalSku(sku.value) : undefined;
      if (canonical !== 'Basic' && canonical !== 'Classic') continue;
      context.report({ range: doc.range(anonymous.node), messageId: 'sku', data: { sku: canonical } });
    }
  },
};
