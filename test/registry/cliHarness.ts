// The registry CLI tests' view of the shared harness: a private Docker config per run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io';
import { runCli as runCliWith, type CliRun } from '../support/cliHarness';

export type { CliRun };

/** A DOCKER_CONFIG folder (empty config unless given) so tests never read the developer's own. */
export function dockerConfigDir(config: unknown = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-cli-docker-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The CLI with a DOCKER_CONFIG folder as its only configuration (never the developer's own). */
export function runCli(
  argv: string[],
  options: { stdin?: string; dockerConfig: string; stderrIsTTY?: boolean; azureCredential?: CliIO['azureCredential'] },
): Promise<CliRun> {
  return runCliWith(argv, {
    stdin: options.stdin,
    stderrIsTTY: options.stderrIsTTY,
    azureCredential: options.azureCredential,
    env: { PATH: process.env.PATH, HOME: options.dockerConfig, DOCKER_CONFIG: options.dockerConfig },
  });
}
