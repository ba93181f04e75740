import { exposeTokenLogin } from '../fixes';
import { firstLine } from '../machine';
import type { Check, CheckOutcome } from '../types';

const INSTALL_DOCS = 'https://docs.docker.com/get-started/get-docker/';

/** `docker` on PATH at all (az: `docker ps` not found → DOCKER_COMMAND_ERROR). The daemon is `docker.daemon`'s. */
export const dockerCli: Check = {
  meta: {
    id: 'docker.cli',
    area: 'docker',
    title: 'The Docker CLI is installed',
    faq: ['F20', 'F21'],
    azTitles: ['DOCKER_COMMAND_ERROR'],
    timeoutMs: 15_000,
    docs: 'https://aka.ms/acr/errors#docker_command_error',
  },
  async run(context, signal): Promise<CheckOutcome> {
    const { system } = context;
    const docker = await system.run('docker', ['--version'], { timeoutMs: 10_000, signal });
    if (!docker.found) {
      // A warning, not a failure: the registry may be fine and another client (podman, containerd,
      // a CI action with --expose-token) may be in use; az's DOCKER_COMMAND_ERROR is still named.
      const podman = await system.run('podman', ['--version'], { timeoutMs: 10_000, signal });
      return {
        status: 'warn',
        summary: podman.found
          ? `No docker command on PATH; podman is installed (${firstLine(podman.stdout)}). Log in with \`podman login\` or \`az acr login --expose-token\`, or install Docker.`
          : 'No docker command on PATH: `az acr login` and docker push/pull need the Docker CLI.',
        evidence: { docker: 'not found', podman: podman.found ? firstLine(podman.stdout) : 'not found' },
        fixes: [
          { kind: 'link', title: 'Install Docker', url: INSTALL_DOCS },
          exposeTokenLogin(context.target, podman.found ? 'podman' : undefined),
        ],
      };
    }
    if (docker.timedOut || docker.exitCode !== 0) {
      return {
        status: 'fail',
        summary: `docker --version ${docker.timedOut ? 'did not answer' : `exited with ${docker.exitCode}`}: the docker command is there but broken.`,
        evidence: { exitCode: docker.exitCode, stderr: firstLine(docker.stderr), timedOut: docker.timedOut === true },
        fixes: [{ kind: 'link', title: 'Reinstall Docker', url: INSTALL_DOCS }],
      };
    }
    const version = firstLine(docker.stdout);
    return { status: 'pass', summary: `Docker CLI found: ${version}.`, evidence: { client: version, DOCKER_HOST: system.env.DOCKER_HOST ?? null, DOCKER_CONTEXT: system.env.DOCKER_CONTEXT ?? null } };
  },
};
