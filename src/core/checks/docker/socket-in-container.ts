import { exposeTokenLogin, link } from '../fixes';
import { redact } from '../../log';
import type { Check, CheckOutcome, SystemProbe } from '../types';

const DEFAULT_SOCKET = '/var/run/docker.sock';
/** Words in /proc/1/cgroup (cgroup v1) that mean a container runtime started us. */
const CONTAINER_CGROUP = /docker|kubepods|containerd|libpod|lxc|garden/i;

async function containerEvidence(system: SystemProbe): Promise<string | undefined> {
  if (await system.exists('/.dockerenv')) return '/.dockerenv exists';
  if (await system.exists('/run/.containerenv')) return '/run/.containerenv exists (podman)';
  const cgroup = await system.readFile('/proc/1/cgroup');
  const match = cgroup?.split('\n').find((line) => CONTAINER_CGROUP.test(line));
  if (match) return `/proc/1/cgroup: ${match.trim().slice(0, 120)}`;
  if (system.env.KUBERNETES_SERVICE_HOST) return 'KUBERNETES_SERVICE_HOST is set';
  return undefined;
}

/** FAQ F12: a CLI inside a container needs the host's Docker socket mounted (or a reachable DOCKER_HOST). */
export const dockerSocketInContainer: Check = {
  meta: {
    id: 'docker.socket-in-container',
    area: 'docker',
    title: 'Inside a container, the Docker socket is mounted',
    faq: ['F12'],
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#how-to-enable-authentication-from-a-cli-running-in-a-container',
  },
  async run(context): Promise<CheckOutcome> {
    const { system, target } = context;
    if (system.platform !== 'linux') return { status: 'skip', summary: `Containers with a Docker socket are a Linux matter; this is ${system.platform}.` };
    const inContainer = await containerEvidence(system);
    if (!inContainer) return { status: 'pass', summary: 'Not running in a container.', evidence: { container: false } };
    const dockerHost = system.env.DOCKER_HOST;
    if (dockerHost && !dockerHost.startsWith('unix://')) {
      return { status: 'pass', summary: `In a container, using a remote daemon (DOCKER_HOST=${redact(dockerHost)}).`, evidence: { container: true, why: inContainer, DOCKER_HOST: redact(dockerHost) } };
    }
    const socket = dockerHost ? dockerHost.slice('unix://'.length) : DEFAULT_SOCKET;
    if (await system.exists(socket)) return { status: 'pass', summary: `In a container, with the Docker socket ${socket} mounted.`, evidence: { container: true, why: inContainer, socket, socketPresent: true } };
    return {
      status: 'fail',
      summary: `Running in a container (${inContainer}) without ${socket}: docker and \`az acr login\` cannot reach a daemon (FAQ F12).`,
      evidence: { container: true, why: inContainer, socket, socketPresent: false },
      fixes: [
        { kind: 'command', title: 'Start the container with the host socket mounted', command: `docker run -v ${DEFAULT_SOCKET}:${DEFAULT_SOCKET} …` },
        exposeTokenLogin(target),
        link('FAQ: authenticate from a CLI in a container', 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#how-to-enable-authentication-from-a-cli-running-in-a-container'),
      ],
    };
  },
};
