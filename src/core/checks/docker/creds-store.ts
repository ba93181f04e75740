import { findAuthsKey, helperFor, type DockerAuthEntry } from '../../registry/auth/dockerConfig';
import { azAcrLogin, exposeTokenLogin, link, loginServerOf } from '../fixes';
import { firstLine } from '../machine';
import type { Check, CheckEvidence, CheckFix, CheckOutcome } from '../types';
import { invalidConfigOutcome, readDockerConfig } from './configFile';

/**
 * Windows' credential store keeps at most CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 × 512 bytes per secret
 * (wincred.h); users report ACR tokens of about 4 KB refused with "The stub received bad data"
 * (Azure/azure-cli #4843, vscode-docker #1936). Above the documented limit we warn, above 4 KB we fail.
 */
export const WINCRED_BLOB_LIMIT_BYTES = 2560;
export const WINCRED_REPORTED_FAILURE_BYTES = 4096;

/** Helpers that keep secrets in the Windows credential store (Docker Desktop's `desktop` wraps wincred on Windows). */
function usesWincred(helper: string, platform: NodeJS.Platform): boolean {
  return helper === 'wincred' || (helper === 'desktop' && platform === 'win32');
}

/** Byte length of the secret an auths entry holds (never the secret itself). */
function secretBytes(entry: DockerAuthEntry | undefined): number | undefined {
  if (!entry) return undefined;
  if (entry.identitytoken) return Buffer.byteLength(entry.identitytoken);
  if (entry.password) return Buffer.byteLength(entry.password);
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return Buffer.byteLength(colon >= 0 ? decoded.slice(colon + 1) : decoded);
  }
  return undefined;
}

/**
 * `credsStore`/`credHelpers` name a helper that exists and answers, and the token ACR hands out fits the
 * store (failure message 20: "error storing credentials … The stub received bad data").
 */
export const dockerCredsStore: Check = {
  meta: {
    id: 'docker.creds-store',
    area: 'docker',
    title: "Docker's credential store works and can keep ACR tokens",
    faq: ['F25'],
    timeoutMs: 20_000,
    docs: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
  },
  async run(context, signal): Promise<CheckOutcome> {
    const { system, target } = context;
    const read = await readDockerConfig(system);
    if (!read.found) return { status: 'pass', summary: `No ${read.path}: docker login will create it (and pick a credential store).`, evidence: { configPath: read.path, found: false } };
    if ('invalid' in read) return invalidConfigOutcome(read);
    const host = loginServerOf(target).toLowerCase();
    const chosen = helperFor(read.config, host);
    const authsKey = findAuthsKey(read.config.auths, host);
    const storedBytes = secretBytes(authsKey ? read.config.auths?.[authsKey] : undefined);
    const evidence: CheckEvidence = {
      configPath: read.path,
      credsStore: read.config.credsStore ?? null,
      credHelpers: Object.keys(read.config.credHelpers ?? {}),
      helperForRegistry: chosen ? `${chosen.helper} (${chosen.source})` : null,
      storedTokenBytes: storedBytes ?? null,
    };
    if (!chosen) {
      return {
        status: 'pass',
        summary: `No credential helper: docker keeps ${host}'s credentials base64-encoded (not encrypted) in ${read.path}.`,
        evidence,
        fixes: [link('Use a credential store instead of plain config.json', 'https://docs.docker.com/reference/cli/docker/login/#credential-stores')],
      };
    }
    const program = `docker-credential-${chosen.helper}`;
    // `list` prints server URLs and user names only; it reads nothing from stdin and returns no secret.
    const listed = await system.run(program, ['list'], { timeoutMs: 15_000, signal });
    const helperFixes: CheckFix[] = [
      { kind: 'file-edit', title: `Or remove "${chosen.source === 'credsStore' ? 'credsStore' : `credHelpers.${chosen.key}`}" from ${read.path} (credentials then go to config.json)`, file: read.path },
      azAcrLogin(target),
    ];
    if (!listed.found) {
      return {
        status: 'fail',
        summary: `${read.path} names the credential helper "${chosen.helper}" (${chosen.source}), but ${program} is not on PATH: docker login and pulls fail with "error getting credentials".`,
        evidence: { ...evidence, helper: 'not found' },
        fixes: [link(`Install ${program}`, 'https://github.com/docker/docker-credential-helpers/releases'), ...helperFixes],
      };
    }
    if (listed.exitCode !== 0 || listed.timedOut) {
      return {
        status: 'fail',
        summary: `${program} list ${listed.timedOut ? 'did not answer (a locked keychain waiting for a password?)' : `failed: ${firstLine(listed.stderr || listed.stdout) || `exit ${listed.exitCode}`}`}.`,
        evidence: { ...evidence, helperExitCode: listed.exitCode, helperTimedOut: listed.timedOut === true },
        fixes: [{ kind: 'command', title: 'Run the helper by hand to see (or unlock) it', command: `${program} list` }, ...helperFixes],
      };
    }
    let knows: boolean | null;
    try {
      const servers = Object.keys(JSON.parse(listed.stdout) as Record<string, unknown>);
      knows = servers.some((s) => s.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === host);
    } catch {
      knows = null;
    }
    const withHelper: CheckEvidence = { ...evidence, helperAnswers: true, helperKnowsRegistry: knows };
    if (usesWincred(chosen.helper, system.platform)) return wincredOutcome(chosen.helper, storedBytes, withHelper, target);
    return {
      status: 'pass',
      summary: `Credential helper ${chosen.helper} answers${knows === true ? ` and holds credentials for ${host}` : knows === false ? `; it holds nothing for ${host} yet` : ''}.`,
      evidence: withHelper,
    };
  },
};

function wincredOutcome(helper: string, storedBytes: number | undefined, evidence: CheckEvidence, target: { registry: string }): CheckOutcome {
  const fixes: CheckFix[] = [
    exposeTokenLogin(target, 'docker'),
    link('Update Docker Desktop / docker-credential-helpers (larger secrets)', 'https://github.com/docker/docker-credential-helpers/releases'),
    link('Azure/azure-cli #4843: ACR tokens and the Windows credential store', 'https://github.com/Azure/azure-cli/issues/4843'),
  ];
  const limits = { ...evidence, limitBytes: WINCRED_BLOB_LIMIT_BYTES };
  if (storedBytes !== undefined && storedBytes > WINCRED_REPORTED_FAILURE_BYTES) {
    return {
      status: 'fail',
      summary: `Credentials go to the Windows credential store (${helper}), which cannot keep a ${(storedBytes / 1024).toFixed(1)} KB token (limit about ${WINCRED_BLOB_LIMIT_BYTES} bytes): docker login fails with "The stub received bad data", and the token in config.json is ignored.`,
      evidence: limits,
      fixes,
    };
  }
  if (storedBytes !== undefined && storedBytes > WINCRED_BLOB_LIMIT_BYTES) {
    return { status: 'warn', summary: `The ${storedBytes}-byte token is above the Windows credential store's documented ${WINCRED_BLOB_LIMIT_BYTES}-byte limit; ${helper} may refuse it.`, evidence: limits, fixes };
  }
  return {
    status: 'pass',
    summary: `Credential helper ${helper} answers. It is the Windows credential store: if docker login ever says "The stub received bad data", the ACR token was too large for it.`,
    evidence: limits,
  };
}
