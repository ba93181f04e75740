// lint never hangs on or silently passes over what is not a regular file: FIFOs, sockets,
// devices, symlink loops and dangling links are named with the reason, given or met in a walk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cliHarness';

let root: string;
let socketServer: Server;
const fifos: string[] = [];

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
  fifos.push(path);
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'acr-doctor-lint-special-'));
  const tree = join(root, 'tree');
  mkdirSync(join(tree, 'sub'), { recursive: true });
  writeFileSync(join(tree, 'Dockerfile'), 'FROM docker.io/MyOrg/App:1\n');
  mkfifo(join(tree, 'pipe.Dockerfile'));
  mkfifo(join(root, 'Dockerfile.fifo'));
  symlinkSync('/dev/null', join(tree, 'null.Dockerfile'));
  symlinkSync('self', join(tree, 'self')); // a link to itself: ELOOP
  symlinkSync('..', join(tree, 'sub', 'up')); // a folder loop
  symlinkSync('missing', join(tree, 'dangling.Dockerfile'));
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer.listen(join(tree, 'docker.sock'), resolve));
});

after(async () => {
  // Should a reader be stuck in open() on a FIFO (the bug this guards against), give it a writer so it ends.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waiting: nothing to release.
    }
  }
  await new Promise((resolve) => socketServer.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

interface LintJson {
  findings: Array<{ file: string; code: string }>;
  notices: Array<{ file: string; message: string; ioError: boolean }>;
}

describe('lint and files that are not regular files', () => {
  test('a FIFO given as PATH is named, not opened for a read that never ends', { timeout: 20_000 }, async () => {
    const run = await runCli(['lint', 'Dockerfile.fifo'], { cwd: root });
    assert.match(run.stdout, /^Dockerfile\.fifo: skipped: not a regular file \(a named pipe \(FIFO\)\); only regular files are read\.$/m);
    assert.equal(run.code, 0);
  });

  test('/dev/null given as PATH is named as a device', { timeout: 20_000 }, async () => {
    const run = await runCli(['lint', '/dev/null', '--format', 'json'], { cwd: root });
    const json = JSON.parse(run.stdout) as LintJson;
    assert.match(json.notices.find((n) => n.file.endsWith('dev/null'))?.message ?? '', /not a regular file \(a character device\)/);
  });

  test('a folder walk names the FIFO, socket, device link, link loops and dangling link, and lints the rest', { timeout: 20_000 }, async () => {
    const run = await runCli(['lint', 'tree', '--format', 'json'], { cwd: root });
    const json = JSON.parse(run.stdout) as LintJson;
    const notice = (file: string) => json.notices.find((n) => n.file === file)?.message ?? `(no notice for ${file})`;
    assert.match(notice('tree/pipe.Dockerfile'), /not a regular file \(a named pipe \(FIFO\)\)/);
    assert.match(notice('tree/docker.sock'), /not a regular file \(a socket\)/);
    assert.match(notice('tree/null.Dockerfile'), /not a regular file \(a character device\)/);
    assert.match(notice('tree/self'), /symbolic link loop/);
    assert.match(notice('tree/sub/up'), /symbolic link loop back to tree/);
    assert.match(notice('tree/dangling.Dockerfile'), /symbolic link to a path that does not exist/);
    assert.ok(json.findings.some((f) => f.file === 'tree/Dockerfile' && f.code === 'ACR101'), 'the regular file is still linted');
    assert.equal(run.code, 1, 'the exit status is the findings\', not an I/O error');
  });
});

describe('lint messages', () => {
  test('no doubled words: a skipped file reads "skipped: binary file", once', async () => {
    writeFileSync(join(root, 'binary.Dockerfile'), Buffer.from([0x46, 0x00, 0x01]));
    const run = await runCli(['lint', 'binary.Dockerfile'], { cwd: root });
    assert.match(run.stdout, /^binary\.Dockerfile: skipped: binary file \(contains NUL bytes\)\.$/m);
    assert.doesNotMatch(run.stdout, /skipped: skipped/);
  });

  test('an error is not followed by "No problems found."', async () => {
    const run = await runCli(['lint', 'no-such-file'], { cwd: root });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /^no-such-file: error: no such file or folder/m);
    assert.doesNotMatch(run.stdout, /No problems found/);
    assert.match(run.stdout, /^1 path could not be linted \(see above\)\.$/m);
  });
});
