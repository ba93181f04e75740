// What `npm start` started, stopped together: every child runs in its own process group (so its
// own children go with it), temp folders are removed, and extra stop steps (code-server) run.
// Stopping is triggered by SIGINT/SIGTERM/SIGHUP (a terminal's Ctrl-C, a supervisor, npm
// forwarding a signal) and by the parent going away (npm killed outright re-parents us).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GRACE_MS = 5_000;
const PARENT_POLL_MS = 500;

/** @param {{ log?: (line: string) => void, exit?: (code: number) => void }} [options] */
export function createSupervisor(options = {}) {
  const log = options.log ?? ((line) => console.error(line));
  const exit = options.exit ?? ((code) => process.exit(code));
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const children = new Set();
  /** @type {Set<string>} */
  const tempDirs = new Set();
  /** @type {Array<() => Promise<void> | void>} */
  const stopSteps = [];
  let stopping;

  const killGroup = (child, signal) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };

  const supervisor = {
    /** Starts a command in its own process group, tracked until it exits. */
    spawn(command, args, spawnOptions = {}) {
      const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...spawnOptions, detached: true });
      children.add(child);
      child.once('error', () => children.delete(child));
      child.once('exit', () => {
        children.delete(child);
        // The leader may be gone while its children still run: end the rest of the group too.
        killGroup(child, 'SIGKILL');
      });
      return child;
    },
    /** spawn, then its exit status (1 when killed by a signal). */
    run(command, args, spawnOptions = {}) {
      const child = supervisor.spawn(command, args, spawnOptions);
      return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => resolve(code ?? 1));
      });
    },
    /** A temp folder removed when we stop. */
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      tempDirs.add(dir);
      return dir;
    },
    /** An extra step run first when stopping (e.g. stop code-server). */
    onStop(step) {
      stopSteps.push(step);
    },
    /** Stops everything, removes the temp folders, then exits with `code`. Safe to call more than once. */
    stop(reason, code = 0) {
      stopping ??= (async () => {
        if (reason) log(`npm start: ${reason}; stopping everything it started ...`);
        for (const step of stopSteps) {
          try {
            await step();
          } catch (error) {
            log(`npm start: while stopping: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        const running = [...children];
        for (const child of running) killGroup(child, 'SIGTERM');
        const exited = Promise.all(running.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((done) => child.once('exit', done)) : undefined)));
        let timer;
        await Promise.race([exited, new Promise((done) => (timer = setTimeout(done, GRACE_MS)))]);
        clearTimeout(timer);
        for (const child of running) killGroup(child, 'SIGKILL');
        for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        exit(code);
      })();
      return stopping;
    },
    /** Stop on SIGINT, SIGTERM and SIGHUP, and when the parent process (npm) goes away. */
    watch() {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void supervisor.stop(`${signal} received`));
      const parent = process.ppid;
      const poll = setInterval(() => {
        if (process.ppid !== parent) void supervisor.stop('the parent process exited');
      }, PARENT_POLL_MS);
      poll.unref();
    },
  };
  return supervisor;
}
