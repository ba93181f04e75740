// `npm start` (scripts/start.mjs) stops everything it started, whoever stops it: its supervision
// helper is run for real here, with a child that starts a grandchild, as code-server does.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const FIXTURE = join(__dirname, 'fixtures', 'supervisedTree.mjs');

interface Tree {
  /** The supervised process itself. */
  pid: number;
  dir: string;
  child: number;
  grandchild: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The first stdout line of `process`, parsed. */
function treeOf(process: ChildProcess): Promise<Tree> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const line = /^(\{.*\})$/m.exec(text)?.[1];
      if (line) resolve(JSON.parse(line) as Tree);
    });
    process.once('exit', (code) => reject(new Error(`exited (${code}) before reporting its tree`)));
  });
}

/** Polls (bounded) until every pid is gone; returns those still alive. */
async function stillAlive(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((done) => setTimeout(done, 100));
  return pids.filter(alive);
}

function killTree(tree: Tree | undefined): void {
  for (const pid of [tree?.grandchild, tree?.child]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to the supervised process stops its child's whole group and removes its temp folder`, { timeout: 30_000 }, async () => {
    const supervised = spawn(process.execPath, [FIXTURE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tree: Tree | undefined;
    try {
      tree = await treeOf(supervised);
      assert.ok(alive(tree.grandchild) && existsSync(tree.dir), 'the tree is running');
      const exited = new Promise<number | null>((done) => supervised.once('exit', (code) => done(code)));
      supervised.kill(signal);
      assert.equal(await exited, 0);
      assert.deepEqual(await stillAlive([tree.child, tree.grandchild]), [], 'child and grandchild are gone');
      assert.equal(existsSync(tree.dir), false, 'the temp folder is removed');
    } finally {
      killTree(tree);
      supervised.kill('SIGKILL');
    }
  });
}

test('when its parent (npm) is killed outright, the supervised process stops everything too', { timeout: 30_000 }, async () => {
  // sh stands in for npm; `; :` keeps sh from exec-ing node, so node really has a parent to lose.
  const npm = spawn('sh', ['-c', `"${process.execPath}" "${FIXTURE}"; :`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tree: Tree | undefined;
  try {
    tree = await treeOf(npm);
    assert.notEqual(tree.pid, npm.pid, 'node runs under sh, not in its place');
    npm.kill('SIGKILL');
    assert.deepEqual(await stillAlive([tree.pid, tree.child, tree.grandchild]), [], 'supervised process, child and grandchild are gone');
    assert.equal(existsSync(tree.dir), false, 'the temp folder is removed');
  } finally {
    killTree(tree);
    if (tree && alive(tree.pid)) process.kill(tree.pid, 'SIGKILL');
  }
});
