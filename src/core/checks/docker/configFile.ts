/** Reads the presented machine's docker config.json once per check, through the registry client's parser. */
import { parseDockerConfig, type DockerConfigFile } from '../../registry/auth/dockerConfig';
import { AcrDoctorError } from '../../errors';
import { dockerConfigFile } from '../machine';
import type { CheckOutcome, SystemProbe } from '../types';

export type ReadDockerConfig = { path: string; found: false } | { path: string; found: true; config: DockerConfigFile } | { path: string; found: true; invalid: string };

export async function readDockerConfig(system: SystemProbe): Promise<ReadDockerConfig> {
  const path = dockerConfigFile(system);
  const text = await system.readFile(path);
  if (text === undefined) return { path, found: false };
  try {
    return { path, found: true, config: parseDockerConfig(text, path) };
  } catch (error) {
    // The parser's messages never quote the file's content, so they hold no secret.
    return { path, found: true, invalid: error instanceof AcrDoctorError ? error.message : 'not valid JSON' };
  }
}

export function invalidConfigOutcome(read: { path: string; invalid: string }): CheckOutcome {
  return {
    status: 'fail',
    summary: `${read.invalid} docker ignores it and sends no credentials.`,
    evidence: { configPath: read.path },
    fixes: [{ kind: 'file-edit', title: `Fix the JSON in ${read.path} (or move it away), then log in again`, file: read.path }],
  };
}
