import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** F14: the registry's content-trust policy. Docker Content Trust is deprecated (removal 2028-03-31). */
export const registryTrustPolicy: Check = {
  meta: { id: 'registry.trust-policy', area: 'registry', title: 'Content trust policy', faq: ['F14'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-content-trust' },
  run: (context) =>
    judging('the content trust policy', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const status = registry.policies.trust?.status ?? 'disabled';
      const evidence = { trustPolicy: status, type: registry.policies.trust?.type ?? null, sku: registry.sku };
      if (status !== 'enabled') return { status: 'pass', summary: 'Content trust is off (Docker Content Trust is deprecated; sign with notation).', evidence, fixes: [link('Sign images with Notary Project (notation)', 'https://learn.microsoft.com/azure/container-registry/container-registry-tutorial-sign-build-push')] };
      return {
        status: 'warn',
        summary: 'Content trust is on: signed pushes need the AcrImageSigner role, and Docker Content Trust is deprecated (removal 2028-03-31). Plan the move to notation signatures.',
        evidence,
        fixes: [
          { kind: 'command', title: 'Turn content trust off once notation is in place', command: `az acr config content-trust update -r ${registry.name} --status disabled` },
          link('Docker Content Trust deprecation', 'https://aka.ms/acr/dctdeprecation'),
        ],
      };
    }),
};
