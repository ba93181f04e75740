/**
 * What every registry command shares: the common options (parsed in commandArgs.ts), REGISTRY/REPO
 * validation, choosing a credential (flags, else docker's own config), building
 * the client, and printing (aligned text columns or JSON).
 */
import { azureRegistryCredential } from './lazyCommand';
import { homedir } from 'node:os';
import { AcrDoctorError, isAcrDoctorError } from '../core/errors';
import { isAcrHost } from '../core/reference/imageReference';
import { Secret } from '../core/secret';
import { ACR_REFRESH_TOKEN_USERNAME, findDockerCredentials, loginCommand, RegistryClient, type DockerConfigEnvironment, type DockerConfigHint, type ManifestInfo, type RegistryClientOptions, type RegistryCredential, type RejectedDigest } from '../core/registry/index';
import { createProgress } from './progress';
import { readStdin, UsageError, type CliIO } from './io';
import type { CommonRegistryOptions } from './commandArgs';
export { expectPositionals } from './options';
import { cliLogger, printError } from './output';

export { DEFAULT_TIMEOUT_SECONDS, parseCommandArgs, parseTimeoutSeconds, REGISTRY_OPTIONS, REGISTRY_OPTIONS_USAGE } from './commandArgs';
export type { CommonRegistryOptions, OutputFormat } from './commandArgs';

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
