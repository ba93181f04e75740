/**
 * Finds registry credentials the way the `docker` CLI does (docker/cli
 * cli/config/configfile + credentials): `credHelpers[host]`, else `credsStore`,
 * else the plain `auths` entry. Pure apart from two injected edges: reading the
 * config file and running a `docker-credential-<name>` helper.
 *
 * Secrets found here go into the returned credential only: never into an error,
 * a hint, or a log line.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AcrDoctorError, CancelledError } from '../../errors';
import type { DockerConfigErrorCode } from '../../errorCodes';
import { redact } from '../../log';
import { Secret } from '../../secret';
import { ACR_REFRESH_TOKEN_USERNAME, type RegistryCredential } from './credentials';

/** One entry of `auths` in config.json (only the fields we read). */
export interface DockerAuthEntry {
  /** base64("user:password"). */
  auth?: string;
  username?: string;
  password?: string;
  /** An OAuth refresh token; for ACR, an ACR refresh token. */
  identitytoken?: string;
}

/** The parts of ~/.docker/config.json that decide credentials. */
export interface DockerConfigFile {
  auths?: Record<string, DockerAuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** A finding for a later health check (e.g. `docker.config-lowercase`, FAQ F25). Never contains a secret. */
export interface DockerConfigHint {
  check: string;
  faq?: string;
  message: string;
}

export type DockerCredentialSource = 'credHelpers' | 'credsStore' | 'auths' | 'none';

export interface DockerCredentialLookup {
  /** Undefined when docker itself would have nothing to send (it would pull anonymously). */
  credential?: RegistryCredential;
  source: DockerCredentialSource;
  configPath: string;
  /** Whether the config file exists at all. */
  configFound: boolean;
  /** The helper consulted (without the `docker-credential-` prefix). */
  helper?: string;
  /** The auths/credHelpers key that matched. */
  matchedKey?: string;
  /** The username, for display (never the secret). */
  username?: string;
  hints: DockerConfigHint[];
}

/** Result of running a helper: exactly what docker-credential-helpers' client sees. */
export interface HelperRunResult {
  exitCode: number;
  stdout: string;
}

/**
 * Runs `program args...` with `input` on stdin. Throws an Error with code
 * 'ENOENT' when the program is not on PATH. The edge that tests may replace.
 */
export type RunHelper = (
  program: string,
  args: string[],
  input: string,
  options: { env: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal },
) => Promise<HelperRunResult>;

export interface DockerConfigEnvironment {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Reads the config file; resolves undefined when it does not exist. Defaults to fs. */
  readConfigFile?: (path: string) => Promise<string | undefined>;
  runHelper?: RunHelper;
  /** Per helper call, default 10 s (a helper waiting on a locked keychain must not hang us). */
  helperTimeoutMs?: number;
  signal?: AbortSignal;
}

/** Where docker reads its config: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function dockerConfigPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  const dir = env.DOCKER_CONFIG && env.DOCKER_CONFIG.trim() !== '' ? env.DOCKER_CONFIG : join(homeDir, '.docker');
  return join(dir, 'config.json');
}

export class DockerConfigError extends AcrDoctorError {
  override readonly name = 'DockerConfigError';
  constructor(code: DockerConfigErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** Parses config.json. Unknown fields are ignored; wrong shapes are reported, not guessed. */
export function parseDockerConfig(text: string, configPath: string): DockerConfigFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new DockerConfigError('DOCKER_CONFIG_INVALID', `The Docker config ${configPath} is not valid JSON, so its credentials cannot be read.`, {
      hint: 'Fix or remove the file, then run `docker login` (or `az acr login -n NAME`) again.',
      cause,
    });
  }
  if (!isObject(value)) {
    throw new DockerConfigError('DOCKER_CONFIG_INVALID', `The Docker config ${configPath} is not a JSON object.`, {
      hint: 'Fix or remove the file, then log in again.',
    });
  }
  const config: DockerConfigFile = {};
  if (isObject(value.auths)) {
    config.auths = {};
    for (const [key, entry] of Object.entries(value.auths)) {
      if (!isObject(entry)) continue;
      config.auths[key] = {
        auth: stringOrUndefined(entry.auth),
        username: stringOrUndefined(entry.username),
        password: stringOrUndefined(entry.password),
        identitytoken: stringOrUndefined(entry.identitytoken),
      };
    }
  }
  if (isObject(value.credHelpers)) {
    config.credHelpers = {};
    for (const [key, helper] of Object.entries(value.credHelpers)) if (typeof helper === 'string') config.credHelpers[key] = helper;
  }
  if (typeof value.credsStore === 'string' && value.credsStore !== '') config.credsStore = value.credsStore;
  return config;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The key docker uses for Docker Hub in auths and with helpers. */
export const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';

/** The server address docker looks credentials up under for a registry host[:port]. */
export function dockerServerAddress(registry: string): string {
  return DOCKER_HUB_HOSTS.has(registry) ? DOCKER_HUB_SERVER_ADDRESS : registry;
}

