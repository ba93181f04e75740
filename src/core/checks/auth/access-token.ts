/**
 * auth.access-token: the token server issues an access token for `registry:catalog:*` and it grants
 * what it says (az accepts any 200; a 200 may grant nothing) (CONNECTIVITY_ACCESS_TOKEN_ERROR).
 */
import { DOCS } from '../docs';
import type { Check } from '../types';

const SCOPE = 'registry:catalog:*';

export const accessTokenCheck: Check = {
  meta: {
    id: 'auth.access-token',
    area: 'auth',
    title: 'An access token for the catalog is issued',
    faq: ['F20', 'F16'],
    azTitles: ['CONNECTIVITY_ACCESS_TOKEN_ERROR'],
    dependsOn: ['net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.troubleshootLogin,
  },
  async run(context) {
    const fact = await context.facts.token(SCOPE);
    if (fact.outcome === 'not-applicable') return { status: 'skip', summary: `No access token to test: ${fact.message ?? 'not applicable'}.` };
    const evidence = { scope: SCOPE, status: fact.status ?? null, errorCode: fact.errorCode ?? null };
    if (fact.outcome !== 'ok') {
      return {
        status: 'fail',
        summary: `The token server refused an access token for ${SCOPE} (${fact.status ?? fact.errorCode ?? 'error'}): the identity lacks a role that lists the catalog (in ABAC mode "Container Registry Repository Catalog Lister"), or its sign-in expired.`,
        evidence: { ...evidence, message: fact.message ?? null },
      };
    }
    const granted = (fact.granted ?? []).filter((g) => g.type === 'registry' && g.name === 'catalog').flatMap((g) => g.actions);
    if (fact.granted === undefined) return { status: 'pass', summary: `An access token for ${SCOPE} was issued (its grants are not readable: not a JWT).`, evidence };
    if (granted.length === 0) {
      return {
        status: 'warn',
        summary: `The token server answered 200 for ${SCOPE} but the token grants nothing: listing repositories will fail with 401 (az reports this as healthy).`,
        evidence: { ...evidence, granted: [] },
      };
    }
    return { status: 'pass', summary: `An access token for ${SCOPE} was issued, granting ${granted.join(', ')}.`, evidence: { ...evidence, granted } };
  },
};
