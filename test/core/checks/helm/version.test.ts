import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { helmVersion } from '../../../../src/core/checks/helm/version';
import { contextFor, presentMachine } from '../support/presentedMachine';

const signal = new AbortController().signal;
const helm = (stdout: string) => presentMachine({ programs: { helm: (args) => (args.join(' ') === 'version --client' ? { stdout } : undefined) } });

describe('helm.version', () => {
  test('Helm 2.10 fails (HELM_VERSION_ERROR, < 2.11.0)', async () => {
    const outcome = await helmVersion.run(contextFor({ system: helm('Client: &version.Version{SemVer:"v2.10.0", GitCommit:"9ad53aac", GitTreeState:"clean"}\n') }), signal);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.evidence?.version, '2.10.0');
    assert.equal(helmVersion.meta.azTitles?.[0], 'HELM_VERSION_ERROR');
  });

  test('Helm 2.16 warns: no OCI support for ACR charts', async () => {
    const outcome = await helmVersion.run(contextFor({ system: helm('Client: &version.Version{SemVer:"v2.16.1", GitCommit:"bbdfe5e7", GitTreeState:"clean"}\n') }), signal);
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /oci:\/\/contoso\.azurecr\.io\/helm/);
  });

  test('healthy machine: Helm 3.14 passes; no helm is a skip with the reason', async () => {
    const outcome = await helmVersion.run(contextFor({ system: helm('version.BuildInfo{Version:"v3.14.0", GitCommit:"3fc9f4b", GitTreeState:"clean", GoVersion:"go1.21.5"}\n') }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.version, '3.14.0');
    const none = await helmVersion.run(contextFor({ system: presentMachine() }), signal);
    assert.equal(none.status, 'skip');
    assert.match(none.summary, /not installed/);
  });
});