/** docker's ConvertToHostname: strip http(s)://, keep up to the first '/'. */
export function convertToHostname(key: string): string {
  const stripped = key.replace(/^https?:\/\//, '');
  const slash = stripped.indexOf('/');
  return slash === -1 ? stripped : stripped.slice(0, slash);
}

/**
 * Finds the auths key docker would use: the exact server address, else any key
 * whose hostname form equals it (legacy `https://host/v1/` keys). Case-sensitive,
 * as in docker.
 */
export function findAuthsKey(auths: Record<string, DockerAuthEntry> | undefined, serverAddress: string): string | undefined {
  if (!auths) return undefined;
  if (Object.hasOwn(auths, serverAddress)) return serverAddress;
  const wanted = convertToHostname(serverAddress);
  return Object.keys(auths).find((key) => convertToHostname(key) === wanted);
}

/**
 * Keys of auths/credHelpers that name this registry in another letter case.
 * Docker compares exactly, so such a key is silently ignored (FAQ F25).
 */
export function caseMismatchedKeys(config: DockerConfigFile, registry: string): Array<{ section: 'auths' | 'credHelpers'; key: string }> {
  const host = convertToHostname(dockerServerAddress(registry));
  const out: Array<{ section: 'auths' | 'credHelpers'; key: string }> = [];
  for (const section of ['auths', 'credHelpers'] as const) {
    for (const key of Object.keys(config[section] ?? {})) {
      const keyHost = convertToHostname(key);
      if (keyHost !== host && keyHost.toLowerCase() === host.toLowerCase()) out.push({ section, key });
    }
  }
  return out;
}

/** The helper docker would ask for this registry, if any. */
export function helperFor(config: DockerConfigFile, registry: string): { helper: string; source: 'credHelpers' | 'credsStore'; key?: string } | undefined {
  const host = dockerServerAddress(registry);
  // docker looks credHelpers up by the bare hostname (for Docker Hub: the index address).
  const key = [host, registry].find((candidate) => config.credHelpers && Object.hasOwn(config.credHelpers, candidate));
  if (key !== undefined && config.credHelpers) return { helper: config.credHelpers[key], source: 'credHelpers', key };
  if (config.credsStore) return { helper: config.credsStore, source: 'credsStore' };
  return undefined;
}

/** Turns a username/secret pair into the credential we send. */
function credentialFrom(username: string | undefined, secret: string): RegistryCredential {
  // `docker login -u 00000000-... -p <refresh token>` stores an ACR refresh token as basic.
  if (!username || username === '<token>' || username === ACR_REFRESH_TOKEN_USERNAME) return { kind: 'refresh-token', refreshToken: new Secret(secret) };
  return { kind: 'basic', username, password: new Secret(secret) };
}

/** Decodes an auths entry; undefined when it holds nothing usable. */
export function credentialFromAuthEntry(entry: DockerAuthEntry, key: string, configPath: string): { credential: RegistryCredential; username?: string } | undefined {
  if (entry.identitytoken) return { credential: { kind: 'refresh-token', refreshToken: new Secret(entry.identitytoken) }, username: entry.username };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new DockerConfigError('DOCKER_CONFIG_INVALID', `The Docker config ${configPath} has an unreadable "auth" value for "${key}" (expected base64 of user:password).`, {
        hint: `Run \`docker logout ${key}\` and log in again.`,
      });
    }
    const username = decoded.slice(0, colon);
    return { credential: credentialFrom(username, decoded.slice(colon + 1)), username };
  }
  if (entry.username && entry.password) return { credential: credentialFrom(entry.username, entry.password), username: entry.username };
  return undefined;
}

/** docker-credential-helpers' "not found" message (every helper prints this exact text). */
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';

