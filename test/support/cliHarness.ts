// Runs the CLI's real main() in-process with captured streams: the one harness every CLI test uses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** No Azure sign-in, as on a machine without `az login` (and no probe of the managed-identity endpoint). */
export const noAzureSignIn: NonNullable<CliIO['azureCredential']> = () => ({
  getToken: () => Promise.reject(new Error('No Azure account is signed in (test machine).')),
});

export interface CliRunOptions {
  cwd?: string;
  stdin?: string;
  /** The whole environment the command sees (nothing of the test process's leaks in). */
  env?: NodeJS.ProcessEnv;
  /** A DOCKER_CONFIG folder (see dockerConfigDir): the environment becomes PATH, HOME and DOCKER_CONFIG only. */
  dockerConfig?: string;
  stderrIsTTY?: boolean;
  /** Never the real credential chain in tests: it would probe the managed-identity endpoint off loopback. */
  azureCredential?: CliIO['azureCredential'];
  /** The machine and network the diagnostics probe (presented in tests; absent: the real ones). */
  probes?: CliIO['probes'];
}

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture(options.stderrIsTTY ?? false);
  const io: CliIO = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    cwd: options.cwd ?? process.cwd(),
    env: options.dockerConfig === undefined ? (options.env ?? {}) : { PATH: process.env.PATH, HOME: options.dockerConfig, DOCKER_CONFIG: options.dockerConfig, ...options.env },
    signal: new AbortController().signal,
    azureCredential: options.azureCredential ?? noAzureSignIn,
    probes: options.probes,
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A DOCKER_CONFIG folder (empty config unless given) so tests never read the developer's own. */
export function dockerConfigDir(config: unknown = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-cli-docker-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
