import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** F02 (info): whether Defender for Containers scans this subscription's registries. */
export const registryDefender: Check = {
  meta: { id: 'registry.defender', area: 'registry', title: 'Vulnerability scanning (Defender for Containers)', faq: ['F02'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction' },
  run: (context) =>
    judging('the Defender for Containers plan', async (): Promise<CheckOutcome> => {
      const plan = await armFacts.defender(context.facts);
      const on = (plan.pricingTier ?? '').toLowerCase() === 'standard';
      return {
        status: 'pass',
        summary: on ? 'Defender for Containers is on for this subscription: pushed images are scanned.' : 'Defender for Containers is off for this subscription: images are not scanned (Twistlock/Aqua are alternatives).',
        evidence: { pricingTier: plan.pricingTier ?? null, subPlan: plan.subPlan ?? null },
        fixes: on ? [] : [link('Enable Defender for Containers', 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable')],
      };
    }),
};
