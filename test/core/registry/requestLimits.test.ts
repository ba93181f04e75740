/**
 * Issue 8 §4 (registry client side): a silent or trickling server fails within
 * the request timeout (once, not once per retry), a Retry-After beyond the
 * retry budget gives up at once quoting the registry, retry waits are reported
 * through onRetryWait, and a token service answering HTML is named as such.
 * Servers are hand-made loopback sockets: the misbehaviour is below what a real
 * registry can be told to do. Every server loop is bounded and stops itself.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ProtocolError, RegistryClient, ResponseTooLargeError, ServerError, ThrottledError, TimeoutError, type RetryWaitInfo } from '../../../src/core/registry';
import { Secret } from '../../../src/core/secret';

/** Guard so that a regression (e.g. per-attempt timeouts × retries) fails instead of stalling the suite. */
const GUARD = { timeout: 15_000 };

describe('request timeout: silent and trickling servers', () => {
  let server: NetServer;
  let host = '';
  const connections: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  /** Writes `text` one byte every 20 ms, at most 2,000 bytes (40 s), stopping when the client goes away. */
  const trickle = (socket: Socket, text: string) => {
    let i = 0;
    const timer = setInterval(() => {
      if (i >= text.length || i >= 2_000 || socket.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        return;
      }
      socket.write(text[i++]);
    }, 20);
    timers.add(timer);
    socket.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };

  before(async () => {
    server = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.once('data', (data) => {
        const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '';
        const kind = path.split('/')[2] ?? '';
        connections[kind] = (connections[kind] ?? 0) + 1;
        if (kind === 'silent') return; // never answers
        if (kind === 'trickle-headers') return trickle(socket, `HTTP/1.1 200 OK\r\nX-Slow: ${'a'.repeat(1_990)}`);
        if (kind === 'trickle-body') {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2000\r\n\r\n');
          return trickle(socket, `{"tags":[${'"x",'.repeat(400)}`);
        }
        socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const kind of ['silent', 'trickle-headers', 'trickle-body']) {
    test(`${kind}: TimeoutError naming the URL and the limit, after one attempt (the limit covers all retries)`, GUARD, async () => {
      const retries: RetryWaitInfo[] = [];
      const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, requestTimeoutMs: 400, maxRetries: 4, retryBaseDelayMs: 1, onRetryWait: (info) => retries.push(info) });
      await assert.rejects(c.getManifest(kind, 'v1'), (error: unknown) => {
        assert.ok(error instanceof TimeoutError, String(error));
        assert.ok(error.message.includes(`http://${host}/v2/${kind}/manifests/v1`), error.message);
        assert.match(error.message, /400 ms/);
        assert.equal(error.limitMs, 400);
        assert.doesNotMatch(error.toUserMessage(), /raise|timeoutMs|requestTimeoutMs/, 'no option named in the message');
        return true;
      });
      assert.equal(connections[kind], 1, 'no retry once the time is used up');
      assert.deepEqual(retries, []);
    });
  }
});

describe('retry budget and onRetryWait', () => {
  let server: HttpServer;
  let host = '';
  const hits: Record<string, number> = {};
  before(async () => {
    server = createHttpServer((req, res) => {
      req.resume();
      const kind = (req.url ?? '').split('/')[2] ?? '';
      const n = (hits[kind] = (hits[kind] ?? 0) + 1);
      const throttled = (retryAfter: string) =>
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter }).end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'too many requests' }] }));
      if (kind === 'forever') return throttled('999999999');
      if (kind === 'budget') return throttled('1');
      if (kind === 'flaky' && n === 1) return res.writeHead(503).end();
      if (kind === 'flaky' || kind === 'tokenhtml') {
        if (kind === 'tokenhtml' && !req.headers.authorization) {
          return res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="local"` }).end();
        }
        const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'b'.repeat(64)}`, size: 2 }, layers: [] });
        return res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(body);
      }
      if (req.url?.startsWith('/token')) {
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><head><title>Sign in to Guest Wi-Fi</title></head><body>Accept the terms</body></html>');
      }
      if (kind === 'huge') return res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) }).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const [options, limit] of [
    [{}, /than the 30 s request timeout/],
    [{ requestTimeoutMs: 600_000 }, /than the 60 s retry budget/],
  ] as const) {
    test(`429 with Retry-After: 999999999 gives up at once, quoting the registry's Retry-After (${limit.source})`, GUARD, async () => {
      const waits: RetryWaitInfo[] = [];
      const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, onRetryWait: (info) => waits.push(info), ...options });
      const before = hits.forever ?? 0;
      await assert.rejects(c.getManifest('forever', 'v1'), (error: unknown) => {
        assert.ok(error instanceof ThrottledError, String(error));
        assert.equal(error.code, 'REGISTRY_THROTTLED_TOO_LONG');
        assert.equal(error.retryAfter, '999999999');
        assert.equal(error.registryCode, 'TOOMANYREQUESTS');
        assert.match(error.message, /Retry-After: 999999999\)/);
        assert.match(error.message, /about 32 years/);
        assert.match(error.message, limit);
        assert.match(error.message, /too many requests/, 'the registry\'s own message');
        assert.doesNotMatch(error.toUserMessage(), /wait 999999999 s/i);
        return true;
      });
      assert.equal(hits.forever - before, 1, 'one request, no waiting');
      assert.deepEqual(waits, []);
    });
  }

  test('a Retry-After longer than the request timeout has left gives up at once', GUARD, async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, requestTimeoutMs: 800 });
    await assert.rejects(c.getManifest('budget', 'v1'), (error: unknown) => error instanceof ThrottledError && error.code === 'REGISTRY_THROTTLED_TOO_LONG' && /Retry-After: 1\).*800 ms request timeout/.test(error.message));
  });

  test('a Retry-After within the budget is waited for (reported through onRetryWait); the next one beyond what is left gives up', GUARD, async () => {
    const waits: RetryWaitInfo[] = [];
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, maxRetryWaitMs: 1_500, onRetryWait: (info) => waits.push(info) });
    const before = hits.budget ?? 0;
    await assert.rejects(c.getManifest('budget', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ThrottledError, String(error));
      assert.equal(error.code, 'REGISTRY_THROTTLED_TOO_LONG');
      assert.match(error.message, /Retry-After: 1\).*500 ms left of the 1.5 s retry budget/);
      return true;
    });
    assert.equal(hits.budget - before, 2);
    assert.deepEqual(waits, [{ url: `http://${host}/v2/budget/manifests/v1`, attempt: 1, waitMs: 1000, reason: 'HTTP 429 Too Many Requests (Retry-After: 1)' }]);
  });

  test('a 503 without Retry-After: backoff reported through onRetryWait, then success', GUARD, async () => {
    const waits: RetryWaitInfo[] = [];
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, retryBaseDelayMs: 5, onRetryWait: (info) => waits.push(info) });
    assert.ok((await c.getManifest('flaky', 'v1')).digest.startsWith('sha256:'));
    assert.equal(waits.length, 1);
    assert.deepEqual([waits[0].attempt, waits[0].reason, waits[0].url], [1, 'HTTP 503 Service Unavailable', `http://${host}/v2/flaky/manifests/v1`]);
    assert.ok(waits[0].waitMs >= 0 && waits[0].waitMs <= 5);
  });

  test('a token service answering HTML: ProtocolError naming the URL, the content type and what probably answered', GUARD, async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'basic', username: 'u', password: new Secret('pw-not-in-messages') } });
    await assert.rejects(c.getManifest('tokenhtml', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ProtocolError, String(error));
      assert.equal(error.code, 'REGISTRY_TOKEN_NOT_JSON');
      const text = error.toUserMessage();
      assert.ok(text.includes(`http://${host}/token`), text);
      assert.match(text, /text\/html/);
      assert.match(text, /an HTML page/);
      assert.match(text, /proxy/);
      assert.match(text, /captive portal/);
      assert.match(text, /login page/);
      assert.doesNotMatch(text, /Guest Wi-Fi|pw-not-in-messages/, 'neither the page nor the password is quoted');
      return true;
    });
  });

  test('a body above the size limit: the hint suggests no option that does not exist', GUARD, async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' } });
    await assert.rejects(c.getManifest('huge', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.doesNotMatch(error.toUserMessage(), /maxBodyBytes|raise/);
      return true;
    });
  });

  test('a 429 that outlasts the retries: the hint quotes the Retry-After instead of "wait N s" arithmetic', GUARD, async () => {
    const c = new RegistryClient({ registry: host, credential: { kind: 'anonymous' }, maxRetries: 0 });
    await assert.rejects(c.getManifest('forever', 'v1'), (error: unknown) => {
      assert.ok(error instanceof ThrottledError && !(error instanceof ServerError), String(error));
      assert.match(error.hint ?? '', /Retry-After: 999999999/);
      assert.doesNotMatch(error.hint ?? '', /999999999 s/);
      return true;
    });
  });
});
