/**
 * What every registry command shares: the common options, REGISTRY/REPO
 * validation, choosing a credential (flags, else docker's own config), building
 * the client, and printing (aligned text columns or JSON).
 */
import { azureRegistryCredential } from './lazyCommand';
import { homedir } from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import { AcrDoctorError, isAcrDoctorError } from '../core/errors';
import { isAcrHost } from '../core/reference/imageReference';
import { Secret } from '../core/secret';
import { ACR_REFRESH_TOKEN_USERNAME, findDockerCredentials, loginCommand, RegistryClient, type DockerConfigEnvironment, type DockerConfigHint, type ManifestInfo, type RegistryClientOptions, type RegistryCredential, type RejectedDigest } from '../core/registry/index';
import { createProgress } from './progress';
import { readStdin, UsageError, type CliIO } from './io';
import { parseCommandLine, TRACE_USAGE } from './options';
export { expectPositionals } from './options';
import { cliLogger, printError } from './output';

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
      return { credential: { kind: 'refresh-token', refreshToken: new Secret(password) }, description: 'an ACR refresh token (--password-stdin)', hints: [] };
    }
    return { credential: { kind: 'basic', username: options.username, password: new Secret(password) }, description: `user ${options.username} (--username)`, hints: [] };
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


/** Seconds for a person: 0.2, 1.5, 30. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The client's options from the parsed flags: --insecure-http, --trace, --timeout, and retry waits said on stderr. */
export function registryClientOptions(registry: string, credential: RegistryCredential, options: CommonRegistryOptions, io: CliIO): RegistryClientOptions {
  return {
    registry,
    credential,
    insecureHttp: options.insecureHttp,
    logger: cliLogger(io, options.trace),
    requestTimeoutMs: options.requestTimeoutMs,
    onRetryWait: ({ url, attempt, waitMs, reason }) => printError(io, `note: ${reason}; retrying ${url} in ${seconds(waitMs)} (attempt ${attempt}, --timeout ${seconds(options.requestTimeoutMs)} in all).`),
  };
}

/** Parses nothing: builds the client for a validated REGISTRY and a resolved credential; prints docker config hints. */
export async function openRegistry(registry: string, options: CommonRegistryOptions, io: CliIO, deps: CredentialDeps = {}): Promise<RegistryClient> {
  const resolved = await resolveCredential(registry, options, io, deps);
  for (const hint of resolved.hints) printError(io, `warning: ${hint.message}`);
  const clientOptions = registryClientOptions(registry, resolved.credential, options, io);
  clientOptions.logger?.debug(`credentials: ${resolved.description}`);
  return new RegistryClient(clientOptions);
}

/** Every manifest of a repository, counting on stderr when it is a terminal (manifests, cleanup). */
export async function readAllManifests(client: RegistryClient, repo: string, io: CliIO, onRejected?: (rejected: RejectedDigest) => void): Promise<ManifestInfo[]> {
  const progress = createProgress(io.stderr, `Reading manifests of ${repo}`);
  const manifests: ManifestInfo[] = [];
  try {
    for await (const manifest of client.manifests(repo, { signal: io.signal, onRejected })) {
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
    printError(
      io,
      `note: ${registry} has no ACR listing API, so only manifests reachable from a tag are listed; untagged manifests pushed by digest or re-tagged away are invisible here (on a self-hosted registry, \`registry garbage-collect --delete-untagged\` removes them).`,
    );
  }
}
