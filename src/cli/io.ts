import type { TokenCredential } from '@azure/core-auth';
import type { Readable, Writable } from 'node:stream';
import type { NetworkProbe } from '../core/checks/facts';
import type { SystemProbe } from '../core/checks/types';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Cancelled on Ctrl-C. */
  signal: AbortSignal;
  /**
   * The Azure identity for registry commands (ACR token exchange). Absent: the default chain
   * (environment, workload identity, managed identity, Azure CLI). Tests pass their own.
   */
  azureCredential?: (cloudName: string, tenantId: string | undefined) => TokenCredential;
  /** The machine and the network the diagnostics probe. Absent: the real ones; tests present their own. */
  probes?: { system?: SystemProbe; network?: NetworkProbe };
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Wrong arguments: one line on stderr that points to the command's --help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** By name, not `instanceof`: lazily loaded command bundles have their own copy of the class. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Reads all of stdin (for --password-stdin); trailing newline removed. */
export async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
