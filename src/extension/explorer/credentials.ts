/**
 * Credentials for the "Other registries": VS Code's SecretStorage (what "Add Registry…" or
 * "Enter credentials" stored), else the user's Docker config and credential helpers (read by
 * the core), else anonymous. Never in settings, never in a log line.
 */
import { homedir } from 'node:os';
import type * as vscode from 'vscode';
import { findDockerCredentials, type RegistryCredential } from '../../core/registry/index';
import type { Logger } from '../../core/log';
import { Secret } from '../../core/secret';

type Stored = { kind: 'anonymous' } | { kind: 'basic'; username: string; password: string };

const secretKey = (host: string): string => `acrDoctor.registry.${host.toLowerCase()}`;

export interface ResolvedRegistryCredential {
  credential: RegistryCredential;
  /** Where it came from, for the tooltip and log: never the secret. */
  source: string;
}

export class RegistryCredentials {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Logger,
  ) {}

  async store(host: string, credential: Stored): Promise<void> {
    await this.secrets.store(secretKey(host), JSON.stringify(credential));
  }

  async forget(host: string): Promise<void> {
    await this.secrets.delete(secretKey(host));
  }

  /** The stored username/password, for `docker login` (the password goes through an environment variable, never the terminal text). */
  async stored(host: string): Promise<Stored | undefined> {
    const text = await this.secrets.get(secretKey(host));
    if (!text) return undefined;
    try {
      const parsed = JSON.parse(text) as Partial<Stored> & { username?: unknown; password?: unknown };
      if (parsed.kind === 'anonymous') return { kind: 'anonymous' };
      if (parsed.kind === 'basic' && typeof parsed.username === 'string' && typeof parsed.password === 'string') return { kind: 'basic', username: parsed.username, password: parsed.password };
    } catch {
      // A damaged entry counts as none; "Enter credentials" replaces it.
    }
    return undefined;
  }

  async resolve(host: string): Promise<ResolvedRegistryCredential> {
    const stored = await this.stored(host);
    if (stored?.kind === 'anonymous') return { credential: stored, source: 'anonymous (chosen in ACR Doctor)' };
    if (stored) return { credential: { kind: 'basic', username: stored.username, password: new Secret(stored.password) }, source: `user ${stored.username} (VS Code secret storage)` };
    try {
      const lookup = await findDockerCredentials(host, { env: process.env, homeDir: process.env.HOME ?? process.env.USERPROFILE ?? homedir() });
      for (const hint of lookup.hints) this.log.warn(hint.message);
      if (lookup.credential) return { credential: lookup.credential, source: lookup.helper ? `docker-credential-${lookup.helper}` : `Docker config (${lookup.configPath})` };
    } catch (error) {
      this.log.warn(`Reading Docker credentials for ${host} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { credential: { kind: 'anonymous' }, source: 'anonymous (no stored or Docker credentials)' };
  }
}
