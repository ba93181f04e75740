/** net.tcp: a TCP connect to every address the login server resolves to (az stops at DNS). */
import { isIP } from 'node:net';
import { DOCS } from '../docs';
import { addressKind, describeNetError } from '../netAddress';
import type { Check } from '../types';

const CONNECT_TIMEOUT_MS = 5_000;

export const tcpCheck: Check = {
  meta: {
    id: 'net.tcp',
    area: 'net',
    title: 'TCP connects to every resolved address',
    faq: ['F21', 'F31'],
    dependsOn: ['net.dns'],
    timeoutMs: 15_000,
    docs: DOCS.troubleshootAccess,
  },
  async run(context, signal) {
    const { hostname, port } = context.facts.endpoint();
    const addresses = isIP(hostname) ? [hostname] : (await context.facts.dns(hostname)).addresses.map((a) => a.address);
    const attempts = await Promise.all(
      addresses.map(async (address) => {
        try {
          const { ms } = await context.facts.network.connect(address, port, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
          return { address, ok: true as const, ms };
        } catch (error) {
          return { address, ok: false as const, code: (error as { code?: string }).code ?? 'ERROR' };
        }
      }),
    );
    const failed = attempts.filter((a) => !a.ok);
    const evidence = {
      port,
      connected: attempts.filter((a) => a.ok).map((a) => `${a.address} (${a.ok ? a.ms : 0} ms)`),
      failed: failed.map((a) => `${a.address}: ${a.ok ? '' : a.code}`),
    };
    if (failed.length === 0) return { status: 'pass', summary: `Connected to ${hostname}:${port} on ${addresses.join(', ')}.`, evidence };
    const first = failed[0] as { address: string; code: string };
    const privateHint = failed.some((a) => addressKind(a.address) === 'private') ? ' A private address needs a route from this machine (VNet peering, VPN, NSG/UDR rules).' : '';
    const status = failed.length === attempts.length ? 'fail' : 'warn';
    return {
      status,
      summary: `${failed.length === attempts.length ? 'No' : `${failed.length} of ${attempts.length}`} address${attempts.length > 1 ? 'es' : ''} of ${hostname}:${port} accept${failed.length === attempts.length ? '' : 's not'} a TCP connection: ${first.address} ${describeNetError(first.code)}.${privateHint}`,
      evidence,
      fixes: [{ kind: 'command', title: 'Test the port yourself', command: `nc -vz ${first.address} ${port}` }],
    };
  },
};
