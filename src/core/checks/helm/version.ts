import { link } from '../fixes';
import { compareVersions, firstLine } from '../machine';
import type { Check, CheckOutcome } from '../types';

/** az's floor (HELM_VERSION_ERROR). */
export const MINIMUM_HELM_VERSION = '2.11.0';
/** Helm's OCI registry support is GA from 3.8.0; ACR's Helm 2 chart repositories are retired. */
export const OCI_HELM_VERSION = '3.8.0';

/** `helm version --client` ≥ 2.11.0 (az: HELM_COMMAND_ERROR / HELM_VERSION_ERROR). Helm is optional. */
export const helmVersion: Check = {
  meta: {
    id: 'helm.version',
    area: 'helm',
    title: `Helm is ${MINIMUM_HELM_VERSION} or newer`,
    faq: ['F20'],
    azTitles: ['HELM_VERSION_ERROR', 'HELM_COMMAND_ERROR'],
    timeoutMs: 15_000,
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-helm-repos',
  },
  async run(context, signal): Promise<CheckOutcome> {
    // --client: Helm 2 would otherwise ask Tiller; Helm 3 keeps the flag hidden and accepts it.
    const result = await context.system.run('helm', ['version', '--client'], { timeoutMs: 10_000, signal });
    if (!result.found) return { status: 'skip', summary: 'Helm is not installed (only needed to push and pull Helm charts).', evidence: { helm: 'not found' } };
    const version = /(?:SemVer|Version):"v([.\d]+)/.exec(result.stdout)?.[1] ?? /\bv(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
    if (result.exitCode !== 0 || !version) {
      return {
        status: 'fail',
        summary: `helm version --client ${result.exitCode !== 0 ? `failed: ${firstLine(result.stderr) || `exit ${result.exitCode}`}` : `printed no version (${firstLine(result.stdout)})`}.`,
        evidence: { exitCode: result.exitCode, output: firstLine(result.stdout || result.stderr) },
        fixes: [link('Install Helm', 'https://helm.sh/docs/intro/install/')],
      };
    }
    const evidence = { version, minimum: MINIMUM_HELM_VERSION };
    if (compareVersions(version, MINIMUM_HELM_VERSION) < 0) {
      return { status: 'fail', summary: `Helm ${version} is older than ${MINIMUM_HELM_VERSION}: upgrade it.`, evidence, fixes: [link('Install Helm 3', 'https://helm.sh/docs/intro/install/')] };
    }
    if (compareVersions(version, OCI_HELM_VERSION) < 0) {
      return {
        status: 'warn',
        summary: `Helm ${version} predates GA OCI support (${OCI_HELM_VERSION}); ACR stores charts as OCI artifacts (\`helm push chart.tgz oci://${context.target.registry.toLowerCase()}/helm\`).`,
        evidence,
        fixes: [link('Push and pull Helm charts to ACR', 'https://learn.microsoft.com/azure/container-registry/container-registry-helm-repos'), link('Install Helm 3', 'https://helm.sh/docs/intro/install/')],
      };
    }
    return { status: 'pass', summary: `Helm ${version}.`, evidence };
  },
};
