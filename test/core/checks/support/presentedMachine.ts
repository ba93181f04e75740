/**
 * A presented machine for environment checks: the files, directories, environment and programs a
 * test describes, behind the same `SystemProbe` the real `nodeSystem.ts` implements. Programs answer
 * with canned output chosen by their arguments; every call is recorded so a test can assert what ran
 * (docker pull only when opted in, never a shell).
 */
import { posix, win32 } from 'node:path';
import { createFacts, type ChecksAzure, type NetworkProbe } from '../../../../src/core/checks/facts';
import type { RegistryCredential } from '../../../../src/core/registry/auth/credentials';
import type { CheckContext, CheckFacts, CheckResult, CheckTarget, ProgramResult, SystemProbe } from '../../../../src/core/checks/types';
import { presentedNetwork } from '../support';

export type ProgramAnswer = Partial<ProgramResult> & { stdout?: string };
/** By arguments: a function, or a table from the joined arguments ("version --format x") to an answer. */
export type ProgramBehaviour = ProgramAnswer | ((args: string[]) => ProgramAnswer | undefined);

export interface MachineDescription {
  platform?: NodeJS.Platform;
  homeDir?: string;
  env?: Record<string, string | undefined>;
  /** path → content (parent directories are implied). */
  files?: Record<string, string>;
  /** extra (empty) directories. */
  dirs?: string[];
  /** program name → behaviour; a program not listed is "not found". */
  programs?: Record<string, ProgramBehaviour>;
}

export interface PresentedMachine extends SystemProbe {
  calls: Array<{ program: string; args: string[] }>;
}

export function presentMachine(description: MachineDescription = {}): PresentedMachine {
  const platform = description.platform ?? 'linux';
  const paths = platform === 'win32' ? win32 : posix;
  const norm = (p: string) => paths.normalize(p);
  const files = new Map(Object.entries(description.files ?? {}).map(([p, text]) => [norm(p), text]));
  const dirs = new Set<string>();
  const addParents = (p: string) => {
    for (let dir = paths.dirname(p); !dirs.has(dir); dir = paths.dirname(dir)) {
      dirs.add(dir);
      if (paths.dirname(dir) === dir) break;
    }
  };
  for (const p of files.keys()) addParents(p);
  for (const d of description.dirs ?? []) {
    dirs.add(norm(d));
    addParents(norm(d));
  }
  const calls: PresentedMachine['calls'] = [];
  return {
    platform,
    homeDir: description.homeDir ?? (platform === 'win32' ? 'C:\\Users\\dev' : '/home/dev'),
    env: description.env ?? {},
    calls,
    async readFile(path) {
      return files.get(norm(path));
    },
    async exists(path) {
      return files.has(norm(path)) || dirs.has(norm(path));
    },
    async listDir(path) {
      const dir = norm(path);
      if (!dirs.has(dir)) return undefined;
      const children = new Set<string>();
      for (const p of [...files.keys(), ...dirs]) if (p !== dir && paths.dirname(p) === dir) children.add(paths.basename(p));
      return [...children].sort();
    },
    async run(program, args, options) {
      calls.push({ program, args: [...args] });
      if (options?.signal?.aborted) return { found: true, exitCode: null, stdout: '', stderr: 'cancelled' };
      const behaviour = description.programs?.[program];
      if (behaviour === undefined) return { found: false, exitCode: null, stdout: '', stderr: '' };
      const answer = typeof behaviour === 'function' ? behaviour(args) : behaviour;
      if (answer === undefined) return { found: true, exitCode: 1, stdout: '', stderr: `presented machine: no answer for ${program} ${args.join(' ')}` };
      return { found: true, exitCode: 0, stdout: '', stderr: '', ...answer };
    },
  };
}

/**
 * A check context around a machine without the engine: real facts (createFacts) over a presented
 * network and, for management checks, Azure aimed at the ARM fixture.
 */
export function contextFor(
  options: { system?: SystemProbe; target?: Partial<CheckTarget>; facts?: CheckFacts; azure?: ChecksAzure; network?: NetworkProbe; credential?: RegistryCredential; results?: CheckResult[]; now?: Date } = {},
): CheckContext {
  const target: CheckTarget = { registry: 'contoso.azurecr.io', ...options.target };
  const facts =
    options.facts ??
    createFacts({ target, credential: options.credential ?? { kind: 'anonymous' }, network: options.network ?? presentedNetwork({}), azure: options.azure, signal: new AbortController().signal });
  return {
    target,
    results: new Map((options.results ?? []).map((r) => [r.id, r])),
    facts,
    system: options.system ?? presentMachine(),
    now: () => options.now ?? new Date('2026-01-15T12:00:00Z'),
  };
}
