import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../support/cliHarness';

const DOCKERFILE = 'FROM docker.io/MyOrg/App:latest\nFROM mcr.microsoft.com/dotnet/runtime:8.0\n';
const DOCKERIGNORE = '!\nnode_modules\n';
const ARM = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'myregistry01', location: 'westeurope', sku: { name: 'Basic' }, properties: { adminUserEnabled: true } }],
}, null, 2);

let root: string;

/** The CLI as shipped: main (cli.js) and the command bundles it loads, built into `dir`. */
async function buildCli(dir: string): Promise<void> {
  const { buildOptions } = await import('../../../esbuild.config.mjs');
  const options = buildOptions();
  for (const name of ['cli', 'cliExplain', 'cliCommands', 'cliAzure'] as const) await build({ ...options[name], outfile: join(dir, `${name}.js`) });
}

function write(rel: string, content: string | Buffer): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'acr-doctor-lint-'));
  chmodSync(root, 0o755);
  write('app/Dockerfile', DOCKERFILE);
  write('app/.dockerignore', DOCKERIGNORE);
  write('infra/azuredeploy.json', ARM);
  write('infra/package.json', '{"name":"not-a-template"}');
  write('README.md', '# not linted');
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('acr-doctor lint', () => {
  test('finds files by name and content in folders and reports text with exit 1 on errors', async () => {
    const run = await runCli(['lint'], { cwd: root });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^app\/Dockerfile:1:16 {2}error .*ACR101/m);
    assert.match(run.stdout, /^app\/\.dockerignore:1:1 {2}error .*ACR201/m);
    assert.match(run.stdout, /^infra\/azuredeploy\.json:\d+:\d+ {2}warning .*ACR4\d\d/m);
    assert.doesNotMatch(run.stdout, /package\.json|README/);
  });

  test('JSON output lists findings with 0-based LSP ranges and fixes', async () => {
    const run = await runCli(['lint', 'app/Dockerfile', '--format', 'json'], { cwd: root });
    const json = JSON.parse(run.stdout);
    const upper = json.findings.find((f: { code: string }) => f.code === 'ACR101');
    assert.deepEqual(upper.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 24 } });
    assert.equal(upper.file, 'app/Dockerfile');
    assert.equal(upper.fixes[0].edits[0].newText, 'myorg/app');
    assert.match(upper.docs, /#acr101$/);
    assert.equal(run.code, 1);
  });

  test('SARIF output names every rule and the findings', async () => {
    const run = await runCli(['lint', '--format', 'sarif'], { cwd: root });
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    const ids = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(ids.includes('ACR101') && ids.includes('ACR201'));
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'ACR101'));
  });

  test('nothing is modified without --fix; --fix applies safe fixes only and keeps the rest', async () => {
    const file = write('fixme/Dockerfile', DOCKERFILE);
    await runCli(['lint', 'fixme'], { cwd: root });
    assert.equal(readFileSync(file, 'utf8'), DOCKERFILE);
    const run = await runCli(['lint', 'fixme', '--fix', '--format', 'json'], { cwd: root });
    const fixed = readFileSync(file, 'utf8');
    assert.equal(fixed.split('\n')[0], 'FROM docker.io/myorg/app:latest', 'repository lowercased, tag kept');
    const json = JSON.parse(run.stdout);
    assert.ok(json.fixed[0].fixes.some((f: { code: string }) => f.code === 'ACR101'));
    assert.ok(!json.findings.some((f: { code: string }) => f.code === 'ACR101'));
    assert.ok(json.findings.some((f: { code: string }) => f.code === 'ACR107'), 'latest remains: it has no safe fix');
  });

  test('--rule and --allowed-registry change the outcome; bad options are usage errors (exit 2)', async () => {
    const quiet = await runCli(['lint', 'app/Dockerfile', '--rule', 'ACR101=off', '--rule', 'ACR103=off', '--format', 'json'], { cwd: root });
    assert.ok(!JSON.parse(quiet.stdout).findings.some((f: { code: string }) => f.code === 'ACR101'));
    const allowed = await runCli(['lint', 'app/Dockerfile', '--allowed-registry', '*.azurecr.io', '--format', 'json'], { cwd: root });
    assert.ok(JSON.parse(allowed.stdout).findings.some((f: { code: string }) => f.code === 'ACR108'));
    assert.equal((await runCli(['lint', '--format', 'xml'], { cwd: root })).code, 2);
    const unknown = await runCli(['lint', '--rule', 'ACR999=off'], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown rule 'ACR999'/);
  });

  test('a clean file exits 0', async () => {
    write('clean/Dockerfile', 'FROM myregistry.azurecr.io/base/app:1.2.3\n');
    const run = await runCli(['lint', 'clean'], { cwd: root });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /No problems found/);
  });
});

