import { armFacts, ageMinutes, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

/** Assigned policies about repository-scoped tokens (F41: "…repository scoped access token disabled"). */
function tokenPolicies(assignments: Array<{ displayName?: string; name: string }>): string[] {
  return assignments.filter((a) => /token/i.test(a.displayName ?? '') && /regist/i.test(a.displayName ?? '')).map((a) => a.displayName ?? a.name);
}

/** Scoped tokens: disabled ones, expired passwords, and any policy that disables tokens. Password values are never read. */
export const registryTokens: Check = {
  meta: { id: 'registry.tokens', area: 'registry', title: 'Scoped tokens are enabled and unexpired', faq: ['F04', 'F41'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-token-based-repository-permissions' },
  run: (context) =>
    judging('the scoped tokens', async (): Promise<CheckOutcome> => {
      const tokens = await armFacts.scopedTokens(context.facts);
      let policies: string[] = [];
      try {
        policies = tokenPolicies(await armFacts.policyAssignments(context.facts));
      } catch {
        // Reading policy assignments needs Reader on the scope; tokens alone still answer.
      }
      const now = context.now();
      const expired = tokens.flatMap((t) => t.passwords.filter((p) => (ageMinutes(p.expiry, now) ?? -1) > 0).map((p) => `${t.name}/${p.name ?? 'password'}`));
      const disabled = tokens.filter((t) => t.status === 'disabled').map((t) => t.name);
      const evidence = { tokens: tokens.map((t) => `${t.name}: ${t.status ?? '?'}`), disabled, expiredPasswords: expired, policies };
      if (tokens.length === 0) return { status: 'pass', summary: `No scoped tokens${policies.length ? ` (policy: ${policies.join(', ')})` : ''}.`, evidence };
      if (disabled.length || expired.length) {
        return {
          status: 'warn',
          summary: `${[disabled.length ? `disabled token${disabled.length > 1 ? 's' : ''} ${disabled.join(', ')}` : '', expired.length ? `expired password${expired.length > 1 ? 's' : ''} ${expired.join(', ')}` : ''].filter(Boolean).join('; ')}: logins with them fail with "unauthorized"${policies.length ? ` (policy: ${policies.join(', ')})` : ''}.`,
          evidence,
          fixes: [
            { kind: 'command', title: 'Make a new password for a token', command: `az acr token credential generate -r ${registryNameOf(context.target)} -n ${expired[0]?.split('/')[0] ?? disabled[0] ?? '<token>'} --password1` },
            link('Repository-scoped tokens', 'https://learn.microsoft.com/azure/container-registry/container-registry-token-based-repository-permissions'),
          ],
        };
      }
      return { status: 'pass', summary: `${tokens.length} scoped token${tokens.length === 1 ? '' : 's'}, all enabled with unexpired passwords.`, evidence };
    }),
};

