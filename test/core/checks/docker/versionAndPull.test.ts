import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dockerPull, PULL_TEST_IMAGE } from '../../../../src/core/checks/docker/pull';
import { dockerVersion } from '../../../../src/core/checks/docker/version';
import type { CheckResult } from '../../../../src/core/checks/types';
import { contextFor, presentMachine } from '../support/presentedMachine';
import { healthyDocker } from '../support/dockerMachines';

const signal = new AbortController().signal;

function daemonResult(serverVersion: string): CheckResult {
  return { id: 'docker.daemon', title: 'daemon', area: 'docker', faq: [], status: 'pass', summary: '', evidence: { serverVersion }, durationMs: 1 };
}

describe('docker.version', () => {
  test('Docker 17.12 fails with DOCKER_VERSION_ERROR (no TLS 1.2, FAQ F13), read from docker.daemon without running docker again', async () => {
    const system = presentMachine({ programs: { docker: healthyDocker('17.12.1-ce') } });
    const outcome = await dockerVersion.run(contextFor({ system, results: [daemonResult('17.12.1-ce')] }), signal);
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(dockerVersion.meta.azTitles, ['DOCKER_VERSION_ERROR']);
    assert.match(outcome.summary, /17\.12\.1-ce is older than 18\.03.*TLS 1\.2/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link'));
    assert.equal(system.calls.length, 0);
  });

  test('run on its own it asks docker for the server version', async () => {
    const system = presentMachine({ programs: { docker: healthyDocker('18.03.0-ce') } });
    const outcome = await dockerVersion.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.deepEqual(system.calls, [{ program: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }]);
  });

  test('healthy machine: Docker 27 passes; 9.x-style numbers compare numerically', async () => {
    assert.equal((await dockerVersion.run(contextFor({ results: [daemonResult('27.3.1')] }), signal)).status, 'pass');
    assert.equal((await dockerVersion.run(contextFor({ results: [daemonResult('18.2.0')] }), signal)).status, 'fail');
  });
});

describe('docker.pull', () => {
  test('is opt-in and depends on the daemon', () => {
    assert.deepEqual(dockerPull.meta.needs, ['opt-in']);
    assert.deepEqual(dockerPull.meta.dependsOn, ['docker.daemon']);
    assert.deepEqual(dockerPull.meta.azTitles, ['DOCKER_PULL_ERROR']);
  });

  test("healthy machine: exit 0 passes although docker printed hints on stderr (az's macOS bug)", async () => {
    const system = presentMachine({ programs: { docker: healthyDocker() } });
    const outcome = await dockerPull.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.deepEqual(system.calls, [{ program: 'docker', args: ['pull', PULL_TEST_IMAGE] }]);
  });

  test('a pull that times out fails with the proxy/restart advice', async () => {
    const docker = () => ({ exitCode: 1, stderr: 'Error response from daemon: Get "https://mcr.microsoft.com/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)\n' });
    const outcome = await dockerPull.run(contextFor({ system: presentMachine({ programs: { docker } }) }), signal);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.evidence?.timedOut, true);
    assert.match(outcome.summary, /timed out/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === `docker pull ${PULL_TEST_IMAGE}`));
  });

  test('a Windows-containers daemon is a warning, not a failure', async () => {
    const docker = () => ({ exitCode: 1, stderr: 'image operating system "linux" cannot be used on this platform\n' });
    assert.equal((await dockerPull.run(contextFor({ system: presentMachine({ programs: { docker } }) }), signal)).status, 'warn');
  });
});
