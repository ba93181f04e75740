// Types for scripts/system-deps.mjs (plain JavaScript so it runs before node_modules exists).
export type ProjectCommand = 'start' | 'test' | 'bench';

export interface SystemPackage {
  /** The Debian package name. */
  name: string;
  /** What the commands use: a program on PATH or an absolute path. */
  probe: string;
  /** Environment variable that points the tests at another binary instead. */
  override?: string;
  for: ProjectCommand[];
  what: string;
  why: string;
}

/** Everything ensureSystemPackages learns about the machine, and its only way to act on it. */
export interface Machine {
  isInstalled(pkg: SystemPackage): boolean;
  readonly hasApt: boolean;
  readonly isRoot: boolean;
  readonly canSudo: boolean;
  readonly isTty: boolean;
  ask(question: string): Promise<boolean>;
  run(command: string, args: string[]): number;
  print(line: string): void;
}

export const SYSTEM_PACKAGES: SystemPackage[];
export const COMMANDS: ProjectCommand[];
export function packagesFor(command: ProjectCommand): SystemPackage[];
export function ensureSystemPackages(command: ProjectCommand, machine: Machine, env?: Record<string, string | undefined>): Promise<0 | 1 | 2>;
export function realMachine(env?: NodeJS.ProcessEnv): Machine;
