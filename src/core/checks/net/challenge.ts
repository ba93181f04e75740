/**
 * net.challenge: `GET /v2/` answers 401 with a Bearer realm and service (ACR), or says plainly what
 * else it is (CONNECTIVITY_CHALLENGE_ERROR, CONNECTIVITY_WWW_AUTHENTICATE_ERROR).
 */
import { isAcrHost } from '../../reference/imageReference';
import { DOCS } from '../docs';
import type { Check } from '../types';

export const challengeCheck: Check = {
  meta: {
    id: 'net.challenge',
    area: 'net',
    title: 'The registry issues an auth challenge at /v2/',
    faq: ['F08', 'F21', 'F31'],
    azTitles: ['CONNECTIVITY_CHALLENGE_ERROR', 'CONNECTIVITY_WWW_AUTHENTICATE_ERROR'],
    dependsOn: ['net.tcp'],
    timeoutMs: 20_000,
    docs: DOCS.errorReference,
  },
  async run(context) {
    const { hostname } = context.facts.endpoint();
    const c = await context.facts.challenge();
    const evidence = { url: c.url, status: c.status, wwwAuthenticate: c.wwwAuthenticate ?? null, errorCode: c.errorCode ?? null };
    if (c.failure) {
      return {
        status: 'fail',
        summary: `GET ${c.url} failed before any answer (${c.failure.code}): ${c.failure.message}`,
        evidence: { ...evidence, failure: c.failure.code },
        fixes: [{ kind: 'command', title: 'Try it yourself', command: `curl -sv ${c.url}` }],
      };
    }
    // An ACR by name, or by what it serves (/acr/v1): either way it should have challenged. Asked only when it matters.
    const isAcr = async () => isAcrHost(hostname) || (await context.facts.isAcr());
    if (c.status === 200) {
      if (await isAcr()) {
        return {
          status: 'warn',
          summary: `${c.url} answered 200 without credentials, but an Azure Container Registry always challenges: something else answered (a proxy, a captive portal, a mirror).`,
          evidence,
          fixes: [{ kind: 'command', title: 'See who answers', command: `curl -sv ${c.url}` }],
        };
      }
      return { status: 'pass', summary: `${c.url} answered 200 without credentials: a plain registry that needs no authentication.`, evidence };
    }
    if (c.status === 401) {
      if (c.scheme === 'bearer' && c.realm) {
        return { status: 'pass', summary: `401 with a Bearer challenge: token realm ${c.realm}, service ${c.service ?? '(none)'}.`, evidence: { ...evidence, realm: c.realm, service: c.service ?? null } };
      }
      if (c.scheme === 'basic') {
        return (await isAcr())
          ? { status: 'warn', summary: `${hostname} asks for Basic authentication only; an ACR asks for a Bearer token: something in between rewrote the challenge.`, evidence }
          : { status: 'pass', summary: `401 with a Basic challenge: the registry takes a username and password (htpasswd).`, evidence };
      }
      return {
        status: 'fail',
        summary: `401 without a usable WWW-Authenticate challenge (${c.wwwAuthenticate ? `"${c.wwwAuthenticate}"` : 'none'}): clients cannot learn how to sign in.`,
        evidence,
      };
    }
    if (c.status === 403) return { status: 'fail', summary: `403 Forbidden before any challenge: the registry's network rules refuse this client (net.firewall says why).`, evidence };
    if (c.status === 429) return { status: 'warn', summary: `429 Too Many Requests at /v2/: throttled (net.throttling has the details).`, evidence };
    return {
      status: 'fail',
      summary: `${c.url} answered ${c.status}${c.errorCode ? ` ${c.errorCode}` : ''} instead of a challenge: the registry did not issue a challenge (a proxy, a wrong host, or a registry that is down).`,
      evidence: { ...evidence, body: c.bodyText ?? null },
    };
  },
};
