// Presented machines and networks for check tests: only the edges (system probe, DNS) are faked;
// TCP, TLS and HTTP go to real loopback servers.
import { nodeNetwork } from '../../../src/core/checks/nodeNetwork';
import type { NetworkProbe, ResolvedAddress } from '../../../src/core/checks/facts';
import type { Check, CheckOutcome, SystemProbe } from '../../../src/core/checks/types';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { createServer as createNetServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeDir, runTool } from '../../fixtures/registry/process';
import { pushImage, startAcrFront, targetFor, type AcrFrontInternals, type AcrFrontOptions } from '../../fixtures/registry/index';

/** A machine with nothing on it (no files, no programs). */
export function emptySystem(): SystemProbe {
  return {
    platform: 'linux',
    env: {},
    homeDir: '/home/test',
    readFile: async () => undefined,
    exists: async () => false,
    listDir: async () => undefined,
    run: async () => ({ found: false, exitCode: null, stdout: '', stderr: '' }),
  };
}

/**
 * node's TCP and TLS, with DNS answered from `answers` (name → addresses; a missing name is ENOTFOUND).
 * IP literals resolve to themselves. Only loopback addresses should be given when a test connects.
 */
export function presentedNetwork(answers: Record<string, string[]>): NetworkProbe & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    async resolve(host: string): Promise<ResolvedAddress[]> {
      lookups.push(host);
      if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return [{ address: host, family: 4 }];
      const found = answers[host.toLowerCase()];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    connect: nodeNetwork.connect,
    tlsHandshake: nodeNetwork.tlsHandshake,
  };
}

/** A stub check for engine tests. */
export function stubCheck(id: string, run: (signal: AbortSignal) => Promise<CheckOutcome> | CheckOutcome, meta: Partial<Check['meta']> = {}): Check {
  return {
    meta: { id, area: 'net', title: `Stub ${id}`, faq: ['F20'], ...meta },
    run: async (_context, signal) => run(signal),
  };
}

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export const USER = { username: 'checks-user', password: 'CANARY-front-password-5c1e' };

/** The ACR-compatible front with one user and `app/web:1.0` pushed. */
export async function startSeededFront(options: AcrFrontOptions = {}): Promise<AcrFrontInternals> {
  const front = await startAcrFront({ users: [USER], ...options });
  await pushImage(targetFor(front), 'app/web', { tag: '1.0', layers: [Buffer.alloc(300 * 1024, 7)] });
  return front;
}

/** A loopback TCP port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TLS listener on 127.0.0.1 with a fresh self-signed certificate (openssl); it answers nothing after the handshake. */
export async function startSelfSignedTls(): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = await makeTempDir('checks-tls');
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const made = await runTool('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=acr-doctor self-signed (test only)', '-addext', 'subjectAltName=IP:127.0.0.1']);
    if (made.code !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    const server: TlsServer = createTlsServer({ key: await readFile(keyPath), cert: await readFile(certPath) }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  } finally {
    await removeDir(dir);
  }
}
