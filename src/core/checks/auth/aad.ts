/**
 * auth.aad: the registry takes Entra ID sign-in (a Bearer challenge) and, when the run signs in with
 * Entra ID, a token is available; claims shown, the token never (CONNECTIVITY_AAD_LOGIN_ERROR).
 */
import { decodeJwtClaims } from '../../azure/jwt';
import { DOCS, registryNameOf } from '../docs';
import type { Check } from '../types';

export const aadCheck: Check = {
  meta: {
    id: 'auth.aad',
    area: 'auth',
    title: 'Entra ID sign-in works for the registry',
    faq: ['F20'],
    azTitles: ['CONNECTIVITY_AAD_LOGIN_ERROR'],
    needs: ['acr'],
    dependsOn: ['net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.authentication,
  },
  async run(context, signal) {
    const c = await context.facts.challenge();
    const name = registryNameOf(context.facts.endpoint().hostname);
    if (c.scheme !== 'bearer' || !c.realm) {
      return {
        status: 'fail',
        summary: `The registry does not offer a Bearer token service (challenge: ${c.wwwAuthenticate ?? `status ${c.status}`}), so Entra ID sign-in cannot work; use the admin user or a scoped token.`,
        evidence: { status: c.status, wwwAuthenticate: c.wwwAuthenticate ?? null },
      };
    }
    const credential = context.facts.credential;
    if (credential.kind !== 'aad') return { status: 'skip', summary: `Signed in to the registry with ${credential.kind === 'basic' ? 'a username and password' : credential.kind === 'refresh-token' ? 'a refresh token' : 'no credential'}, not Entra ID.` };
    let claims;
    try {
      const token = await credential.getAadToken(signal);
      claims = decodeJwtClaims(token.token.reveal());
    } catch (error) {
      return {
        status: 'fail',
        summary: `No Entra ID token: ${error instanceof Error ? error.message : String(error)}`,
        fixes: [{ kind: 'command', title: 'Sign in', command: 'az login' }, { kind: 'command', title: 'Then log in to the registry', command: `az acr login --name ${name}` }],
      };
    }
    const expiresAt = claims.exp ? new Date(claims.exp * 1000).toISOString() : null;
    return {
      status: 'pass',
      summary: `Entra ID token for ${claims.upn ?? claims.appid ?? claims.oid ?? 'the signed-in identity'}${claims.tid ? ` in tenant ${claims.tid}` : ''}${expiresAt ? `, valid until ${expiresAt}` : ''}.`,
      evidence: { objectId: claims.oid ?? null, tenantId: claims.tid ?? null, user: claims.upn ?? null, appId: claims.appid ?? null, expiresAt },
    };
  },
};
