/**
 * "Docker Login to This Registry": whether docker can log in here at all, and the terminal command
 * that does it without the secret ever being typed or shown. Without a docker CLI or a running
 * daemon it says so and offers the token (or password) itself for podman, oras, helm or another
 * machine, rather than opening a terminal whose command can only fail.
 */
import { firstLine } from '../checks/machine';
import { AcrDoctorError } from '../errors';
import type { SystemProbe } from '../checks/types';
import { ACR_REFRESH_TOKEN_USERNAME } from '../registry/index';
import type { Secret } from '../secret';
import { safeForShell } from './settings';

export type DockerStatus = { ready: true; version: string } | { ready: false; reason: string; fix: string };

/** The environment variable the terminal gets the secret in: piped to --password-stdin, never on the command line. */
export const LOGIN_PASSWORD_VARIABLE = 'ACR_DOCTOR_REGISTRY_PASSWORD';

const DOCKER_TIMEOUT_MS = 10_000;

/** `docker info` answers: the CLI is there and its daemon runs (docker login stores credentials through it). */
export async function dockerStatus(system: SystemProbe, signal?: AbortSignal): Promise<DockerStatus> {
  const result = await system.run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: DOCKER_TIMEOUT_MS, signal });
  if (!result.found) return { ready: false, reason: 'the docker command is not installed here (or not on PATH)', fix: 'Install Docker (or Docker Desktop), or log in with podman, oras or helm using the token.' };
  if (result.timedOut) return { ready: false, reason: `the Docker daemon did not answer within ${DOCKER_TIMEOUT_MS / 1000} s`, fix: 'Restart Docker, then try again.' };
  const version = result.stdout.trim();
  if (result.exitCode !== 0 || !version) {
    const said = firstLine(result.stderr) || `docker info exited with ${result.exitCode ?? 'a signal'}`;
    const permission = /permission denied/i.test(said);
    return {
      ready: false,
      reason: `the Docker daemon is not reachable: ${said}`,
      fix: permission ? 'Add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or use sudo.' : 'Start Docker (Docker Desktop, or sudo systemctl start docker), then try again.',
    };
  }
  return { ready: true, version: firstLine(version, 40) };
}

export interface LoginTarget {
  /** host[:port] as the explorer addresses it. */
  host: string;
  /** An Azure Container Registry: docker needs its login server in lower case (FAQ F25). */
  acr: boolean;
}

export type DockerLoginPlan =
  | { kind: 'terminal'; loginServer: string; command: string; env: Record<string, string>; note: string }
  | { kind: 'unavailable'; loginServer: string; message: string; username?: string; secretLabel?: string };

/**
 * What to run (or, without docker, what to say and offer). `login` is what the registry client holds
 * for this registry: a Basic credential, the ACR refresh token of an Entra sign-in, or nothing (anonymous,
 * or credentials that live in the user's Docker config already).
 */
export function planDockerLogin(target: LoginTarget, docker: DockerStatus, login: { username: string; password: Secret } | undefined): DockerLoginPlan {
  const loginServer = target.acr ? target.host.toLowerCase() : target.host;
  if (!safeForShell(loginServer)) throw new AcrDoctorError('EXPLORER_UNSAFE_NAME', 'This host name cannot be passed to a terminal safely.', { hint: 'Check the registry entry in acrDoctor.registries.' });
  const refreshToken = login?.username === ACR_REFRESH_TOKEN_USERNAME;
  if (!docker.ready) {
    const offer = login ? ` ${refreshToken ? 'Copy the registry refresh token (valid about 3 hours) and use it as the password' : `Copy the password of ${login.username}`} with username ${login.username} in podman, oras, helm or docker on another machine (--password-stdin).` : '';
    return { kind: 'unavailable', loginServer, message: `docker login cannot run: ${docker.reason}. ${docker.fix}${offer}`, username: login?.username, secretLabel: login ? (refreshToken ? 'Copy Token' : 'Copy Password') : undefined };
  }
  if (!login) {
    return { kind: 'terminal', loginServer, command: `docker login ${loginServer}`, env: {}, note: 'docker asks for a username and password (ACR Doctor holds none for this registry, or uses your Docker config already).' };
  }
  // Usernames may hold shell characters (Harbor robot accounts are robot$name): quoted, and only control characters refused.
  if ([...login.username].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f))) throw new AcrDoctorError('EXPLORER_UNSAFE_NAME', 'The username has control characters, so it cannot be passed to a terminal safely.', { hint: 'Enter the credentials again with "Enter Registry Credentials…".' });
  return {
    kind: 'terminal',
    loginServer,
    // The secret travels in the terminal's environment to --password-stdin: never typed, shown or in shell history.
    command: `printf '%s' "$${LOGIN_PASSWORD_VARIABLE}" | docker login ${loginServer} --username ${shellWord(login.username)} --password-stdin`,
    env: { [LOGIN_PASSWORD_VARIABLE]: login.password.reveal() },
    note: refreshToken ? 'Logs in with the registry refresh token of your Azure sign-in (as az acr login does); it lasts about 3 hours.' : `Logs in as ${login.username}.`,
  };
}

/** A word the shell takes literally: bare when it is plain, else single-quoted. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9._@%+=:,/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
