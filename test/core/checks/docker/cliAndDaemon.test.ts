import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dockerCli } from '../../../../src/core/checks/docker/cli';
import { dockerDaemon } from '../../../../src/core/checks/docker/daemon';
import { contextFor, presentMachine } from '../support/presentedMachine';
import { dockerDaemonDown, healthyDocker } from '../support/dockerMachines';

const signal = new AbortController().signal;

describe('docker.cli', () => {
  test('no docker on PATH warns with DOCKER_COMMAND_ERROR and says how to go on; the daemon check then skips', async () => {
    const system = presentMachine({ env: { PATH: '/usr/bin' } });
    const outcome = await dockerCli.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'warn');
    assert.equal((await dockerDaemon.run(contextFor({ system }), signal)).status, 'skip');
    assert.deepEqual(dockerCli.meta.azTitles, ['DOCKER_COMMAND_ERROR']);
    assert.match(outcome.summary, /No docker command on PATH/);
    assert.equal(outcome.evidence?.docker, 'not found');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /docker\.com/.test(f.url)));
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr login -n contoso --expose-token --query accessToken -o tsv'));
    const plain = await dockerCli.run(contextFor({ system, target: { registry: '127.0.0.1:5000' } }), signal);
    assert.ok(plain.fixes?.some((f) => f.kind === 'command' && f.command === 'podman login 127.0.0.1:5000'), 'no az command for a registry that is not an ACR');
  });

  test('podman instead of docker is named, with a podman login', async () => {
    const outcome = await dockerCli.run(contextFor({ system: presentMachine({ programs: { podman: { stdout: 'podman version 4.9.3\n' } } }) }), signal);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /podman is installed \(podman version 4\.9\.3\)/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && / \| podman login contoso\.azurecr\.io -u 0{8}-/.test(f.command)));
  });

  test('healthy machine: the client version is the evidence', async () => {
    const outcome = await dockerCli.run(contextFor({ system: presentMachine({ programs: { docker: healthyDocker() } }) }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.client, 'Docker version 27.3.1, build ce12230');
  });
});

describe('docker.daemon', () => {
  test('daemon down fails with DOCKER_DAEMON_ERROR, the error docker printed and a start command', async () => {
    const outcome = await dockerDaemon.run(contextFor({ system: presentMachine({ programs: { docker: dockerDaemonDown() } }) }), signal);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(dockerDaemon.meta.azTitles, ['DOCKER_DAEMON_ERROR']);
    assert.deepEqual(dockerDaemon.meta.dependsOn, ['docker.cli']);
    assert.match(outcome.summary, /Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'sudo systemctl start docker'));
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /--expose-token/.test(f.command)));
  });

  test('on macOS the fix is Docker Desktop, not systemctl', async () => {
    const outcome = await dockerDaemon.run(contextFor({ system: presentMachine({ platform: 'darwin', programs: { docker: dockerDaemonDown() } }) }), signal);
    assert.equal(outcome.status, 'fail');
    assert.ok(!outcome.fixes?.some((f) => f.kind === 'command' && /systemctl/.test(f.command)));
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /desktop/.test(f.url)));
  });

  test('permission denied on the socket says docker group', async () => {
    const docker = () => ({ exitCode: 1, stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/info": dial unix /var/run/docker.sock: connect: permission denied\n' });
    const outcome = await dockerDaemon.run(contextFor({ system: presentMachine({ programs: { docker } }) }), signal);
    assert.equal(outcome.status, 'fail');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /usermod -aG docker/.test(f.command)));
  });

  test('a hung daemon is reported as not answering', async () => {
    const outcome = await dockerDaemon.run(contextFor({ system: presentMachine({ programs: { docker: { found: true, exitCode: null, timedOut: true } } }) }), signal);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /did not answer/);
  });

  test('healthy machine: server version and daemon proxy in evidence, proxy credentials redacted', async () => {
    const system = presentMachine({ env: { HTTPS_PROXY: 'http://alice:s3cret-proxy-pw@proxy.corp:3128' }, programs: { docker: healthyDocker('27.3.1', { HttpsProxy: 'http://alice:s3cret-proxy-pw@proxy.corp:3128' }) } });
    const outcome = await dockerDaemon.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.serverVersion, '27.3.1');
    assert.match(String(outcome.evidence?.daemonProxy), /proxy\.corp:3128/);
    assert.doesNotMatch(JSON.stringify(outcome), /s3cret-proxy-pw/);
  });

  test('a shell proxy the daemon does not use is a warning (az passes, docker pull times out)', async () => {
    const system = presentMachine({ env: { https_proxy: 'http://proxy.corp:3128', NO_PROXY: 'localhost' }, programs: { docker: healthyDocker() } });
    const outcome = await dockerDaemon.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /without a proxy while this shell uses http:\/\/proxy\.corp:3128/);
    assert.deepEqual(outcome.evidence?.shellProxy, { https_proxy: 'http://proxy.corp:3128', NO_PROXY: 'localhost' });
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /daemon\/proxy/.test(f.url)));
  });
});
