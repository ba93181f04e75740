import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dockerSignatureVerification } from '../../../../src/core/checks/docker/signature-verification';
import { dockerSocketInContainer } from '../../../../src/core/checks/docker/socket-in-container';
import { contextFor, presentMachine } from '../support/presentedMachine';

const signal = new AbortController().signal;
const RHEL = 'NAME="Red Hat Enterprise Linux"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="7.9"\n';

describe('docker.signature-verification', () => {
  test('RHEL without --signature-verification=false fails with ACR501 as a file edit (FAQ F24)', async () => {
    const system = presentMachine({ files: { '/etc/os-release': RHEL, '/etc/sysconfig/docker': "# /etc/sysconfig/docker\nOPTIONS='--selinux-enabled --log-driver=journald'\n" } });
    const outcome = await dockerSignatureVerification.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.evidence?.distribution, 'rhel fedora');
    const edit = outcome.fixes?.find((f) => f.kind === 'file-edit');
    assert.deepEqual(edit, { kind: 'file-edit', title: 'Add --signature-verification=false to OPTIONS', file: '/etc/sysconfig/docker', line: 2, ruleCode: 'ACR501' });
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'sudo systemctl restart docker'));
  });

  test('healthy machines: the flag set, or no sysconfig file at all, pass; Windows skips', async () => {
    const set = presentMachine({ files: { '/etc/os-release': RHEL, '/etc/sysconfig/docker': "OPTIONS='--selinux-enabled --signature-verification=false'\n" } });
    assert.equal((await dockerSignatureVerification.run(contextFor({ system: set }), signal)).status, 'pass');
    assert.equal((await dockerSignatureVerification.run(contextFor({ system: presentMachine() }), signal)).status, 'pass');
    assert.equal((await dockerSignatureVerification.run(contextFor({ system: presentMachine({ platform: 'win32' }) }), signal)).status, 'skip');
  });
});

describe('docker.socket-in-container', () => {
  test('a container (/.dockerenv) without /var/run/docker.sock fails (FAQ F12) with the mount to add', async () => {
    const system = presentMachine({ files: { '/.dockerenv': '' } });
    const outcome = await dockerSocketInContainer.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.evidence?.socketPresent, false);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command.startsWith('docker run -v /var/run/docker.sock:/var/run/docker.sock')));
  });

  test('a container found through cgroup, with the socket, passes; DOCKER_HOST tcp passes', async () => {
    const system = presentMachine({ files: { '/proc/1/cgroup': '12:pids:/kubepods/besteffort/pod1234\n', '/var/run/docker.sock': '' } });
    const outcome = await dockerSocketInContainer.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.match(String(outcome.evidence?.why), /kubepods/);
    const remote = presentMachine({ files: { '/.dockerenv': '' }, env: { DOCKER_HOST: 'tcp://docker:2376' } });
    assert.equal((await dockerSocketInContainer.run(contextFor({ system: remote }), signal)).status, 'pass');
  });

  test('healthy machine: not in a container passes', async () => {
    const outcome = await dockerSocketInContainer.run(contextFor({ system: presentMachine({ files: { '/proc/1/cgroup': '0::/init.scope\n' } }) }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.container, false);
  });
});
