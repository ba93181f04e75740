// Presented machines and networks for check tests: only the edges (system probe, DNS) are faked;
// TCP, TLS and HTTP go to real loopback servers.
import { nodeNetwork } from '../../../src/core/checks/nodeNetwork';
import type { NetworkProbe, ResolvedAddress } from '../../../src/core/checks/facts';
import type { Check, CheckOutcome, SystemProbe } from '../../../src/core/checks/types';

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
