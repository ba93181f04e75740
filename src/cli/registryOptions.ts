/**
 * What every registry command shares: the common options, REGISTRY/REPO
 * validation, choosing a credential (flags, else docker's own config), building
 * the client, and printing (aligned text columns or JSON).
 */
import { azureRegistryCredential } from './lazyCommand';
import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AcrDoctorError, isAcrDoctorError } from '../core/errors';
import { createLogger, type Logger } from '../core/log';
import { isAcrHost } from '../core/reference/imageReference';
import { ACR_REFRESH_TOKEN_USERNAME, findDockerCredentials, loginCommand, RegistryClient, type DockerConfigEnvironment, type DockerConfigHint, type ManifestInfo, type RegistryCredential } from '../core/registry/index';
import { createProgress } from './progress';
import { readStdin, UsageError, writeLine, type CliIO } from './io';

export type OutputFormat = 'text' | 'json';

/** parseArgs options every registry command accepts. */
export const REGISTRY_OPTIONS = {
  format: { type: 'string' },
  username: { type: 'string', short: 'u' },
  'password-stdin': { type: 'boolean' },
  anonymous: { type: 'boolean' },
  'insecure-http': { type: 'boolean' },
  trace: { type: 'boolean' },
  'azure-identity': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** The usage lines for REGISTRY_OPTIONS, appended to each command's usage. */
export const REGISTRY_OPTIONS_USAGE = [
  '  --format text|json       Output format (default text).',
  '  -u, --username NAME      Log in as NAME; read the password (or token) from stdin with --password-stdin.',
  '  --password-stdin         Read the password from stdin (e.g. `echo $PW | acr-doctor ...`).',
  '  --anonymous              Send no credentials (registries with anonymous pull).',
  '  --insecure-http          Use plain HTTP for a non-loopback registry (loopback always may).',
  '  --trace                  Log every request (credentials redacted) to stderr.',
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
}

type ParsedValues = { [K in keyof typeof REGISTRY_OPTIONS]?: (typeof REGISTRY_OPTIONS)[K]['type'] extends 'string' ? string : boolean };

/**
 * parseArgs with the common options plus a command's own; parse errors become
 * UsageErrors (exit 2). Returns the positionals and all values.
 */
export function parseCommandArgs<Extra extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  extra: Extra,
): { positionals: string[]; values: Record<string, string | boolean | undefined>; common: CommonRegistryOptions } {
  let parsed: { positionals: string[]; values: Record<string, string | boolean | (string | boolean)[] | undefined> };
  try {
    parsed = parseArgs({ args, options: { ...REGISTRY_OPTIONS, ...extra }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '.') : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const common = commonOptions(values as ParsedValues);
  return { positionals: parsed.positionals, values, common };
}

function commonOptions(values: ParsedValues): CommonRegistryOptions {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be 'text' or 'json', not '${format}'.`);
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
    trace: values.trace ?? false,
    azureIdentity: values['azure-identity'] ?? false,
  };
}

/** Exactly `count` positionals, named for the message. */
export function expectPositionals(positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}.`);
  if (positionals.length > names.length) throw new UsageError(`unexpected argument '${positionals[names.length]}'.`);
  return positionals;
}

const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/**
 * REGISTRY is host[:port]. Schemes and paths are refused with what to type
 * instead. The host is lower-cased: registry names are case-insensitive on the
 * wire, and docker's credential keys are the lower-case form (FAQ F25).
 */
export function parseRegistryArgument(value: string): string {
  const trimmed = value.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(trimmed);
  if (scheme) {
    const rest = scheme[2].replace(/\/.*$/, '');
    const hint = scheme[1].toLowerCase() === 'http' ? ` (add --insecure-http for plain HTTP to a non-loopback host)` : '';
    throw new UsageError(`REGISTRY is host[:port] without a scheme: type '${rest}' instead of '${value}'${hint}.`);
  }
  if (trimmed.includes('/')) {
    const [host, ...path] = trimmed.split('/');
    throw new UsageError(`REGISTRY is host[:port] without a path: type '${host}' and give the repository '${path.join('/')}' as its own argument.`);
  }
  const match = HOST_PATTERN.exec(trimmed);
  if (!match || (match[1] !== undefined && (Number(match[1]) < 1 || Number(match[1]) > 65535))) {
    throw new UsageError(`'${value}' is not a registry host[:port] (e.g. myregistry.azurecr.io or 127.0.0.1:5000).`);
  }
  return trimmed.toLowerCase();
}

const REPOSITORY_PATTERN = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** REPO is a repository name (lower case, path components); a tag or digest is refused with what to type. */
export function parseRepositoryArgument(value: string): string {
  const at = value.indexOf('@');
  if (at !== -1) throw new UsageError(`REPO is a repository name without a digest: type '${value.slice(0, at)}'.`);
  const colon = value.lastIndexOf(':');
  if (colon !== -1 && !value.slice(colon).includes('/')) {
    throw new UsageError(`REPO is a repository name without a tag: type '${value.slice(0, colon)}'.`);
  }
  if (!REPOSITORY_PATTERN.test(value)) {
    const lower = value.toLowerCase();
    const hint = lower !== value && REPOSITORY_PATTERN.test(lower) ? ` Repository names are lower case: type '${lower}'.` : ' Use lower-case letters, digits, and . _ - / between them.';
    throw new UsageError(`'${value}' is not a valid repository name.${hint}`);
  }
  return value;
}

/** Edges for resolveCredential; tests replace the Docker config environment. */
export interface CredentialDeps {
  dockerConfig?: Partial<DockerConfigEnvironment>;
}

export interface ResolvedCredential {
  credential: RegistryCredential;
  /** For --trace and messages: where it came from, never the secret. */
  description: string;
  hints: DockerConfigHint[];
}

/** Flags first, else docker's config; an ACR host with nothing found is an error that says how to log in. */
export async function resolveCredential(registry: string, options: CommonRegistryOptions, io: CliIO, deps: CredentialDeps = {}): Promise<ResolvedCredential> {
  if (options.anonymous) return { credential: { kind: 'anonymous' }, description: 'anonymous (--anonymous)', hints: [] };
  if (options.username !== undefined) {
    const password = await readStdin(io.stdin);
    if (password === '') throw new UsageError('--password-stdin read an empty password from stdin.');
    // `docker login -u 00000000-0000-0000-0000-000000000000` means "the password is an ACR refresh token".
    if (options.username === ACR_REFRESH_TOKEN_USERNAME) {
      return { credential: { kind: 'refresh-token', refreshToken: password }, description: 'an ACR refresh token (--password-stdin)', hints: [] };
    }
    return { credential: { kind: 'basic', username: options.username, password }, description: `user ${options.username} (--username)`, hints: [] };
  }
  if (options.azureIdentity) return signInWithAzure(registry, io, `--azure-identity`, []);
  const lookup = await findDockerCredentials(registry, {
    env: io.env,
    homeDir: io.env.HOME ?? io.env.USERPROFILE ?? homedir(),
    signal: io.signal,
    ...deps.dockerConfig,
  });
  if (lookup.credential) {
    const from = lookup.helper ? `docker-credential-${lookup.helper}` : lookup.configPath;
    const who = lookup.credential.kind === 'refresh-token' ? 'an identity (refresh) token' : `user ${lookup.username ?? '?'}`;
    return { credential: lookup.credential, description: `${who} from ${from}`, hints: lookup.hints };
  }
  if (isAcrHost(registry)) {
    const caseHint = lookup.hints.length ? ` ${lookup.hints.map((h) => h.message).join(' ')}` : '';
    const where = `No Docker credentials for ${registry} were found${lookup.configFound ? ` in ${lookup.configPath}${lookup.helper ? ` (asked docker-credential-${lookup.helper})` : ''}` : ` (${lookup.configPath} does not exist)`}`;
    try {
      return await signInWithAzure(registry, io, 'your Azure identity (no Docker credentials)', lookup.hints);
    } catch (error) {
      const why = error instanceof Error ? (isAcrDoctorError(error) ? error.message : error.message.split('\n')[0]) : String(error);
      throw new AcrDoctorError('REGISTRY_NO_CREDENTIALS', `${where}, and signing in with your Azure identity failed: ${why} Azure Container Registry needs a login.${caseHint}`, {
        hint: `Run \`az login\` and retry, or ${loginCommand(registry)}, or pass --username NAME --password-stdin (admin user or repository token), or --anonymous if anonymous pull is enabled.`,
      });
    }
  }
  return { credential: { kind: 'anonymous' }, description: `anonymous (no credentials for ${registry} in ${lookup.configPath})`, hints: lookup.hints };
}

/** Checks the Azure sign-in up front (no registry request is made with a credential that cannot work). */
async function signInWithAzure(registry: string, io: CliIO, source: string, hints: DockerConfigHint[]): Promise<ResolvedCredential> {
  const credential = azureRegistryCredential(registry, io);
  await credential.getAadToken(io.signal);
  return { credential, description: `${source}, via ACR's token exchange`, hints };
}


/** A logger writing to stderr when --trace is on; its lines are redacted by createLogger. */
export function traceLogger(options: CommonRegistryOptions, io: CliIO): Logger | undefined {
  if (!options.trace) return undefined;
  return createLogger((level, line) => writeLine(io.stderr, `[${level}] ${line}`), 'trace');
}

/** Parses nothing: builds the client for a validated REGISTRY and a resolved credential; prints docker config hints. */
export async function openRegistry(registry: string, options: CommonRegistryOptions, io: CliIO, deps: CredentialDeps = {}): Promise<RegistryClient> {
  const resolved = await resolveCredential(registry, options, io, deps);
  for (const hint of resolved.hints) writeLine(io.stderr, `warning: ${hint.message}`);
  const logger = traceLogger(options, io);
  logger?.debug(`credentials: ${resolved.description}`);
  return new RegistryClient({ registry, credential: resolved.credential, insecureHttp: options.insecureHttp, logger });
}

/** Every manifest of a repository, counting on stderr when it is a terminal (manifests, cleanup). */
export async function readAllManifests(client: RegistryClient, repo: string, io: CliIO): Promise<ManifestInfo[]> {
  const progress = createProgress(io.stderr, `Reading manifests of ${repo}`);
  const manifests: ManifestInfo[] = [];
  try {
    for await (const manifest of client.manifests(repo, { signal: io.signal })) {
      manifests.push(manifest);
      progress.update(manifests.length);
    }
  } finally {
    progress.done();
  }
  return manifests;
}

/**
 * The Docker Registry v2 API cannot list manifests that no tag reaches (only
 * ACR's /acr/v1 can), so on other registries say so once on stderr rather than
 * let "no untagged manifests" pass for the truth.
 */
export async function noteWhenUntaggedAreInvisible(client: RegistryClient, registry: string, io: CliIO): Promise<void> {
  const { acr } = await client.capabilities(io.signal);
  if (!acr) {
    writeLine(
      io.stderr,
      `note: ${registry} has no ACR listing API, so only manifests reachable from a tag are listed; untagged manifests pushed by digest or re-tagged away are invisible here (on a self-hosted registry, \`registry garbage-collect --delete-untagged\` removes them).`,
    );
  }
}

// ---- output ---------------------------------------------------------------

export function printJson(io: CliIO, value: unknown): void {
  writeLine(io.stdout, JSON.stringify(value, null, 2));
}

/** Aligned columns with a header row; the last column is not padded. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function printTable(io: CliIO, headers: string[], rows: string[][]): void {
  writeLine(io.stdout, formatTable(headers, rows));
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '-';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** sha256:0123456789abcdef... → sha256:0123456789ab (readable in a table; JSON keeps the full digest). */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '-';
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest;
}
