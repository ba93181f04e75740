// The built bundle as a user runs it: `node dist/cli.js`, a real child process
// with real stdin, against a real registry.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pushImage, startDockerRegistry, targetFor, type RunningRegistry } from '../fixtures/registry/index';
import { dockerConfigDir } from '../support/cliHarness';

const ROOT = join(__dirname, '..', '..');
let registry: RunningRegistry;
const config = dockerConfigDir();
const lintDir = mkdtempSync(join(tmpdir(), 'acr-doctor-bundle-lint-'));
// Enough findings that the report is many lines.
for (let i = 0; i < 50; i++) writeFileSync(join(lintDir, `${i}.Dockerfile`), 'FROM docker.io/MyOrg/App:1\n');

before(async () => {
  // Always rebuild (< 1 s): a stale bundle would test old code.
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(build.status, 0, `build failed: ${build.stderr}`);
  registry = await startDockerRegistry({ auth: 'htpasswd' });
  await pushImage(targetFor(registry), 'bundle/app', { tag: 'v1' });
});

after(async () => {
  await registry?.stop();
  config.cleanup();
  rmSync(lintDir, { recursive: true, force: true });
});

function runBundle(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: config.dir, DOCKER_CONFIG: config.dir },
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('node dist/cli.js tags with --password-stdin through a real pipe', async () => {
  const user = registry.users[0];
  const run = await runBundle(['tags', registry.host, 'bundle/app', '--format', 'json', '--username', user.username, '--password-stdin'], `${user.password}\n`);
  assert.equal(run.code, 0, run.stderr);
  const tags = (JSON.parse(run.stdout) as { tags: Array<{ name: string; digest: string }> }).tags;
  assert.equal(tags.length, 1);
  assert.equal(tags[0].name, 'v1');
  assert.match(tags[0].digest, /^sha256:[0-9a-f]{64}$/);
});

test('node dist/cli.js exit codes: 2 for usage, 1 for a refused login', async () => {
  const usage = await runBundle(['repos', `http://${registry.host}`], '');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, new RegExp(`type '${registry.host.replace(/\./g, '\\.')}'`));
  const refused = await runBundle(['repos', registry.host, '--username', 'nobody', '--password-stdin'], 'nope\n');
  assert.equal(refused.code, 1);
  assert.ok(!refused.stderr.includes('nope'));
});

test('each command loads only its own bundle: explain needs neither the registry commands nor Azure', () => {
  // A preload that lists, at exit, which of our bundles the process loaded.
  const preload = join(lintDir, 'list-bundles.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('loaded: ' + Object.keys(require.cache).filter((f) => f.includes('/dist/')).map((f) => f.split('/').pop()).sort().join(' ') + '\\n'));\n");
  const loaded = (args: string[], input = '') => {
    const run = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'dist', 'cli.js'), ...args], { input, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: config.dir, DOCKER_CONFIG: config.dir } });
    return { status: run.status, stdout: run.stdout, bundles: /loaded: (.*)/.exec(run.stderr)?.[1] };
  };
  const explained = loaded(['explain', '-'], 'Error response from daemon: manifest for myreg.azurecr.io/app:v9 not found: manifest unknown\n');
  assert.equal(explained.status, 0);
  assert.match(explained.stdout, /^line 1: manifest unknown/m);
  assert.equal(explained.bundles, 'cli.js cliExplain.js');
  assert.equal(loaded(['lint', '--help']).bundles, 'cli.js cliCommands.js');
  assert.equal(loaded(['--version']).bundles, 'cli.js');
});

/**
 * The bundle with stdout already closed by its reader before it writes a byte (what `| head -1`
 * does to the rest of the output), or with stdout on another file.
 */
function runWithStdout(args: string[], stdout: 'closed-pipe' | number, stdin = ''): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = ['pipe', stdout === 'closed-pipe' ? 'pipe' : stdout, 'pipe'];
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
      cwd: lintDir,
      env: { PATH: process.env.PATH, HOME: config.dir, DOCKER_CONFIG: config.dir },
      stdio,
      timeout: 30_000,
    });
    // Node needs tens of milliseconds to start, so the pipe has no reader long before the first write.
    if (stdout === 'closed-pipe') child.stdout!.destroy();
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
    child.stdin!.end(stdin);
  });
}

test('a reader that goes away (| head -1) ends help, lint and tags quietly with their usual status', async () => {
  const user = registry.users[0];
  const cases: Array<{ args: string[]; stdin?: string; code: number }> = [
    { args: ['--help'], code: 0 },
    { args: ['lint', '.'], code: 1 }, // error-level findings
    { args: ['lint', '.', '--format', 'json'], code: 1 },
    { args: ['tags', registry.host, 'bundle/app', '--username', user.username, '--password-stdin'], stdin: `${user.password}\n`, code: 0 },
  ];
  for (const { args, stdin, code } of cases) {
    const run = await runWithStdout(args, 'closed-pipe', stdin);
    assert.equal(run.stderr, '', `${args.join(' ')}: nothing on stderr, no EPIPE stack trace`);
    assert.equal(run.code, code, args.join(' '));
  }
});

test('stdout on a full device: one clear line on stderr and exit 1, no stack trace', async () => {
  for (const args of [['--help'], ['lint', '.']]) {
    const full = openSync('/dev/full', 'w');
    try {
      const run = await runWithStdout(args, full);
      assert.equal(run.code, 1, args.join(' '));
      assert.equal(run.stderr, 'acr-doctor: could not write to standard output: no space left on the device (ENOSPC). The output is incomplete.\n');
    } finally {
      closeSync(full);
    }
  }
});
