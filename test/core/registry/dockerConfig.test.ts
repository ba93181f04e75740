import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  DOCKER_HUB_SERVER_ADDRESS,
  DockerConfigError,
  dockerConfigPath,
  findDockerCredentials,
  type DockerConfigFile,
} from '../../../src/core/registry/auth/dockerConfig';
import { ACR_REFRESH_TOKEN_USERNAME, type RegistryCredential } from '../../../src/core/registry/auth/credentials';

/** The credential with its secrets revealed, so deepEqual compares the values (a Secret's value is private, invisible to deepEqual). */
function revealed(credential: RegistryCredential | undefined): unknown {
  if (credential?.kind === 'basic') return { ...credential, password: credential.password.reveal() };
  if (credential?.kind === 'refresh-token') return { ...credential, refreshToken: credential.refreshToken.reveal() };
  return credential;
}

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-dockercfg-'));
  temps.push(dir);
  return dir;
}

/** A DOCKER_CONFIG folder holding `config`, and a bin folder on PATH for fake helpers. */
function setup(config: DockerConfigFile | string): { env: NodeJS.ProcessEnv; bin: string; configDir: string } {
  const configDir = tempDir();
  writeFileSync(join(configDir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const bin = tempDir();
  return { env: { DOCKER_CONFIG: configDir, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }, bin, configDir };
}

/**
 * Writes a real executable docker-credential-NAME that answers `get` from a
 * table (server → JSON), prints docker's not-found message otherwise, and
 * records the server it was asked for.
 */
function writeHelper(bin: string, name: string, answers: Record<string, { Username: string; Secret: string }>): string {
  const log = join(bin, `${name}.asked`);
  const cases = Object.entries(answers)
    .map(([server, creds]) => `  '${server}') echo '${JSON.stringify({ ...creds, ServerURL: server })}' ;;`)
    .join('\n');
  const script = `#!/bin/sh
[ "$1" = get ] || { echo "unexpected action $1"; exit 1; }
read -r server
printf '%s' "$server" > '${log}'
case "$server" in
${cases}
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;
  const path = join(bin, `docker-credential-${name}`);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return log;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const home = '/nonexistent-home';

describe('dockerConfigPath', () => {
  test('uses $DOCKER_CONFIG, else ~/.docker', () => {
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/cfg' }, '/home/u'), join('/cfg', 'config.json'));
    assert.equal(dockerConfigPath({}, '/home/u'), join('/home/u', '.docker', 'config.json'));
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '' }, '/home/u'), join('/home/u', '.docker', 'config.json'));
  });
});

describe('findDockerCredentials: auths', () => {
  test('decodes auth (user:password, password may contain colons)', async () => {
    const { env } = setup({ auths: { '127.0.0.1:5000': { auth: b64('alice:pa:ss') } } });
    const found = await findDockerCredentials('127.0.0.1:5000', { env, homeDir: home });
    assert.equal(found.source, 'auths');
    assert.deepEqual(revealed(found.credential), { kind: 'basic', username: 'alice', password: 'pa:ss' });
    assert.equal(found.username, 'alice');
    assert.deepEqual(found.hints, []);
  });

  test('identitytoken becomes an ACR refresh-token credential', async () => {
    const { env } = setup({ auths: { 'myreg.azurecr.io': { auth: b64(`${ACR_REFRESH_TOKEN_USERNAME}:`), identitytoken: 'refresh-xyz' } } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.deepEqual(revealed(found.credential), { kind: 'refresh-token', refreshToken: 'refresh-xyz' });
  });

  test('the 0000… username of `docker login` with a refresh token also means a refresh token', async () => {
    const { env } = setup({ auths: { 'myreg.azurecr.io': { auth: b64(`${ACR_REFRESH_TOKEN_USERNAME}:refresh-abc`) } } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.deepEqual(revealed(found.credential), { kind: 'refresh-token', refreshToken: 'refresh-abc' });
  });

  test('legacy https://host/v1/ keys match, as in docker; Docker Hub uses the index address', async () => {
    const { env } = setup({
      auths: { 'https://other.example:5000/v1/': { auth: b64('bob:pw') }, [DOCKER_HUB_SERVER_ADDRESS]: { auth: b64('hubuser:hubpw') } },
    });
    const other = await findDockerCredentials('other.example:5000', { env, homeDir: home });
    assert.equal(other.matchedKey, 'https://other.example:5000/v1/');
    assert.deepEqual(revealed(other.credential), { kind: 'basic', username: 'bob', password: 'pw' });
    for (const hub of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
      const found = await findDockerCredentials(hub, { env, homeDir: home });
      assert.deepEqual(revealed(found.credential), { kind: 'basic', username: 'hubuser', password: 'hubpw' }, hub);
    }
  });

  test('a key differing only in case does not match, and yields the docker.config-lowercase hint (F25)', async () => {
    const { env } = setup({ auths: { 'MyReg.azurecr.io': { auth: b64('u:secret-pw') } } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.equal(found.credential, undefined);
    assert.equal(found.source, 'none');
    assert.equal(found.hints.length, 1);
    assert.equal(found.hints[0].check, 'docker.config-lowercase');
    assert.equal(found.hints[0].faq, 'F25');
    assert.match(found.hints[0].message, /MyReg\.azurecr\.io/);
    assert.match(found.hints[0].message, /az acr login -n myreg/);
    assert.ok(!found.hints[0].message.includes('secret-pw'));
  });

  test('no config file: nothing, no error', async () => {
    const found = await findDockerCredentials('127.0.0.1:5000', { env: { DOCKER_CONFIG: join(tempDir(), 'missing') }, homeDir: home });
    assert.equal(found.configFound, false);
    assert.equal(found.credential, undefined);
  });

  test('invalid JSON is a typed error that names the file and the next step', async () => {
    const { env, configDir } = setup('{ "auths": ');
    await assert.rejects(findDockerCredentials('x.example', { env, homeDir: home }), (error: unknown) => {
      assert.ok(error instanceof DockerConfigError);
      assert.equal(error.code, 'DOCKER_CONFIG_INVALID');
      assert.ok(error.message.includes(configDir));
      assert.match(error.toUserMessage(), /Fix or remove the file/);
      return true;
    });
  });
});

describe('findDockerCredentials: credential helpers (real executables on PATH)', () => {
  test('credHelpers[host] wins over credsStore and auths; the server address goes on stdin', async () => {
    const { env, bin } = setup({
      credHelpers: { 'myreg.azurecr.io': 'fakeacr' },
      credsStore: 'fakestore',
      auths: { 'myreg.azurecr.io': { auth: b64('file:filepw') } },
    });
    const asked = writeHelper(bin, 'fakeacr', { 'myreg.azurecr.io': { Username: 'helper-user', Secret: 'helper-secret' } });
    writeHelper(bin, 'fakestore', { 'myreg.azurecr.io': { Username: 'store-user', Secret: 'store-secret' } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.equal(found.source, 'credHelpers');
    assert.equal(found.helper, 'fakeacr');
    assert.deepEqual(revealed(found.credential), { kind: 'basic', username: 'helper-user', password: 'helper-secret' });
    assert.equal(readFileSync(asked, 'utf8'), 'myreg.azurecr.io');
  });

  test('credsStore is used when no credHelpers entry applies; <token> means an identity token', async () => {
    const { env, bin } = setup({ credsStore: 'fakestore', credHelpers: { 'other.azurecr.io': 'fakeacr' } });
    writeHelper(bin, 'fakestore', { 'myreg.azurecr.io': { Username: '<token>', Secret: 'refresh-from-store' } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.equal(found.source, 'credsStore');
    assert.deepEqual(revealed(found.credential), { kind: 'refresh-token', refreshToken: 'refresh-from-store' });
    assert.equal(found.username, undefined);
  });

  test('"credentials not found in native keychain" means no credentials, as in docker (auths is not consulted)', async () => {
    const { env, bin } = setup({ credsStore: 'fakestore', auths: { 'myreg.azurecr.io': {} } });
    writeHelper(bin, 'fakestore', {});
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.equal(found.source, 'none');
    assert.equal(found.helper, 'fakestore');
    assert.equal(found.credential, undefined);
  });

  test('a mixed-case credHelpers key is ignored and reported', async () => {
    const { env, bin } = setup({ credHelpers: { 'MYREG.azurecr.io': 'fakeacr' } });
    writeHelper(bin, 'fakeacr', { 'myreg.azurecr.io': { Username: 'u', Secret: 's' } });
    const found = await findDockerCredentials('myreg.azurecr.io', { env, homeDir: home });
    assert.equal(found.credential, undefined);
    assert.deepEqual(
      found.hints.map((h) => h.check),
      ['docker.config-lowercase'],
    );
    assert.match(found.hints[0].message, /credHelpers/);
  });

  test('a missing helper is a typed error with the next step', async () => {
    const { env } = setup({ credsStore: 'doesnotexist' });
    await assert.rejects(findDockerCredentials('myreg.azurecr.io', { env, homeDir: home }), (error: unknown) => {
      assert.ok(error instanceof DockerConfigError);
      assert.equal(error.code, 'DOCKER_CREDENTIAL_HELPER_MISSING');
      assert.match(error.message, /docker-credential-doesnotexist is not on PATH/);
      assert.match(error.toUserMessage(), /Install docker-credential-doesnotexist|remove "doesnotexist"/);
      return true;
    });
  });

  test('a failing helper is a typed error that does not echo a secret', async () => {
    const { env, bin } = setup({ credsStore: 'broken' });
    const path = join(bin, 'docker-credential-broken');
    writeFileSync(path, '#!/bin/sh\necho \'keychain locked; password=hunter2\'\nexit 3\n');
    chmodSync(path, 0o755);
    await assert.rejects(findDockerCredentials('myreg.azurecr.io', { env, homeDir: home }), (error: unknown) => {
      assert.ok(error instanceof DockerConfigError);
      assert.equal(error.code, 'DOCKER_CREDENTIAL_HELPER_FAILED');
      assert.match(error.message, /exit 3/);
      assert.ok(!error.toUserMessage().includes('hunter2'));
      return true;
    });
  });

  test('a helper that hangs is stopped by the timeout', async () => {
    const { env, bin } = setup({ credsStore: 'slow' });
    const path = join(bin, 'docker-credential-slow');
    writeFileSync(path, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(path, 0o755);
    await assert.rejects(findDockerCredentials('myreg.azurecr.io', { env, homeDir: home, helperTimeoutMs: 200 }), (error: unknown) => {
      assert.ok(error instanceof DockerConfigError);
      assert.equal(error.code, 'DOCKER_CREDENTIAL_HELPER_TIMEOUT');
      return true;
    });
  });

  test('a helper name with a path in it is refused, not run', async () => {
    const { env } = setup({ credsStore: '../../bin/sh' });
    await assert.rejects(findDockerCredentials('myreg.azurecr.io', { env, homeDir: home }), { code: 'DOCKER_CREDENTIAL_HELPER_INVALID' });
  });
});
