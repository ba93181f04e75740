/** Address classification the network checks share (not a check). */
import { isIP } from 'node:net';

export type AddressKind = 'public' | 'private' | 'loopback' | 'link-local';

/** RFC 1918, CGNAT (RFC 6598) and IPv6 ULA are private: reachable only where a route (VNet, VPN, peering) leads. */
export function addressKind(address: string): AddressKind {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  const v6 = address.toLowerCase();
  if (v6 === '::1') return 'loopback';
  if (v6.startsWith('fe80:')) return 'link-local';
  if (/^f[cd][0-9a-f]{2}:/.test(v6)) return 'private';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped?.[1]) return addressKind(mapped[1]);
  return 'public';
}

/** node error codes in words, for summaries. */
export function describeNetError(code: string | undefined): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'no such host';
    case 'EAI_AGAIN':
      return 'the DNS server did not answer (temporary failure)';
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens on that port, or a firewall rejects it)';
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return code === 'ETIMEDOUT' ? 'no answer in time (a firewall, NSG or missing route drops the packets)' : 'the connection was reset (a proxy or firewall cut it)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to that address (VNet peering, VPN or routing missing)';
    default:
      return code ?? 'failed';
  }
}
