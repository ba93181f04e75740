/** The real `NetworkProbe`: node's resolver, TCP and TLS. Tests present their own answers instead. */
import { promises as dns } from 'node:dns';
import { isIP, Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type DetailedPeerCertificate } from 'node:tls';
import type { NetworkProbe, ResolvedAddress, TlsHandshake } from './facts';

function abortError(): Error {
  return Object.assign(new Error('The operation was cancelled.'), { name: 'AbortError', code: 'ABORT_ERR' });
}

async function resolve(host: string): Promise<ResolvedAddress[]> {
  const literal = isIP(host);
  if (literal) return [{ address: host, family: literal as 4 | 6 }];
  const answers = await dns.lookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

function connect(address: string, port: number, options: { timeoutMs: number; signal?: AbortSignal }): Promise<{ ms: number }> {
  return new Promise((resolvePromise, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const started = performance.now();
    const socket = new Socket();
    const done = (error?: Error) => {
      socket.destroy();
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolvePromise({ ms: Math.round(performance.now() - started) });
    };
    const onAbort = () => done(abortError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(options.timeoutMs, () => done(Object.assign(new Error(`no TCP answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    socket.once('error', (error) => done(error));
    socket.connect({ host: address, port }, () => done());
  });
}

function firstOf(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function chainOf(leaf: PeerCertificate | DetailedPeerCertificate): TlsHandshake['chain'] {
  const chain: TlsHandshake['chain'] = [];
  let cert: DetailedPeerCertificate | undefined = leaf as DetailedPeerCertificate;
  const seen = new Set<string>();
  while (cert && cert.fingerprint256 && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256);
    chain.push({ subject: firstOf(cert.subject?.CN), issuer: firstOf(cert.issuer?.CN), validFrom: cert.valid_from, validTo: cert.valid_to });
    cert = cert.issuerCertificate;
  }
  return chain;
}

function tlsHandshake(address: string, port: number, servername: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<TlsHandshake> {
  return new Promise((resolvePromise, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    // Verification is judged, not enforced: we want to report the chain even when it does not verify.
    const socket = tlsConnect({ host: address, port, servername: isIP(servername) ? undefined : servername, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    const finish = (outcome: { error: Error } | { value: TlsHandshake }) => {
      socket.destroy();
      options.signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) reject(outcome.error);
      else resolvePromise(outcome.value);
    };
    const onAbort = () => finish({ error: abortError() });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(options.timeoutMs, () => finish({ error: Object.assign(new Error(`no TLS handshake within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' }) }));
    socket.once('error', (error) => finish({ error }));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      // The chain may verify and still be for another name (a privatelink FQDN, a proxy's certificate).
      const identityError = socket.authorized ? checkServerIdentity(servername, peer) : undefined;
      const chainError = socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : undefined;
      const authorizationError = chainError ?? (identityError ? String((identityError as Error & { code?: string }).code ?? identityError.message) : undefined);
      finish({ value: { protocol: socket.getProtocol(), authorized: socket.authorized && !identityError, authorizationError, chain: chainOf(peer) } });
    });
  });
}

export const nodeNetwork: NetworkProbe = { resolve, connect, tlsHandshake };
