import type { MessageFamily } from '../types';

/** Failures of the machine itself: rows 20 and 21 of failure-messages.md. */
export const clientFamilies: MessageFamily[] = [
  {
    id: 'creds-store-bad-data',
    row: 20,
    title: 'Error saving credentials: error storing credentials - err: exit status 1, out: `The stub received bad data.`',
    meaning: "docker's credential helper could not store the token: the Windows Credential Manager (wincred) holds at most about 4 KB, and ACR tokens are larger.",
    keywords: ['the stub received bad data', 'error storing credentials'],
    pattern: /The stub received bad data|error storing credentials/i,
    causes: [
      {
        id: 'token-too-large-for-wincred',
        summary: 'credsStore is "wincred" (or "desktop" on Windows), which cannot keep a token over about 4 KB.',
        checks: ['docker.creds-store'],
        fix: 'Remove "credsStore" from ~/.docker/config.json (or use a helper that stores large tokens), then log in again.',
      },
      {
        id: 'injected-creds-store',
        summary: 'A dev container or tool injected a credsStore whose helper is missing or broken here.',
        checks: ['docker.creds-store'],
        fix: 'Remove the credsStore entry from the config.json the tool wrote, or install the helper it names.',
      },
    ],
    sources: ['Azure/azure-cli #4843', 'microsoft/vscode-docker #1936', 'microsoft/vscode #173521'],
    faq: ['F25'],
  },
  {
    id: 'no-docker-daemon',
    row: 21,
    title: 'This command requires running the docker daemon',
    meaning: 'No docker daemon answers here (Cloud Shell, CI containers, Docker Desktop stopped), so docker login cannot store a login.',
    keywords: ['requires running the docker daemon', 'cannot connect to the docker daemon', 'docker_daemon_error', 'docker_command_error'],
    pattern: /requires running the docker daemon|Cannot connect to the Docker daemon|DOCKER_DAEMON_ERROR|DOCKER_COMMAND_ERROR/i,
    causes: [
      {
        id: 'no-daemon-here',
        summary: 'This environment has no docker daemon at all (Cloud Shell, a CI container).',
        checks: ['docker.cli', 'docker.daemon'],
        fix: 'Get a token instead: az acr login -n REGISTRY --expose-token, then pass it to the tool that needs it (helm, oras, podman).',
      },
      {
        id: 'daemon-stopped',
        summary: 'The daemon is installed but not running.',
        checks: ['docker.daemon'],
        fix: 'Start it (sudo systemctl start docker, or start Docker Desktop).',
      },
      {
        id: 'container-without-socket',
        summary: 'You run in a container without /var/run/docker.sock mounted (FAQ F12).',
        checks: ['docker.socket-in-container'],
        fix: 'docker run -v /var/run/docker.sock:/var/run/docker.sock …',
      },
    ],
    sources: ['Azure/azure-cli #16813'],
    faq: ['F12', 'F20'],
  },
];
