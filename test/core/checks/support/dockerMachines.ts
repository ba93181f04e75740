/** Canned docker outputs for presented machines, in the shapes docker prints them. */
import type { ProgramBehaviour } from './presentedMachine';

export function dockerInfoJson(serverVersion: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ID: 'abc', ServerVersion: serverVersion, OperatingSystem: 'Ubuntu 24.04 LTS', OSType: 'linux', Architecture: 'x86_64', HttpProxy: '', HttpsProxy: '', NoProxy: '', RegistryConfig: { Mirrors: [], IndexConfigs: {} }, ...extra });
}

/** A docker whose daemon runs `serverVersion`. */
export function healthyDocker(serverVersion = '27.3.1', infoExtra: Record<string, unknown> = {}): ProgramBehaviour {
  return (args) => {
    const joined = args.join(' ');
    if (joined === '--version') return { stdout: `Docker version ${serverVersion}, build ce12230\n` };
    if (joined === 'info --format {{json .}}') return { stdout: `${dockerInfoJson(serverVersion, infoExtra)}\n` };
    if (joined === 'version --format {{.Server.Version}}') return { stdout: `${serverVersion}\n` };
    if (args[0] === 'pull') return { stdout: 'latest: Pulling from mcr/hello-world\nStatus: Downloaded newer image\n', stderr: "\nWhat's next:\n    View a summary of image vulnerabilities: docker scout quickview\n" };
    return undefined;
  };
}

/** A docker CLI whose daemon is down (docker 27 prints the client half and the error, exit 1). */
export function dockerDaemonDown(): ProgramBehaviour {
  return (args) => {
    const joined = args.join(' ');
    if (joined === '--version') return { stdout: 'Docker version 27.3.1, build ce12230\n' };
    if (args[0] === 'info' || args[0] === 'version' || args[0] === 'pull') {
      return { exitCode: 1, stdout: args[0] === 'info' ? '{"ID":"","ServerErrors":["Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"]}\n' : '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' };
    }
    return undefined;
  };
}