/** Asks `docker-credential-<helper> get` for a server's credentials; undefined when it has none. */
export async function getFromHelper(
  helper: string,
  serverAddress: string,
  environment: Pick<DockerConfigEnvironment, 'env' | 'runHelper' | 'helperTimeoutMs' | 'signal'>,
): Promise<{ credential: RegistryCredential; username?: string } | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) {
    throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_INVALID', `The Docker credential helper name "${helper}" is not a plain program name, so it was not run.`, {
      hint: 'Fix credsStore/credHelpers in your Docker config (e.g. "desktop", "osxkeychain", "wincred", "pass").',
    });
  }
  const program = `docker-credential-${helper}`;
  const run = environment.runHelper ?? runHelperProcess;
  const timeoutMs = environment.helperTimeoutMs ?? 10_000;
  let result: HelperRunResult;
  try {
    result = await run(program, ['get'], serverAddress, { env: environment.env, timeoutMs, signal: environment.signal });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_MISSING', `Docker is configured to use the credential helper "${helper}", but ${program} is not on PATH.`, {
        hint: `Install ${program} (it ships with Docker Desktop), or remove "${helper}" from credsStore/credHelpers in your Docker config and log in again.`,
        cause: error,
      });
    }
    if (code === 'ETIMEDOUT' || (error as { killed?: boolean }).killed) {
      throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_TIMEOUT', `${program} did not answer within ${Math.round(timeoutMs / 1000)} s (a locked keychain waits for a password).`, {
        hint: `Run \`echo ${serverAddress} | ${program} get\` in a terminal to unlock it, or pass --username and --password-stdin.`,
        cause: error,
      });
    }
    throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_FAILED', `${program} could not be run: ${error instanceof Error ? error.message : String(error)}.`, {
      hint: `Run \`echo ${serverAddress} | ${program} get\` to see what it says, or pass --username and --password-stdin.`,
      cause: error,
    });
  }
  const output = result.stdout.trim();
  if (result.exitCode !== 0) {
    if (output.includes(NOT_FOUND_MESSAGE)) return undefined;
    // A failing helper prints an error message, not credentials; redact anyway and keep it short.
    const said = redact(output).slice(0, 200);
    throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_FAILED', `${program} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}.`, {
      hint: `Run \`echo ${serverAddress} | ${program} get\` to see what it needs, log in again, or pass --username and --password-stdin.`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw new DockerConfigError('DOCKER_CREDENTIAL_HELPER_FAILED', `${program} answered with something that is not JSON.`, {
      hint: `Check that ${program} is a Docker credential helper, or pass --username and --password-stdin.`,
    });
  }
  if (!isObject(parsed) || typeof parsed.Secret !== 'string' || parsed.Secret === '') return undefined;
  const username = typeof parsed.Username === 'string' ? parsed.Username : undefined;
  return { credential: credentialFrom(username, parsed.Secret), username: username === '<token>' ? undefined : username };
}

/** Finds the credentials docker would send to `registry` (host[:port]). */
export async function findDockerCredentials(registry: string, environment: DockerConfigEnvironment): Promise<DockerCredentialLookup> {
  const configPath = dockerConfigPath(environment.env, environment.homeDir);
  const text = await (environment.readConfigFile ?? readConfigFileFromDisk)(configPath);
  const base = { configPath, configFound: text !== undefined };
  if (text === undefined) return { ...base, source: 'none', hints: [] };
  const config = parseDockerConfig(text, configPath);
  const serverAddress = dockerServerAddress(registry);

  const hints: DockerConfigHint[] = caseMismatchedKeys(config, registry).map(({ section, key }) => ({
    check: 'docker.config-lowercase',
    faq: 'F25',
    message: `${configPath} has "${key}" under ${section}, but docker matches registry names exactly, so it is not used for "${registry}". Log in again with the all-lowercase name: ${loginCommand(registry.toLowerCase())}.`,
  }));

  const helper = helperFor(config, registry);
  if (helper) {
    // As docker does: when a helper applies, the plain auths entry is not used for secrets.
    const found = await getFromHelper(helper.helper, serverAddress, environment);
    return { ...base, source: found ? helper.source : 'none', helper: helper.helper, matchedKey: helper.key, credential: found?.credential, username: found?.username, hints };
  }

  const key = findAuthsKey(config.auths, serverAddress);
  const entry = key !== undefined ? config.auths?.[key] : undefined;
  const found = entry && key !== undefined ? credentialFromAuthEntry(entry, key, configPath) : undefined;
  if (!found) return { ...base, source: 'none', matchedKey: key, hints };
  return { ...base, source: 'auths', matchedKey: key, credential: found.credential, username: found.username, hints };
}

async function readConfigFileFromDisk(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new DockerConfigError('DOCKER_CONFIG_UNREADABLE', `The Docker config ${path} cannot be read: ${(error as Error).message}.`, {
      hint: 'Check its permissions, or set DOCKER_CONFIG to a folder you can read.',
      cause: error,
    });
  }
}

/** The real edge: execFile with the server address on stdin and a timeout. */
export const runHelperProcess: RunHelper = (program, args, input, options) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      program,
      args,
      { env: options.env, timeout: options.timeoutMs, signal: options.signal, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (options.signal?.aborted) {
          reject(new CancelledError());
          return;
        }
        if (error && (error.code === 'ENOENT' || error.killed)) {
          reject(Object.assign(error, { code: error.killed ? 'ETIMEDOUT' : error.code }));
          return;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, stdout: String(stdout) });
      },
    );
    // A helper that exits before reading stdin makes the write fail with EPIPE; the exit code tells the story.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });

/** How a person logs in to a registry with docker (ACR: through the Azure CLI). */
export function loginCommand(registry: string): string {
  const acr = /^([a-z0-9]+)\.azurecr\.(io|cn|us)$/i.exec(registry);
  return acr ? `\`az acr login -n ${acr[1].toLowerCase()}\`` : `\`docker login ${registry}\``;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
