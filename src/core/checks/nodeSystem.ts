/**
 * The real machine behind `SystemProbe`: node's fs, child_process and os. Programs run without a shell
 * (arguments are never interpreted), with a timeout, and their output is capped so a chatty or hung
 * program cannot stall or flood a run.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { ProgramResult, SystemProbe } from './types';

/** A program that has not answered by then is killed (docker against a hung daemon, a locked keychain). */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 15_000;
/** Enough for `docker version`/`notary version`/a helper's `list`; more is cut off. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface NodeSystemOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: NodeJS.Platform;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}

export function createNodeSystem(options: NodeSystemOptions = {}): SystemProbe {
  const env = options.env ?? process.env;
  return {
    platform: options.platform ?? process.platform,
    env,
    homeDir: options.homeDir ?? homedir(),
    async readFile(path) {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async exists(path) {
      try {
        await stat(path);
        return true;
      } catch {
        return false;
      }
    },
    async listDir(path) {
      try {
        return (await readdir(path)).sort();
      } catch {
        return undefined;
      }
    },
    run(program, args, runOptions = {}) {
      return new Promise<ProgramResult>((resolve) => {
        if (runOptions.signal?.aborted) {
          resolve({ found: true, exitCode: null, stdout: '', stderr: 'cancelled before it started', timedOut: false });
          return;
        }
        execFile(
          program,
          args,
          { env, timeout: runOptions.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, shell: false, signal: runOptions.signal, encoding: 'utf8' },
          (error, stdout, stderr) => {
            const out = { stdout: String(stdout ?? ''), stderr: String(stderr ?? '') };
            if (!error) {
              resolve({ found: true, exitCode: 0, ...out });
              return;
            }
            if (errorCode(error) === 'ENOENT') {
              resolve({ found: false, exitCode: null, ...out });
              return;
            }
            const killed = (error as { killed?: boolean }).killed === true;
            const exit = (error as { code?: unknown }).code;
            resolve({ found: true, exitCode: typeof exit === 'number' ? exit : null, ...out, timedOut: killed && !runOptions.signal?.aborted });
          },
        );
      });
    },
  };
}
