/**
 * The registry options every registry command accepts (and `explain --check`), parsed into
 * CommonRegistryOptions. Parsing only: no registry client, so `explain` loads without one; using the
 * options (credentials, the client) is registryOptions.ts.
 */
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './io';
import { parseCommandLine, TRACE_USAGE } from './options';

export type OutputFormat = 'text' | 'json';
const FORMATS: readonly OutputFormat[] = ['text', 'json'];

/** Seconds a registry request may take in all (attempts and waits between them) unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** parseArgs options every registry command accepts (besides --format and --trace, which every command has). */
export const REGISTRY_OPTIONS = {
  username: { type: 'string', short: 'u' },
  'password-stdin': { type: 'boolean' },
  anonymous: { type: 'boolean' },
  'insecure-http': { type: 'boolean' },
  'azure-identity': { type: 'boolean' },
  timeout: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The usage lines for REGISTRY_OPTIONS, appended to each command's usage. */
export const REGISTRY_OPTIONS_USAGE = [
  '  --format text|json       Output format (default text).',
  '  -u, --username NAME      Log in as NAME; read the password (or token) from stdin with --password-stdin.',
  '  --password-stdin         Read the password from stdin (e.g. `echo $PW | acr-doctor ...`).',
  '  --anonymous              Send no credentials (registries with anonymous pull).',
  '  --insecure-http          Use plain HTTP for a non-loopback registry (loopback always may).',
  `  --timeout S              Give up on a registry request after S seconds in all, retries included (default ${DEFAULT_TIMEOUT_SECONDS}).`,
  TRACE_USAGE,
  '  --azure-identity         Log in with your Azure identity (az login, environment, managed identity)',
  '                           through ACR\'s token exchange, even when the Docker config has credentials.',
  '',
  'REGISTRY is host[:port], e.g. myregistry.azurecr.io or 127.0.0.1:5000. Without',
  '--username or --anonymous, credentials come from your Docker config, as docker finds them;',
  'for an Azure Container Registry with none there, from your Azure identity (as `az acr login` does).',
].join('\n');

export interface CommonRegistryOptions {
  format: OutputFormat;
  username?: string;
  passwordStdin: boolean;
  anonymous: boolean;
  insecureHttp: boolean;
  trace: boolean;
  azureIdentity: boolean;
  /** --timeout in milliseconds: the whole budget of one request. */
  requestTimeoutMs: number;
}

type RegistryValues = { username?: string; 'password-stdin'?: boolean; anonymous?: boolean; 'insecure-http'?: boolean; 'azure-identity'?: boolean; timeout?: string };

/**
 * The one parser with the registry options plus a command's own; parse errors
 * become UsageErrors (exit 2). Returns the positionals and all values.
 */
export function parseCommandArgs<Extra extends NonNullable<ParseArgsConfig['options']>, Format extends string = OutputFormat>(
  args: string[],
  extra: Extra,
  /** The --format values this command supports (first = default); the registry commands' text|json unless given. */
  formats: readonly Format[] = FORMATS as unknown as readonly Format[],
): { positionals: string[]; values: Record<string, string | boolean | undefined>; common: CommonRegistryOptions; format: Format } {
  const parsed = parseCommandLine(args, { ...REGISTRY_OPTIONS, ...extra }, formats);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  // common.format is the registry commands' text|json; other formats read `format`.
  const common = commonOptions(values as RegistryValues, parsed.format === 'json' ? 'json' : 'text', parsed.trace);
  return { positionals: parsed.positionals, values, common, format: parsed.format };
}

/** --timeout S: seconds, fractions allowed, more than 0. */
export function parseTimeoutSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout is a number of seconds greater than 0 (e.g. --timeout 10), not '${value}'.`);
  return seconds;
}

function commonOptions(values: RegistryValues, format: OutputFormat, trace: boolean): CommonRegistryOptions {
  if (values.anonymous && (values.username !== undefined || values['password-stdin'])) {
    throw new UsageError('--anonymous cannot be combined with --username/--password-stdin: choose one.');
  }
  if (values.username !== undefined && !values['password-stdin']) {
    throw new UsageError('--username needs --password-stdin (passwords never go on the command line): `echo "$PASSWORD" | acr-doctor ... --username NAME --password-stdin`.');
  }
  if (values['password-stdin'] && values.username === undefined) {
    throw new UsageError('--password-stdin needs --username NAME (for an ACR refresh token, use --username 00000000-0000-0000-0000-000000000000).');
  }
  if (values.username === '') throw new UsageError('--username is empty.');
  return {
    format,
    username: values.username,
    passwordStdin: values['password-stdin'] ?? false,
    anonymous: values.anonymous ?? false,
    insecureHttp: values['insecure-http'] ?? false,
    trace,
    azureIdentity: values['azure-identity'] ?? false,
    requestTimeoutMs: Math.round(parseTimeoutSeconds(values.timeout) * 1000),
  };
}
