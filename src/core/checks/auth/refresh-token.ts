/** auth.refresh-token: `/oauth2/exchange` turns the Entra token into an ACR refresh token (CONNECTIVITY_REFRESH_TOKEN_ERROR). */
import { DOCS, registryNameOf } from '../docs';
import type { Check, CheckFix } from '../types';

export const refreshTokenCheck: Check = {
  meta: {
    id: 'auth.refresh-token',
    area: 'auth',
    title: 'The Entra ID token is exchanged for a registry refresh token',
    faq: ['F20', 'F27'],
    azTitles: ['CONNECTIVITY_REFRESH_TOKEN_ERROR'],
    needs: ['acr'],
    dependsOn: ['auth.aad'],
    timeoutMs: 30_000,
    docs: DOCS.troubleshootLogin,
  },
  async run(context) {
    const fact = await context.facts.refreshToken();
    const name = registryNameOf(context.facts.endpoint().hostname);
    if (fact.outcome === 'not-applicable') return { status: 'skip', summary: `No exchange to test: ${fact.message ?? 'not applicable'}.` };
    if (fact.outcome === 'ok') return { status: 'pass', summary: `/oauth2/exchange issued a refresh token (${fact.status}).`, evidence: { status: fact.status ?? null } };
    const evidence = { status: fact.status ?? null, errorCode: fact.errorCode ?? null, message: fact.message ?? null };
    const fixes: CheckFix[] = [];
    let why: string;
    switch (fact.status) {
      case 429:
        why = 'the token server is throttling (not a sign-in problem: "az login" will not help; back off and retry)';
        break;
      case 401:
      case 403:
        why = 'the registry refused the Entra token: a wrong tenant, a sign-in that lost its context, a role assigned minutes ago (allow up to 10 minutes), or ARM-audience tokens disabled for this registry (auth.token-audience checks that)';
        fixes.push({ kind: 'command', title: 'Sign in again', command: 'az login' }, { kind: 'command', title: 'See your roles on the registry', command: `az role assignment list --assignee <your-object-id> --scope $(az acr show --name ${name} --query id -o tsv)` });
        break;
      default:
        why = fact.outcome === 'failed' ? `the request itself failed (${fact.errorCode ?? 'error'})` : `the token server answered ${fact.status ?? '?'}`;
    }
    return { status: 'fail', summary: `/oauth2/exchange refused: ${why}.`, evidence, fixes };
  },
};
