/**
 * auth.token-audience: with `azureADAuthenticationAsArmPolicy` disabled, ACR refuses ARM-audience
 * Entra tokens at `/oauth2/exchange`; only tokens for https://containerregistry.azure.net work. az
 * then says "run az login", which cannot help. We try both audiences and read the policy when ARM
 * is reachable.
 */
import { decodeJwtClaims } from '../../azure/jwt';
import { DOCS, registryNameOf } from '../docs';
import { exchangeEntraToken, type TokenFact } from '../facts';
import type { Check, CheckContext } from '../types';

export const ACR_AUDIENCE = 'https://containerregistry.azure.net';

async function exchangeFor(context: CheckContext, scope: string, signal: AbortSignal): Promise<{ audience: string | null; fact: TokenFact }> {
  const azure = context.facts.azure;
  if (!azure) throw new Error('no Azure sign-in');
  return context.facts.memo(`exchange:${scope}`, async () => {
    let token: { token: string; tenantId?: string };
    try {
      token = await azure.getToken(scope, signal);
    } catch (error) {
      return { audience: null, fact: { asked: 'exchange', outcome: 'failed' as const, message: `no Entra token for ${scope}: ${error instanceof Error ? error.message : String(error)}` } };
    }
    const claims = decodeJwtClaims(token.token) as { tid?: string; aud?: unknown };
    const aud = typeof (claims as Record<string, unknown>).aud === 'string' ? ((claims as Record<string, unknown>).aud as string) : null;
    const fact = await exchangeEntraToken(context.facts, token.token, token.tenantId ?? claims.tid);
    // The refresh token is not needed here; drop it so nothing can carry it further.
    return { audience: aud, fact: { ...fact, secret: undefined } };
  });
}

export const tokenAudienceCheck: Check = {
  meta: {
    id: 'auth.token-audience',
    area: 'auth',
    title: 'The Entra token audience is one the registry accepts',
    faq: ['F20'],
    azTitles: ['CONNECTIVITY_REFRESH_TOKEN_ERROR'],
    needs: ['azure', 'acr'],
    dependsOn: ['net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.armAudience,
  },
  async run(context, signal) {
    const azure = context.facts.azure;
    if (!azure) return { status: 'skip', summary: 'Needs Azure sign-in.' };
    const name = registryNameOf(context.facts.endpoint().hostname);
    let policy: string | null;
    try {
      policy = (await context.facts.armRegistry()).policies.azureADAuthenticationAsArm?.status ?? null;
    } catch {
      policy = null; // ARM unreadable: the exchanges below still decide.
    }
    // `<audience>/.default` as armScope() builds it; not imported, so the checks stay out of the Azure SDK bundle.
    const arm = await exchangeFor(context, `${azure.client.cloud.armAudience}/.default`, signal);
    const evidence = { armAudienceExchange: arm.fact.status ?? arm.fact.outcome, armTokenAudience: arm.audience, azureADAuthenticationAsArmPolicy: policy } as Record<string, string | number | null>;
    if (arm.fact.outcome === 'ok') {
      return { status: 'pass', summary: `ARM-audience Entra tokens are accepted at /oauth2/exchange${policy ? ` (azureADAuthenticationAsArmPolicy ${policy})` : ''}.`, evidence };
    }
    if (arm.fact.outcome === 'not-applicable') return { status: 'skip', summary: `No exchange to test: ${arm.fact.message ?? 'not applicable'}.` };
    const acr = await exchangeFor(context, `${ACR_AUDIENCE}/.default`, signal);
    evidence.acrAudienceExchange = acr.fact.status ?? acr.fact.outcome;
    if (acr.fact.outcome === 'ok' || policy === 'disabled') {
      return {
        status: 'fail',
        summary: `The registry refuses ARM-audience Entra tokens at /oauth2/exchange (${arm.fact.status ?? arm.fact.outcome}${policy === 'disabled' ? '; azureADAuthenticationAsArmPolicy is disabled' : ''})${acr.fact.outcome === 'ok' ? `; a token for ${ACR_AUDIENCE} is accepted` : ''}. "az login" will not help: ask for a token with the registry audience.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Get a token with the registry audience', command: `az account get-access-token --resource ${ACR_AUDIENCE} --query accessToken -o tsv` },
          { kind: 'command', title: 'See the policy', command: `az acr config authentication-as-arm show --registry ${name}` },
          { kind: 'command', title: 'Or allow ARM-audience tokens again', command: `az acr config authentication-as-arm update --registry ${name} --status enabled` },
        ],
      };
    }
    return {
      status: 'warn',
      summary: `The exchange refuses tokens of both audiences (ARM ${arm.fact.status ?? arm.fact.outcome}, registry ${acr.fact.status ?? acr.fact.outcome}): the audience is not the cause (auth.refresh-token explains the refusal).`,
      evidence,
    };
  },
};
