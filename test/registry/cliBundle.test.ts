// The built bundle as a user runs it: `node dist/cli.js`, a real child process
// with real stdin, against a real registry.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pushImage, startDockerRegistry, targetFor, type RunningRegistry } from '../fixtures/registry/index';
import { dockerConfigDir } from './cliHarness';

const ROOT = join(__dirname, '..', '..');
let registry: RunningRegistry;
const config = dockerConfigDir();

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
