// Typed error codes (src/core/errorCodes.ts) and recognising errors by code across bundles.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSync } from 'esbuild';
import { withErrorCodes } from '../../scripts/gen-docs';
import { AzureAuthenticationError, AzureError } from '../../src/core/azure/errors';
import { ERROR_CODE_FAMILIES, type ErrorCode } from '../../src/core/errorCodes';
import { AcrDoctorError, CancelledError, isAbortError, isAcrDoctorError } from '../../src/core/errors';
import { DockerConfigError } from '../../src/core/registry/auth/dockerConfig';
import { AuthError, DigestMismatchError, ProtocolError, RegistryError } from '../../src/core/registry/errors';

test('error constructors take only the codes of their family', () => {
  // Checked by `npm run typecheck`: each line below must stay a type error.
  // @ts-expect-error not a code in any family
  assert.equal(new AcrDoctorError('MADE_UP', 'x').code, 'MADE_UP');
  // @ts-expect-error an Azure code is not a registry code
  assert.equal(new RegistryError('AZURE_NOT_FOUND', 'x').code, 'AZURE_NOT_FOUND');
  // @ts-expect-error a registry code is not an Azure code
  assert.equal(new AzureError('REGISTRY_NOT_FOUND', 'x').code, 'REGISTRY_NOT_FOUND');
  // @ts-expect-error a registry code is not a Docker config code
  assert.equal(new DockerConfigError('REGISTRY_AUTH', 'x').code, 'REGISTRY_AUTH');
  const ok: ErrorCode[] = [new RegistryError('REGISTRY_ADDRESS', 'x').code, new AcrDoctorError('REGISTRY_NO_CREDENTIALS', 'x').code];
  assert.deepEqual(ok, ['REGISTRY_ADDRESS', 'REGISTRY_NO_CREDENTIALS']);
});

test('every code is listed once, in one family, with what it means', () => {
  const all = ERROR_CODE_FAMILIES.flatMap(({ codes }) => Object.keys(codes));
  assert.equal(new Set(all).size, all.length, 'a code appears in two families');
  for (const { family, codes } of ERROR_CODE_FAMILIES) {
    for (const [code, meaning] of Object.entries(codes)) {
      assert.match(code, /^[A-Z][A-Z0-9_]+$/, `${family}: ${code}`);
      assert.ok(meaning.length > 10, `${code} says what it means`);
    }
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('every code thrown in src/ is in the list, and every listed code is thrown somewhere', () => {
  const listed = new Set(ERROR_CODE_FAMILIES.flatMap(({ codes }) => Object.keys(codes)));
  const text = sources('src').filter((file) => !file.endsWith('errorCodes.ts')).map((file) => readFileSync(file, 'utf8')).join('\n');
  // `new XError('CODE'`, `super('CODE'`, the fixed-code class factories, and the classes that take one of
  // several codes (`{ code: 'CODE' }` at the throw, `options.code ?? 'CODE'` as the default): only our families' prefixes there, since lint rules and node errors have `code:` fields too.
  const thrown = new Set([...text.matchAll(/(?:(?:new \w*Error|super|withCode|fixedCode)\(\s*|\bcode: (?='(?:REGISTRY|AZURE|DOCKER)_)|options\.code \?\? )'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
  assert.ok(thrown.size > 30, `expected to find the thrown codes, found ${thrown.size}`);
  assert.deepEqual([...thrown].filter((code) => !listed.has(code)), []);
  assert.deepEqual([...listed].filter((code) => !thrown.has(code)), [], 'listed but never used');
});

test("the README's error-code list is generated from the current list", () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withErrorCodes(readme), 'README.md error codes are stale; run: npm run docs');
  assert.match(readme, /\| `REGISTRY_NO_CREDENTIALS` \| Registry \|/);
});

test('an error from another bundle is recognised by code, where instanceof fails', () => {
  // A second copy of src/core/errors.ts, bundled as the CLI's and the extension's lazy bundles are.
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-errors-'));
  try {
    const outfile = join(dir, 'errors.js');
    buildSync({ entryPoints: ['src/core/errors.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
    writeFileSync(join(dir, 'package.json'), '{}');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(outfile) as typeof import('../../src/core/errors');
    const cancelled = new other.CancelledError();
    assert.equal(cancelled instanceof CancelledError, false, 'the copies are distinct classes');
    assert.equal(isAcrDoctorError(cancelled), true);
    assert.equal(isAbortError(cancelled), true);
    const failed = new other.AcrDoctorError('REGISTRY_NO_CREDENTIALS', 'No credentials.', { hint: 'Run az login.' });
    assert.equal(isAcrDoctorError(failed) && failed.code === 'REGISTRY_NO_CREDENTIALS', true);
    assert.equal(isAbortError(failed), false);
    assert.equal(isAcrDoctorError(new Error('plain')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the fixed-code error classes keep their name, code, hint and class', () => {
  const auth = new AuthError('Denied.', { hint: 'Log in.', status: 401 });
  assert.deepEqual([auth.name, auth.code, auth.status, auth.toUserMessage()], ['AuthError', 'REGISTRY_AUTH', 401, 'Denied. Log in.']);
  assert.ok(auth instanceof RegistryError && auth instanceof AcrDoctorError);
  const digest = new DigestMismatchError('Wrong digest.', { expected: 'sha256:a', actual: 'sha256:b' });
  assert.deepEqual([digest.name, digest.code, digest instanceof ProtocolError], ['DigestMismatchError', 'REGISTRY_PROTOCOL', true]);
  const signIn = new AzureAuthenticationError('Not signed in.', { hint: 'Sign in.', status: 401 });
  assert.deepEqual([signIn.name, signIn.code, signIn.status, signIn instanceof AzureError], ['AzureAuthenticationError', 'AZURE_SIGN_IN_REQUIRED', 401, true]);
});
