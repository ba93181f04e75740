import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNodeSystem } from '../../../src/core/checks/nodeSystem';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acr-doctor-nodesystem-'));
  await writeFile(join(dir, 'b.txt'), 'hello');
  await writeFile(join(dir, 'a.txt'), '');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nodeSystem (the real machine)', () => {
  const system = createNodeSystem({ env: { ...process.env, ACR_DOCTOR_PROBE: 'x' } });

  test('reads files and directories; missing ones are undefined/false, never a throw', async () => {
    assert.equal(await system.readFile(join(dir, 'b.txt')), 'hello');
    assert.equal(await system.readFile(join(dir, 'missing')), undefined);
    assert.equal(await system.exists(dir), true);
    assert.equal(await system.exists(join(dir, 'missing')), false);
    assert.deepEqual(await system.listDir(dir), ['a.txt', 'b.txt']);
    assert.equal(await system.listDir(join(dir, 'missing')), undefined);
  });

  test('runs a program without a shell: metacharacters stay arguments', async () => {
    const result = await system.run(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)) + process.env.ACR_DOCTOR_PROBE)', '$(echo hi); ls', '|x']);
    assert.equal(result.found, true);
    assert.equal(result.exitCode, 0);
    assert.equal(result.stdout, '["$(echo hi); ls","|x"]x');
  });

  test('a missing program is found: false; a failing one keeps its exit code and stderr', async () => {
    assert.equal((await system.run('acr-doctor-no-such-program', [])).found, false);
    const failing = await system.run(process.execPath, ['-e', 'process.stderr.write("boom"); process.exit(3)']);
    assert.deepEqual([failing.found, failing.exitCode, failing.stderr], [true, 3, 'boom']);
  });

  test('a program that outlives its timeout is killed and marked timedOut', async () => {
    const result = await system.run(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
  });

  test('an aborted signal stops the program', async () => {
    const controller = new AbortController();
    const running = system.run(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await running;
    assert.equal(result.exitCode, null);
    assert.notEqual(result.timedOut, true);
  });
});
