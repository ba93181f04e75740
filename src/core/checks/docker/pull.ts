import { link } from '../fixes';
import { firstLine, safeOutput } from '../machine';
import type { Check, CheckOutcome } from '../types';

/** The image az pulls for this check. */
export const PULL_TEST_IMAGE = 'mcr.microsoft.com/mcr/hello-world:latest';

/**
 * Opt-in: `docker pull` of a small public image works (az: DOCKER_PULL_ERROR). Judged by the exit code,
 * not by stderr: Docker prints "What's Next?" hints there (Azure/azure-cli #27487).
 */
export const dockerPull: Check = {
  meta: {
    id: 'docker.pull',
    area: 'docker',
    title: 'docker pull of a public image works',
    faq: ['F20', 'F21'],
    azTitles: ['DOCKER_PULL_ERROR'],
    needs: ['opt-in'],
    dependsOn: ['docker.daemon'],
    timeoutMs: 150_000,
    docs: 'https://aka.ms/acr/errors#docker_pull_error',
  },
  async run(context, signal): Promise<CheckOutcome> {
    const result = await context.system.run('docker', ['pull', PULL_TEST_IMAGE], { timeoutMs: 140_000, signal });
    const stderr = safeOutput(result.stderr, 600);
    if (result.exitCode === 0) return { status: 'pass', summary: `docker pull ${PULL_TEST_IMAGE} works.`, evidence: { image: PULL_TEST_IMAGE } };
    // A Windows-containers daemon cannot run the Linux image, which still proves the pull path (az PR #13158).
    if (/cannot be used on this platform|no matching manifest/i.test(stderr)) {
      return { status: 'warn', summary: `The pull reached the registry, but ${PULL_TEST_IMAGE} has no image for this daemon's platform (Windows containers?).`, evidence: { image: PULL_TEST_IMAGE, stderr } };
    }
    const timedOut = result.timedOut === true || /Client\.Timeout|deadline exceeded|i\/o timeout/i.test(stderr);
    return {
      status: 'fail',
      summary: timedOut
        ? `docker pull ${PULL_TEST_IMAGE} timed out (${firstLine(stderr) || 'no answer'}): the daemon cannot reach the internet, often its proxy (FAQ F21).`
        : `docker pull ${PULL_TEST_IMAGE} failed: ${firstLine(stderr) || `exit ${result.exitCode}`}.`,
      evidence: { image: PULL_TEST_IMAGE, exitCode: result.exitCode, timedOut, stderr },
      fixes: [
        { kind: 'command', title: 'Retry by hand and read the full error', command: `docker pull ${PULL_TEST_IMAGE}` },
        link("Configure the Docker daemon's proxy", 'https://docs.docker.com/engine/daemon/proxy/'),
        link('Restart the daemon when pulls hang (FAQ F21)', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#docker-pull-fails-with-error-net-http-request-canceled-while-waiting-for-connection-client-timeout-exceeded-while-awaiting-headers-'),
      ],
    };
  },
};
