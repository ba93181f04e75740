import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** Connected (on-premises) registries: connection state and the status details ACR reports for them. */
export const registryConnected: Check = {
  meta: { id: 'registry.connected', area: 'registry', title: 'Connected registries are online', faq: ['F20'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/intro-connected-registry' },
  run: (context) =>
    judging('the connected registries', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      if (registry.sku.toLowerCase() !== 'premium') return { status: 'pass', summary: `No connected registries (they need Premium; ${registry.name} is ${registry.sku}).`, evidence: { sku: registry.sku } };
      const connected = await armFacts.connectedRegistries(context.facts);
      const evidence = {
        connectedRegistries: connected.map((c) => `${c.name}: ${c.connectionState ?? '?'} (${c.mode ?? '?'}, activation ${c.activationStatus ?? '?'})`),
        statusDetails: connected.flatMap((c) => c.statusDetails.map((d) => `${c.name}: ${d.type ?? '?'} ${d.code ?? ''} ${d.description ?? ''}`.trim())),
      };
      if (connected.length === 0) return { status: 'pass', summary: 'No connected registries.', evidence };
      const bad = connected.filter((c) => (c.connectionState ?? '').toLowerCase() !== 'online');
      if (bad.length === 0) return { status: 'pass', summary: `${connected.length} connected registr${connected.length === 1 ? 'y is' : 'ies are'} online.`, evidence };
      return {
        status: 'warn',
        summary: `Connected registr${bad.length === 1 ? 'y' : 'ies'} ${bad.map((c) => `${c.name} (${c.connectionState ?? 'unknown'}${c.statusDetails[0] ? `: ${c.statusDetails[0].code ?? ''} ${c.statusDetails[0].description ?? ''}`.trimEnd() : ''})`).join(', ')}: on-premises pulls are failing or stale.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Show the connected registry', command: `az acr connected-registry show -r ${registryNameOf(context.target)} -n ${bad[0]!.name}` },
          link('Connected registry error codes', 'https://github.com/Azure/acr/blob/main/docs/preview/connected-registry/connected-registry-error-codes.md'),
        ],
      };
    }),
};
