import { link } from '../fixes';
import { compareVersions, firstLine } from '../machine';
import type { Check, CheckOutcome } from '../types';

/** FAQ F13: ACR needs TLS 1.2, which the daemon speaks from 18.03.0 on. */
export const MINIMUM_DOCKER_VERSION = '18.03';

/** The daemon's version is at least 18.03 (az: DOCKER_VERSION_ERROR). */
export const dockerVersion: Check = {
  meta: {
    id: 'docker.version',
    area: 'docker',
    title: `Docker is ${MINIMUM_DOCKER_VERSION} or newer (TLS 1.2)`,
    faq: ['F13'],
    azTitles: ['DOCKER_VERSION_ERROR'],
    dependsOn: ['docker.daemon'],
    timeoutMs: 15_000,
    docs: 'https://aka.ms/acr/errors#docker_version_error',
  },
  async run(context, signal): Promise<CheckOutcome> {
    // docker.daemon has read it already; ask docker only when this check runs on its own.
    let version = context.results.get('docker.daemon')?.evidence?.serverVersion;
    if (typeof version !== 'string' || version === '') {
      const result = await context.system.run('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000, signal });
      version = result.exitCode === 0 ? firstLine(result.stdout) : '';
    }
    if (!version || !/\d/.test(version)) {
      return { status: 'warn', summary: 'The Docker daemon did not report its version, so TLS 1.2 support cannot be judged.', evidence: { serverVersion: version || null } };
    }
    if (compareVersions(version, MINIMUM_DOCKER_VERSION) < 0) {
      return {
        status: 'fail',
        summary: `Docker ${version} is older than ${MINIMUM_DOCKER_VERSION}: it cannot speak TLS 1.2, which Azure Container Registry requires (FAQ F13). Upgrade Docker.`,
        evidence: { serverVersion: version, minimum: MINIMUM_DOCKER_VERSION },
        fixes: [link('Install a current Docker Engine', 'https://docs.docker.com/engine/install/'), link('ACR TLS 1.2 requirement', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#does-azure-container-registry-support-tls-1-2-')],
      };
    }
    return { status: 'pass', summary: `Docker ${version} (≥ ${MINIMUM_DOCKER_VERSION}, speaks TLS 1.2).`, evidence: { serverVersion: version, minimum: MINIMUM_DOCKER_VERSION } };
  },
};
