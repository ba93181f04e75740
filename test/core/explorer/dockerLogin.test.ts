import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerStatus, LOGIN_PASSWORD_VARIABLE, planDockerLogin, type DockerStatus } from '../../../src/core/explorer/index';
import type { ProgramResult, SystemProbe } from '../../../src/core/checks/types';
import { Secret } from '../../../src/core/secret';
import { emptySystem } from '../checks/support';

/** A machine whose `docker` answers `result` (only the program edge is presented). */
function machineWithDocker(result: ProgramResult): SystemProbe & { calls: string[][] } {
  const calls: string[][] = [];
  return { ...emptySystem(), calls, run: async (program, args) => (calls.push([program, ...args]), program === 'docker' ? result : { found: false, exitCode: null, stdout: '', stderr: '' }) };
}

const READY: DockerStatus = { ready: true, version: '27.3.1' };
const REFRESH_USER = '00000000-0000-0000-0000-000000000000';

describe('dockerStatus', () => {
  const cases: Array<{ name: string; result: ProgramResult; expect: RegExp | 'ready' }> = [
    { name: 'no docker CLI', result: { found: false, exitCode: null, stdout: '', stderr: '' }, expect: /not installed/ },
    { name: 'daemon not running', result: { found: true, exitCode: 1, stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' }, expect: /not reachable: Cannot connect to the Docker daemon/ },
    { name: 'daemon hung', result: { found: true, exitCode: null, stdout: '', stderr: '', timedOut: true }, expect: /did not answer within 10 s/ },
    { name: 'no permission on the socket', result: { found: true, exitCode: 1, stdout: '', stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock' }, expect: /docker group/ },
    { name: 'running daemon', result: { found: true, exitCode: 0, stdout: '27.3.1\n', stderr: '' }, expect: 'ready' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const machine = machineWithDocker(c.result);
      const status = await dockerStatus(machine);
      assert.deepEqual(machine.calls, [['docker', 'info', '--format', '{{.ServerVersion}}']]);
      if (c.expect === 'ready') assert.deepEqual(status, { ready: true, version: '27.3.1' });
      else {
        assert.equal(status.ready, false);
        assert.match(status.ready ? '' : `${status.reason}. ${status.fix}`, c.expect);
      }
    });
  }

  test('control characters in docker output do not reach the message', async () => {
    const status = await dockerStatus(machineWithDocker({ found: true, exitCode: 1, stdout: '', stderr: 'error \u001b[31mred\u001b[0m during connect' }));
    assert.equal(status.ready, false);
    assert.ok(!status.ready && !status.reason.includes('\u001b'), status.ready ? '' : status.reason);
  });
});

describe('planDockerLogin', () => {
  test('ACR with an Entra sign-in: the refresh token goes through the environment to --password-stdin, login server in lower case (F25)', () => {
    const token = 'eyJ-refresh-token-value';
    const plan = planDockerLogin({ host: 'MyRegistry.azurecr.io', acr: true }, READY, { username: REFRESH_USER, password: new Secret(token) });
    assert.equal(plan.kind, 'terminal');
    if (plan.kind !== 'terminal') return;
    assert.equal(plan.loginServer, 'myregistry.azurecr.io');
    assert.equal(plan.command, `printf '%s' "$${LOGIN_PASSWORD_VARIABLE}" | docker login myregistry.azurecr.io --username ${REFRESH_USER} --password-stdin`);
    assert.deepEqual(plan.env, { [LOGIN_PASSWORD_VARIABLE]: token });
    assert.ok(!plan.command.includes(token) && !plan.note.includes(token));
    assert.match(plan.note, /refresh token .* about 3 hours/);
  });

  test('other registries keep the host as given (a port, upper case is theirs to judge)', () => {
    const plan = planDockerLogin({ host: 'Harbor.example:8443', acr: false }, READY, { username: 'robot$ci', password: new Secret('pw') });
    assert.equal(plan.kind === 'terminal' && plan.loginServer, 'Harbor.example:8443');
    // Harbor robot accounts hold a $: quoted so the shell takes it literally.
    assert.match(plan.kind === 'terminal' ? plan.command : '', / --username 'robot\$ci' --password-stdin$/);
    const quote = planDockerLogin({ host: 'h.example', acr: false }, READY, { username: "o'brien", password: new Secret('pw') });
    assert.match(quote.kind === 'terminal' ? quote.command : '', / --username 'o'\\''brien' /);
  });

  test('no credential held: a plain docker login that asks', () => {
    const plan = planDockerLogin({ host: '127.0.0.1:5000', acr: false }, READY, undefined);
    assert.deepEqual(plan.kind === 'terminal' && [plan.command, plan.env], ['docker login 127.0.0.1:5000', {}]);
  });

  test('no daemon: says why and offers the token, with the username to use', () => {
    const plan = planDockerLogin({ host: 'prod.azurecr.io', acr: true }, { ready: false, reason: 'the docker command is not installed here (or not on PATH)', fix: 'Install Docker.' }, { username: REFRESH_USER, password: new Secret('tok') });
    assert.equal(plan.kind, 'unavailable');
    if (plan.kind !== 'unavailable') return;
    assert.equal(plan.secretLabel, 'Copy Token');
    assert.match(plan.message, /^docker login cannot run: the docker command is not installed/);
    assert.match(plan.message, new RegExp(`username ${REFRESH_USER}`));
    assert.ok(!plan.message.includes('tok '));
  });

  test('no daemon and no credential: nothing to copy', () => {
    const plan = planDockerLogin({ host: 'ghcr.io', acr: false }, { ready: false, reason: 'x', fix: 'y' }, undefined);
    assert.deepEqual(plan.kind === 'unavailable' && [plan.secretLabel, plan.username], [undefined, undefined]);
  });

  test('a host or username that would break out of the command is refused', () => {
    assert.throws(() => planDockerLogin({ host: 'evil;rm -rf ~', acr: false }, READY, undefined), /cannot be passed to a terminal/);
    assert.throws(() => planDockerLogin({ host: 'ok.example', acr: false }, READY, { username: 'a\nrm -rf ~', password: new Secret('p') }), /control characters/);
  });
});
