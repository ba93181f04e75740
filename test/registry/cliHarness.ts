// Runs the CLI's main() in-process with a captured CliIO (used by cli*.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

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

/** A DOCKER_CONFIG folder (empty config unless given) so tests never read the developer's own. */
export function dockerConfigDir(config: unknown = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-cli-docker-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No Azure sign-in, as on a machine without `az login`; and no probe of the managed-identity endpoint. */
export const noAzureSignIn: NonNullable<CliIO['azureCredential']> = () => ({
  getToken: () => Promise.reject(new Error('No Azure account is signed in (test machine).')),
});

export async function runCli(
  argv: string[],
  options: { stdin?: string; dockerConfig: string; stderrIsTTY?: boolean; azureCredential?: CliIO['azureCredential'] },
): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture(options.stderrIsTTY ?? false);
  const io: CliIO = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, HOME: options.dockerConfig, DOCKER_CONFIG: options.dockerConfig },
    signal: new AbortController().signal,
    azureCredential: options.azureCredential ?? noAzureSignIn,
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
