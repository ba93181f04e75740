import { exposeTokenLogin, link } from '../fixes';
import { firstLine, httpsProxyOf, proxyEnvironment, safeOutput } from '../machine';
import { redact } from '../../log';
import type { Check, CheckOutcome, CheckEvidence, CheckFix } from '../types';

/** The fields of `docker info --format '{{json .}}'` this check reads. */
interface DockerInfo {
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  HttpProxy?: string;
  HttpsProxy?: string;
  NoProxy?: string;
  ServerErrors?: string[];
  RegistryConfig?: { Mirrors?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
}

function parseInfo(stdout: string): DockerInfo | undefined {
  const line = stdout.split(/\r?\n/).find((l) => l.trim().startsWith('{'));
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as DockerInfo) : undefined;
  } catch {
    return undefined;
  }
}

function startFix(platform: NodeJS.Platform): CheckFix {
  if (platform === 'linux') return { kind: 'command', title: 'Start the Docker daemon', command: 'sudo systemctl start docker' };
  return link('Start Docker Desktop (and wait until it says it is running)', 'https://docs.docker.com/desktop/');
}

/**
 * The Docker daemon answers (az: `docker ps` fails → DOCKER_DAEMON_ERROR). Also shows the daemon's own
 * proxy beside the shell's: az and ACR Doctor go through HTTPS_PROXY, docker pulls through the daemon's
 * proxy, so one can pass while the other fails (Azure/acr #404; failure message 18).
 */
export const dockerDaemon: Check = {
  meta: {
    id: 'docker.daemon',
    area: 'docker',
    title: 'The Docker daemon is running and reachable',
    faq: ['F20', 'F21'],
    azTitles: ['DOCKER_DAEMON_ERROR'],
    dependsOn: ['docker.cli'],
    timeoutMs: 20_000,
    docs: 'https://aka.ms/acr/errors#docker_daemon_error',
  },
  async run(context, signal): Promise<CheckOutcome> {
    const { system, target } = context;
    const result = await system.run('docker', ['info', '--format', '{{json .}}'], { timeoutMs: 15_000, signal });
    if (!result.found) return { status: 'skip', summary: 'No docker command, so no daemon to ask (see docker.cli).', evidence: { docker: 'not found' } };
    const info = parseInfo(result.stdout);
    const serverErrors = info?.ServerErrors ?? [];
    const where = system.env.DOCKER_HOST ? `DOCKER_HOST=${redact(system.env.DOCKER_HOST)}` : system.env.DOCKER_CONTEXT ? `context ${system.env.DOCKER_CONTEXT}` : 'the default socket';
    const base: CheckEvidence = { daemon: where, shellProxy: proxyEnvironment(system) };
    if (result.timedOut) {
      return {
        status: 'fail',
        summary: `The Docker daemon (${where}) did not answer within 15 s: it is hung or starting. Restart it, then retry (FAQ F21).`,
        evidence: { ...base, timedOut: true },
        fixes: [startFix(system.platform), exposeTokenLogin(target)],
      };
    }
    if (result.exitCode !== 0 || serverErrors.length > 0 || !info?.ServerVersion) {
      const reason = serverErrors[0] ? safeOutput(serverErrors[0], 300) : firstLine(result.stderr) || `docker info exited with ${result.exitCode}`;
      const permission = /permission denied/i.test(reason);
      return {
        status: 'fail',
        summary: permission
          ? `You may not talk to the Docker daemon (${where}): ${reason}. Add yourself to the docker group, or use sudo.`
          : `The Docker daemon is not reachable (${where}): ${reason}. docker push/pull and \`az acr login\` need it.`,
        evidence: { ...base, exitCode: result.exitCode, error: reason },
        fixes: permission
          ? [{ kind: 'command', title: 'Allow your user to use docker (log out and in afterwards)', command: 'sudo usermod -aG docker $USER' }, link('Docker post-install steps', 'https://docs.docker.com/engine/install/linux-postinstall/')]
          : [startFix(system.platform), exposeTokenLogin(target)],
      };
    }
    const daemonProxy = info.HttpsProxy || info.HttpProxy ? redact(info.HttpsProxy || info.HttpProxy || '') : undefined;
    const shellProxy = httpsProxyOf(system);
    const evidence: CheckEvidence = {
      ...base,
      serverVersion: info.ServerVersion,
      os: [info.OperatingSystem, info.OSType, info.Architecture].filter(Boolean).join(' / '),
      daemonProxy: daemonProxy ?? null,
      daemonNoProxy: info.NoProxy ? redact(info.NoProxy) : null,
      mirrors: info.RegistryConfig?.Mirrors ?? [],
    };
    if (shellProxy && !daemonProxy) {
      return {
        status: 'warn',
        summary: `The daemon (Docker ${info.ServerVersion}) runs without a proxy while this shell uses ${shellProxy}: az and ACR Doctor reach the registry, docker pull/push may time out (Client.Timeout exceeded).`,
        evidence,
        fixes: [link("Configure the Docker daemon's proxy", 'https://docs.docker.com/engine/daemon/proxy/')],
      };
    }
    return {
      status: 'pass',
      summary: `Docker daemon ${info.ServerVersion} answers${daemonProxy ? ` (its proxy: ${daemonProxy})` : ''}.`,
      evidence,
    };
  },
};