describe('acr-doctor lint on bad input: a clear message per file, the run goes on, nothing crashes', () => {
  let bad: string;
  before(() => {
    bad = join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02])); // binary
    writeFileSync(join(bad, 'big.Dockerfile'), Buffer.alloc(10 * 1024 * 1024, 'A')); // 10 MB
    writeFileSync(join(bad, 'latin1.Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xe9, 0xff, 0x0a])); // invalid UTF-8
    writeFileSync(join(bad, 'daemon.json'), '['.repeat(200_000)); // deeply nested JSON
    writeFileSync(join(bad, 'nested.json'), `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":${'['.repeat(100_000)}`);
    symlinkSync(bad, join(bad, 'loop')); // a directory loop
    writeFileSync(join(bad, 'ok.Dockerfile'), 'FROM docker.io/MyOrg/App:1\n');
  });

  test('binary, 10 MB, invalid UTF-8, deep JSON and a symlink loop', async () => {
    const run = await runCli(['lint', 'bad', '--format', 'json'], { cwd: root });
    const json = JSON.parse(run.stdout);
    const notice = (file: string) => json.notices.find((n: { file: string }) => n.file === file)?.message ?? '';
    assert.match(notice('bad/Dockerfile'), /binary/);
    assert.match(notice('bad/big.Dockerfile'), /10\.0 MB is larger than/);
    assert.match(notice('bad/latin1.Dockerfile'), /not valid UTF-8/);
    assert.ok(json.findings.some((f: { file: string; code: string }) => f.file === 'bad/ok.Dockerfile' && f.code === 'ACR101'), 'the good file is still linted');
    assert.ok(json.findings.some((f: { file: string }) => f.file === 'bad/daemon.json'), 'deep JSON gives a parse finding');
    assert.ok(!json.findings.some((f: { file: string }) => f.file.includes('loop/')), 'the loop is not walked twice');
    assert.equal(run.code, 1);
  });

  test('a missing path and an unreadable file are I/O errors (exit 2) and the other files are still linted', async () => {
    const secret = write('locked/Dockerfile', 'FROM MyOrg/App:1\n');
    chmodSync(secret, 0o000);
    write('locked/ok.Dockerfile', 'FROM MyOrg/App:1\n');
    // We run as root in CI, which reads anything: run the CLI as 'nobody' so the permission bit bites.
    // The bundle, built into the temp folder: 'nobody' can read that, not our node_modules' binaries.
    const cli = join(root, 'cli.js');
    await buildCli(root);
    const child = spawnSync(process.execPath, [cli, 'lint', 'locked', 'no-such-dir', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      uid: process.getuid?.() === 0 ? 65534 : undefined,
      gid: process.getuid?.() === 0 ? 65534 : undefined,
      env: { PATH: process.env.PATH, HOME: '/tmp' },
      timeout: 60_000,
    });
    assert.equal(child.status, 2, child.stderr);
    const json = JSON.parse(child.stdout);
    const messages = json.notices.map((n: { file: string; message: string }) => `${n.file}: ${n.message}`).join('\n');
    assert.match(messages, /locked\/Dockerfile: cannot read: permission denied/);
    assert.match(messages, /no-such-dir: no such file or folder/);
    assert.ok(json.findings.some((f: { file: string }) => f.file === 'locked/ok.Dockerfile'));
  });
});

describe('the built CLI bundle', () => {
  test('lazily loaded Azure commands keep usage errors (exit 2) and typed errors across bundles', async () => {
    const out = join(root, 'dist');
    await buildCli(out);
    const run = (args: string[]) => spawnSync(process.execPath, [join(out, 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, HOME: root } });
    const usage = run(['show']);
    assert.equal(usage.status, 2, usage.stderr);
    assert.match(usage.stderr, /^acr-doctor show: give the registry \(name or login server\)\. Run 'acr-doctor show --help' for the options\.\n$/);
    const help = run(['--help']);
    assert.match(help.stdout, /registries {2,}List the container registries/);
    assert.equal(run(['registries', '--cloud', 'Mars']).status, 2);
  });
});
