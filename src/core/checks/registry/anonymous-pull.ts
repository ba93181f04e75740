import { parseDockerConfig, findAuthsKey } from '../../registry/auth/dockerConfig';
import { judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { azAcrUpdate, link } from '../fixes';
import { dockerConfigFile } from '../machine';
import type { Check, CheckOutcome, SystemProbe } from '../types';

const TIERS_WITH_ANONYMOUS_PULL = new Set(['standard', 'premium']);

/** Whether docker on this machine would send stored credentials for `host` (then it never pulls anonymously). */
async function dockerHasCredentials(system: SystemProbe, host: string): Promise<boolean> {
  const text = await system.readFile(dockerConfigFile(system));
  if (!text) return false;
  try {
    const config = parseDockerConfig(text, 'config.json');
    return findAuthsKey(config.auths, host) !== undefined || Object.hasOwn(config.credHelpers ?? {}, host);
  } catch {
    return false;
  }
}

/** F18: anonymous pull needs Standard or Premium, and `docker logout` first (stale credentials are sent instead). */
export const registryAnonymousPull: Check = {
  meta: { id: 'registry.anonymous-pull', area: 'registry', title: 'Anonymous pull is set as intended', faq: ['F18'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/anonymous-pull-access' },
  run: (context) =>
    judging('the anonymous pull setting', async (): Promise<CheckOutcome> => {
      const registry = await context.facts.armRegistry();
      const supported = TIERS_WITH_ANONYMOUS_PULL.has(registry.sku.toLowerCase());
      const anonymousCaller = context.facts.credential.kind === 'anonymous';
      const evidence = { anonymousPullEnabled: registry.anonymousPullEnabled, sku: registry.sku, callerIsAnonymous: anonymousCaller };
      const upgrade = azAcrUpdate(context.target, 'Move to Standard (anonymous pull needs Standard or Premium)', '--sku Standard');
      if (!supported && registry.anonymousPullEnabled) {
        return {
          status: 'fail',
          summary: `Anonymous pull needs the Standard or Premium tier; ${registry.name} is ${registry.sku}, so pulls without credentials get 401 (FAQ F18).`,
          evidence,
          fixes: [upgrade, azAcrUpdate(context.target, 'Then enable anonymous pull', '--anonymous-pull-enabled true'), link('Anonymous pull access', 'https://learn.microsoft.com/azure/container-registry/anonymous-pull-access')],
        };
      }
      if (!registry.anonymousPullEnabled) {
        return {
          status: 'pass',
          summary: `Anonymous pull is off: every pull needs credentials${anonymousCaller ? ' (this run has none, so its data-plane checks are refused)' : ''}.${supported ? '' : ` It would need Standard or Premium (${registry.sku}).`}`,
          evidence,
          fixes: [supported ? azAcrUpdate(context.target, 'Enable anonymous pull (then docker logout before pulling)', '--anonymous-pull-enabled true') : upgrade],
        };
      }
      const host = registry.loginServer;
      if (await dockerHasCredentials(context.system, host)) {
        return {
          status: 'warn',
          summary: `Anonymous pull is on, but docker here has stored credentials for ${host} and sends them instead (an expired token then fails with "unauthorized"). Run docker logout first (FAQ F18).`,
          evidence: { ...evidence, dockerHasCredentials: true },
          fixes: [{ kind: 'command', title: 'Forget the stored credentials so docker pulls anonymously', command: `docker logout ${host}` }],
        };
      }
      return { status: 'pass', summary: 'Anonymous pull is on: anyone who can reach the registry can pull every repository.', evidence };
    }),
};
