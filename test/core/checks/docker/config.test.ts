import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dockerConfigLowercase } from '../../../../src/core/checks/docker/config-lowercase';
import { dockerCredsStore, WINCRED_BLOB_LIMIT_BYTES } from '../../../../src/core/checks/docker/creds-store';
import { contextFor, presentMachine } from '../support/presentedMachine';

const signal = new AbortController().signal;
const CONFIG = '/home/dev/.docker/config.json';
const secretLike = (bytes: number) => `eyJhbGciOiJSUzI1NiJ9.${'Q'.repeat(bytes - 40)}.canary-signature-x`;

describe('docker.config-lowercase', () => {
  test('a mixed-case auth key only: fails, names the key, offers logout + az acr login (FAQ F25)', async () => {
    const system = presentMachine({ files: { [CONFIG]: JSON.stringify({ auths: { 'Contoso.azurecr.io': { auth: Buffer.from('user:canary-password-1').toString('base64') } } }) } });
    const outcome = await dockerConfigLowercase.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /only as Contoso\.azurecr\.io/);
    assert.deepEqual(outcome.evidence?.mixedCaseKeys, ['auths: Contoso.azurecr.io']);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'docker logout Contoso.azurecr.io'));
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr login -n contoso'));
    assert.doesNotMatch(JSON.stringify(outcome), /canary-password-1/);
  });

  test('a mixed-case key beside the right one is a warning; a typed mixed-case registry too', async () => {
    const system = presentMachine({ files: { [CONFIG]: JSON.stringify({ auths: { 'contoso.azurecr.io': {}, 'Other.AzureCR.io': {} } }) } });
    assert.equal((await dockerConfigLowercase.run(contextFor({ system }), signal)).status, 'warn');
    const clean = presentMachine({ files: { [CONFIG]: JSON.stringify({ auths: { 'contoso.azurecr.io': {} } }) } });
    const typed = await dockerConfigLowercase.run(contextFor({ system: clean, target: { registry: 'Contoso.azurecr.io' } }), signal);
    assert.equal(typed.status, 'warn');
    assert.match(typed.summary, /use contoso\.azurecr\.io with docker/);
  });

  test('DOCKER_CONFIG is honoured; invalid JSON fails with a file edit', async () => {
    const system = presentMachine({ env: { DOCKER_CONFIG: '/work/cfg' }, files: { '/work/cfg/config.json': '{"auths": {' } });
    const outcome = await dockerConfigLowercase.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'file-edit' && f.file === '/work/cfg/config.json'));
  });

  test('healthy machine: lower-case keys pass', async () => {
    const system = presentMachine({ files: { [CONFIG]: JSON.stringify({ auths: { 'contoso.azurecr.io': {} }, credHelpers: { 'fabrikam.azurecr.io': 'acr-env' } }) } });
    const outcome = await dockerConfigLowercase.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.exactKeyPresent, true);
  });
});

describe('docker.creds-store', () => {
  const windowsConfig = 'C:\\Users\\dev\\.docker\\config.json';

  test('wincred with a 5 KB token fails, says the size and never the token', async () => {
    const token = secretLike(5 * 1024);
    const system = presentMachine({
      platform: 'win32',
      files: { [windowsConfig]: JSON.stringify({ credsStore: 'wincred', auths: { 'contoso.azurecr.io': { identitytoken: token } } }) },
      programs: { 'docker-credential-wincred': (args) => (args[0] === 'list' ? { stdout: '{"https://index.docker.io/v1/":"dev"}' } : undefined) },
    });
    const outcome = await dockerCredsStore.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.equal(outcome.evidence?.storedTokenBytes, 5 * 1024);
    assert.equal(outcome.evidence?.limitBytes, WINCRED_BLOB_LIMIT_BYTES);
    assert.match(outcome.summary, /5\.0 KB token/);
    assert.match(outcome.summary, /The stub received bad data/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /--expose-token/.test(f.command)));
    assert.doesNotMatch(JSON.stringify(outcome), /canary-signature-x|QQQQQQQQ/);
    assert.deepEqual(system.calls, [{ program: 'docker-credential-wincred', args: ['list'] }]);
  });

  test('Docker Desktop on Windows (desktop helper) is judged as wincred; a 3 KB token warns', async () => {
    const system = presentMachine({
      platform: 'win32',
      files: { [windowsConfig]: JSON.stringify({ credsStore: 'desktop', auths: { 'contoso.azurecr.io': { identitytoken: secretLike(3000) } } }) },
      programs: { 'docker-credential-desktop': { stdout: '{}' } },
    });
    assert.equal((await dockerCredsStore.run(contextFor({ system }), signal)).status, 'warn');
  });

  test('a helper named in credHelpers but missing from PATH fails', async () => {
    const system = presentMachine({ files: { [CONFIG]: JSON.stringify({ credHelpers: { 'contoso.azurecr.io': 'acr-env' } }) } });
    const outcome = await dockerCredsStore.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /docker-credential-acr-env is not on PATH/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'file-edit'));
  });

  test('a helper that errors (locked keychain) fails with the command to run it by hand', async () => {
    const system = presentMachine({ platform: 'darwin', homeDir: '/Users/dev', files: { '/Users/dev/.docker/config.json': JSON.stringify({ credsStore: 'osxkeychain' }) }, programs: { 'docker-credential-osxkeychain': { exitCode: 1, stderr: 'User interaction is not allowed.' } } });
    const outcome = await dockerCredsStore.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /User interaction is not allowed/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'docker-credential-osxkeychain list'));
  });

  test('healthy machine: a working helper that knows the registry passes', async () => {
    const system = presentMachine({ files: { [CONFIG]: JSON.stringify({ credsStore: 'pass' }) }, programs: { 'docker-credential-pass': { stdout: '{"contoso.azurecr.io":"00000000-0000-0000-0000-000000000000"}' } } });
    const outcome = await dockerCredsStore.run(contextFor({ system }), signal);
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.helperKnowsRegistry, true);
  });
});
