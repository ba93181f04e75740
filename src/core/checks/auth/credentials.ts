/**
 * auth.credentials: the run holds credentials for a registry that asks for them. "unauthorized:
 * authentication required" most often means nobody logged in to this registry from here (or the
 * login was stored under another spelling of the name): this says which credential the run found,
 * or that there was none, without ever showing it.
 */
import { DOCS, registryNameOf } from '../docs';
import type { Check, CheckFix } from '../types';

const KIND_TEXT = {
  basic: 'a username and password (Docker config, a credential helper, or entered in ACR Doctor)',
  'refresh-token': 'an ACR refresh token',
  aad: 'your Entra ID (Azure) sign-in',
} as const;

export const credentialsCheck: Check = {
  meta: {
    id: 'auth.credentials',
    area: 'auth',
    title: 'Credentials for this registry were found',
    faq: ['F25', 'F27'],
    dependsOn: ['net.challenge'],
    timeoutMs: 20_000,
    docs: DOCS.troubleshootLogin,
  },
  async run(context) {
    const challenge = await context.facts.challenge();
    const { host, hostname } = context.facts.endpoint();
    if (challenge.failure) return { status: 'skip', summary: `No HTTP answer from ${host} (net.challenge says why), so it is unknown whether it wants credentials.` };
    const credential = context.facts.credential;
    const asks = challenge.status === 401;
    if (credential.kind !== 'anonymous') {
      return { status: 'pass', summary: `Signing in with ${KIND_TEXT[credential.kind]}${credential.kind === 'basic' ? ` as ${credential.username}` : ''}.`, evidence: { credential: credential.kind } };
    }
    if (!asks) return { status: 'pass', summary: `${host} answered /v2/ with ${challenge.status} without credentials: none are needed to reach it.`, evidence: { credential: 'anonymous', status: challenge.status } };
    const acr = await context.facts.isAcr();
    const typed = context.target.registry;
    const lower = typed.toLowerCase();
    const fixes: CheckFix[] = acr
      ? [
          { kind: 'command', title: 'Log in with your Azure sign-in', command: `az acr login --name ${registryNameOf(hostname)}` },
          { kind: 'command', title: 'Or with a token, where docker cannot run az', command: `az acr login --name ${registryNameOf(hostname)} --expose-token` },
        ]
      : [{ kind: 'command', title: 'Log in', command: `docker login ${host}` }];
    return {
      status: 'fail',
      summary: `No credentials for ${host}: the registry asks for them (401), and none were found for this name in your Docker config or credential helpers${acr ? ' and there is no Azure sign-in' : ''}. Log in first${lower !== typed ? `, with the login server in lower case (${lower}, FAQ F25)` : ''}.`,
      evidence: { credential: 'anonymous', status: challenge.status },
      fixes,
    };
  },
};
