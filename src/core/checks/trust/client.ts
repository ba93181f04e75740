import { link } from '../fixes';
import type { Check, CheckOutcome } from '../types';

const NOTATION_DOCS = 'https://learn.microsoft.com/azure/container-registry/container-registry-tutorial-sign-build-push';
const DCT_DEPRECATION = 'https://aka.ms/acr/dctdeprecation';

function dctOn(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true'].includes(value.trim().toLowerCase());
}

/**
 * The content-trust client side (az: NOTARY_COMMAND_ERROR / NOTARY_VERSION_ERROR), at info level: Docker
 * Content Trust is deprecated (removal 2028-03-31) and Notary Project (notation) is the successor, so
 * az's "downgrade notary to 0.6.0" is no advice we repeat.
 */
export const trustClient: Check = {
  meta: {
    id: 'trust.client',
    area: 'trust',
    title: 'Content trust client (notary, DOCKER_CONTENT_TRUST)',
    faq: ['F14'],
    azTitles: ['NOTARY_VERSION_ERROR', 'NOTARY_COMMAND_ERROR'],
    timeoutMs: 15_000,
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-content-trust',
  },
  async run(context, signal): Promise<CheckOutcome> {
    const { system } = context;
    const notary = await system.run('notary', ['version'], { timeoutMs: 10_000, signal });
    const version = notary.found && notary.exitCode === 0 ? (/Version:\s+([.\d]+)/.exec(notary.stdout)?.[1] ?? null) : null;
    const dct = system.env.DOCKER_CONTENT_TRUST;
    const evidence = { notary: notary.found ? (version ?? 'found, no version') : 'not found', DOCKER_CONTENT_TRUST: dct ?? null, deprecatedUntil: '2028-03-31' };
    const successor = [link('Sign with Notary Project (notation) instead', NOTATION_DOCS), link('Docker Content Trust deprecation', DCT_DEPRECATION)];
    if (dctOn(dct)) {
      return {
        status: 'warn',
        summary: `DOCKER_CONTENT_TRUST=${dct}: docker refuses unsigned images from every registry, and Docker Content Trust is deprecated (removal 2028-03-31); notation signatures are the successor.`,
        evidence,
        fixes: [{ kind: 'command', title: 'Turn content trust off for this shell', command: system.platform === 'win32' ? 'set DOCKER_CONTENT_TRUST=' : 'unset DOCKER_CONTENT_TRUST' }, ...successor],
      };
    }
    return {
      status: 'pass',
      summary: `${notary.found ? `notary ${version ?? '(version unknown)'} installed` : 'No notary client'}; content trust is off. Docker Content Trust is deprecated (removal 2028-03-31): sign with notation.`,
      evidence,
      fixes: successor,
    };
  },
};
