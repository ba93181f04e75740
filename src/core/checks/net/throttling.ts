/** net.throttling: a 429 at /v2/ or the token server, with its Retry-After (CONNECTIVITY_TOOMANYREQUESTS_ERROR). */
import { DOCS, registryNameOf } from '../docs';
import type { Check } from '../types';

export const throttlingCheck: Check = {
  meta: {
    id: 'net.throttling',
    area: 'net',
    title: 'The registry is not throttling this client',
    faq: ['F20', 'F22'],
    azTitles: ['CONNECTIVITY_TOOMANYREQUESTS_ERROR'],
    dependsOn: ['net.tcp'],
    timeoutMs: 20_000,
    docs: DOCS.skus,
  },
  async run(context) {
    const c = await context.facts.challenge();
    if (c.failure) return { status: 'skip', summary: 'No HTTP answer (net.challenge says why), so no throttling verdict.' };
    if (c.status !== 429) return { status: 'pass', summary: `Not throttled: /v2/ answered ${c.status}.`, evidence: { status: c.status } };
    const wait = c.retryAfter ? ` Retry after ${/^\d+$/.test(c.retryAfter) ? `${c.retryAfter} s` : c.retryAfter}.` : '';
    return {
      status: 'fail',
      summary: `429 Too Many Requests ("toomanyrequests"): the registry's tier limits on read/write operations are exceeded. This is not a sign-in problem (az suggests "az login"; that will not help).${wait}`,
      evidence: { status: 429, retryAfter: c.retryAfter ?? null, errorCode: c.errorCode ?? null },
      fixes: [
        { kind: 'link', title: 'Tier limits (ReadOps/WriteOps per minute)', url: DOCS.skus },
        { kind: 'command', title: 'Move to a higher tier if this persists', command: `az acr update --name ${registryNameOf(context.facts.endpoint().hostname)} --sku Premium` },
      ],
    };
  },
};
