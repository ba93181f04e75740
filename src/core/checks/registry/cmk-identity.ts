import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/**
 * az's CMK check: with a customer-managed key, the identity that reads the key must exist — the system
 * identity with a principal, or a user-assigned identity whose client id the encryption names (CMK_ERROR).
 */
export const registryCmkIdentity: Check = {
  meta: { id: 'registry.cmk-identity', area: 'registry', title: 'The customer-managed key identity exists', faq: ['F20'], azTitles: ['CMK_ERROR'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://aka.ms/acr/errors#cmk_error' },
  run: (context) =>
    judging('the encryption settings', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const encryption = registry.encryption;
      if (encryption?.status !== 'enabled') return { status: 'pass', summary: 'Encrypted with Microsoft-managed keys (no identity needed).', evidence: { encryption: encryption?.status ?? 'disabled' } };
      const wanted = encryption.identity ?? '';
      const identity = registry.identity;
      const clientIds = Object.values(identity?.userAssignedClientIds ?? {}).filter((id): id is string => !!id);
      const systemOk = /system/i.test(identity?.type ?? '') && !!identity?.principalId;
      const userOk = wanted !== '' && clientIds.some((id) => id.toLowerCase() === wanted.toLowerCase());
      const evidence = { keyIdentifier: encryption.keyIdentifier ?? null, encryptionIdentity: wanted || null, identityType: identity?.type ?? null, userAssignedClientIds: clientIds };
      if ((wanted === '' || /system/i.test(wanted)) ? systemOk : userOk) return { status: 'pass', summary: `Customer-managed key ${encryption.keyIdentifier ?? ''} is read by an identity that exists.`.replace('  ', ' '), evidence };
      return {
        status: 'fail',
        summary: `The identity used for ${registry.name}'s encryption (${wanted || 'system-assigned'}) does not exist on the registry: the key cannot be read and the registry stops serving (CMK_ERROR).`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Show the registry identities', command: `az acr identity show -n ${registry.name}` },
          link('Customer-managed keys: rotate, revoke and identity', 'https://learn.microsoft.com/azure/container-registry/tutorial-troubleshoot-customer-managed-keys'),
        ],
      };
    }),
};
