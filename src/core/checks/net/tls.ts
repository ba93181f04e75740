/** net.tls: TLS ≥ 1.2 negotiated and a certificate chain that verifies for the login server (CONNECTIVITY_SSL_ERROR). */
import { isIP } from 'node:net';
import { DOCS } from '../docs';
import type { Check } from '../types';

const HANDSHAKE_TIMEOUT_MS = 8_000;
const MODERN = new Set(['TLSv1.2', 'TLSv1.3']);
const INTERCEPTED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

export const tlsCheck: Check = {
  meta: {
    id: 'net.tls',
    area: 'net',
    title: 'TLS 1.2+ with a valid certificate chain',
    faq: ['F13'],
    azTitles: ['CONNECTIVITY_SSL_ERROR'],
    dependsOn: ['net.tcp'],
    timeoutMs: 15_000,
    docs: DOCS.errorReference,
  },
  async run(context, signal) {
    const { hostname, port, tls } = context.facts.endpoint();
    if (!tls) return { status: 'skip', summary: `Plain HTTP to ${hostname}:${port} (a local test registry): there is no TLS to check.` };
    const address = isIP(hostname) ? hostname : ((await context.facts.dns(hostname)).addresses[0]?.address ?? hostname);
    let handshake;
    try {
      handshake = await context.facts.network.tlsHandshake(address, port, hostname, { timeoutMs: HANDSHAKE_TIMEOUT_MS, signal });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      return {
        status: 'fail',
        summary: `No TLS handshake with ${hostname}:${port} (${code}): something that does not speak TLS answers, or it offers only versions below TLS 1.2.`,
        evidence: { host: hostname, address, errorCode: code },
        fixes: [{ kind: 'command', title: 'See what answers', command: `openssl s_client -connect ${hostname}:${port} -servername ${hostname} </dev/null` }],
      };
    }
    const evidence = {
      host: hostname,
      protocol: handshake.protocol,
      authorized: handshake.authorized,
      verifyError: handshake.authorizationError ?? null,
      chain: handshake.chain.map((c) => `${c.subject} (issued by ${c.issuer}, valid to ${c.validTo})`),
    };
    if (!handshake.protocol || !MODERN.has(handshake.protocol)) {
      return { status: 'fail', summary: `${hostname} negotiated ${handshake.protocol ?? 'no TLS version'}; ACR requires TLS 1.2 or later (Docker 18.03+).`, evidence };
    }
    if (!handshake.authorized) {
      const issuer = handshake.chain[handshake.chain.length - 1]?.issuer || handshake.chain[0]?.issuer || 'unknown';
      const intercepted = INTERCEPTED.has(handshake.authorizationError ?? '');
      return {
        status: 'fail',
        summary: `The certificate of ${hostname} does not verify (${handshake.authorizationError ?? 'unknown reason'}; issuer "${issuer}")${intercepted ? ': usually a TLS-intercepting proxy whose CA this machine (or Docker) does not trust' : ''}. Docker reports this as "x509: certificate signed by unknown authority".`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Show the chain', command: `openssl s_client -connect ${hostname}:${port} -servername ${hostname} -showcerts </dev/null` },
          { kind: 'link', title: 'Trust a proxy CA for Docker', url: 'https://docs.docker.com/engine/network/ca-certs/' },
        ],
      };
    }
    return { status: 'pass', summary: `${hostname} negotiated ${handshake.protocol}; the certificate chain verifies (${handshake.chain[0]?.subject ?? '?'}).`, evidence };
  },
};
