/**
 * Small helpers the environment checks share for reading the presented machine: its path flavour,
 * where docker keeps its config, and program output made safe for evidence (no control characters,
 * no secrets, bounded length).
 */
import { posix, win32 } from 'node:path';
import { redact } from '../log';
import type { SystemProbe } from './types';

/** Paths as the presented machine spells them (a Windows machine presented on Linux keeps its backslashes). */
export function pathsOf(system: SystemProbe): typeof posix {
  return system.platform === 'win32' ? win32 : posix;
}

/** docker's config directory: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(system: SystemProbe): string {
  const fromEnv = system.env.DOCKER_CONFIG?.trim();
  return fromEnv ? fromEnv : pathsOf(system).join(system.homeDir, '.docker');
}

export function dockerConfigFile(system: SystemProbe): string {
  return pathsOf(system).join(dockerConfigDir(system), 'config.json');
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\u001b\[[0-9;?]*[A-Za-z]/g;

/** Program output for evidence: escape sequences and control characters removed, secrets redacted, trimmed to `max`. */
export function safeOutput(text: string, max = 400): string {
  const clean = redact(text.replace(CONTROL, '')).trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The first non-empty line of program output, made safe. */
export function firstLine(text: string, max = 300): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return safeOutput(line, max);
}

/** Proxy variables as both spellings programs honour; values redacted (proxy URLs may carry user:password). */
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'] as const;

export function proxyEnvironment(system: SystemProbe): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PROXY_VARIABLES) {
    const value = system.env[name];
    if (value !== undefined && value !== '') out[name] = redact(value);
  }
  return out;
}

/** The effective proxy for https requests from this shell (what az and ACR Doctor use), redacted. */
export function httpsProxyOf(system: SystemProbe): string | undefined {
  const value = system.env.HTTPS_PROXY || system.env.https_proxy || system.env.ALL_PROXY || system.env.all_proxy;
  return value ? redact(value) : undefined;
}

/** Compares dotted versions numerically ("17.12.1-ce" vs "18.03"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (v.match(/\d+(?:\.\d+)*/)?.[0] ?? '0').split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
