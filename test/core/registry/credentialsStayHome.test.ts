/**
 * Issue 8 §2: credentials never leave the registry's host. A hostile registry on
 * 127.0.0.1 (Basic auth with a canary password) points the client at the capture
 * server on 127.0.0.2 in every way a registry can: a paging Link, a Bearer
 * realm, an API redirect, a token-service redirect, a blob redirect. The capture
 * server must receive nothing (or, for the blob, the request without any
 * credential). The hostile answers are hand-made because a real docker-registry
 * does not send them; each mimics the wire shape a misconfigured or hostile
 * registry/proxy would (absolute Link URLs, WWW-Authenticate, 307 Location).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryLogger } from '../../../src/core/log';
import { AuthError, ProtocolError, RedirectRefusedError, RegistryClient, type RegistryCredential } from '../../../src/core/registry';
import { Authenticator, tokenRealm } from '../../../src/core/registry/auth/authenticator';
import { TokenCache } from '../../../src/core/registry/auth/tokenCache';
import { Transport } from '../../../src/core/registry/transport';
import { Secret } from '../../../src/core/secret';
import { startCaptureServer, type RecordingCaptureServer } from '../../fixtures/registry/captureServer';

const USER = 'hostile-user';
const CANARY = `canary-${randomBytes(12).toString('hex')}`;
const CANARY_BASIC = Buffer.from(`${USER}:${CANARY}`).toString('base64');
const AAD_CANARY = `aad-canary-${randomBytes(12).toString('hex')}`;
const REFRESH_CANARY = `refresh-canary-${randomBytes(12).toString('hex')}`;
const ALL_CANARIES = [CANARY, CANARY_BASIC, AAD_CANARY, REFRESH_CANARY];
const basicCredential: RegistryCredential = { kind: 'basic', username: USER, password: new Secret(CANARY) };

type Route = (req: IncomingMessage, res: ServerResponse, authorized: boolean) => boolean;

let hostile: Server;
let hostileUrl = '';
let hostileHost = '';
let capture: RecordingCaptureServer;
let route: Route | undefined;
const hostileSaw: Array<{ path: string; authorization?: string }> = [];

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

before(async () => {
  capture = await startCaptureServer();
  hostile = createServer((req, res) => {
    hostileSaw.push({ path: req.url ?? '/', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    req.resume();
    const authorized = req.headers.authorization === `Basic ${CANARY_BASIC}`;
    if (route?.(req, res, authorized)) return;
    if (!authorized) return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': 'Basic realm="hostile"' });
    json(res, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', () => resolve()));
  hostileHost = `127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  hostileUrl = `http://${hostileHost}`;
});
after(async () => {
  hostile?.closeAllConnections();
  await new Promise<void>((resolve) => (hostile ? hostile.close(() => resolve()) : resolve()));
  await capture?.stop();
});
beforeEach(() => {
  route = undefined;
  capture.reply(undefined);
  capture.requests.length = 0;
  hostileSaw.length = 0;
});

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ registry: hostileHost, credential: basicCredential, retryBaseDelayMs: 1, maxRetries: 0, ...extra });

async function collect<T>(items: AsyncIterable<T>, into: T[]): Promise<T[]> {
  for await (const item of items) into.push(item);
  return into;
}

function assertCaptureGotNothing(): void {
  assert.deepEqual(capture.requests.map((r) => `${r.method} ${r.path}`), [], 'the capture server received no request');
  assert.deepEqual(capture.received(ALL_CANARIES), []);
}

const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 2 }, layers: [] });

describe('credentials stay on the registry host (capture server on another host)', () => {
  test('a paging Link to another origin: ProtocolError naming both, nothing sent there, nothing merged', async () => {
    route = (req, res, authorized) => {
      if (!authorized || !req.url?.startsWith('/v2/_catalog')) return false;
      json(res, 200, { repositories: ['home/a', 'home/b'] }, { link: `<${capture.url}/v2/_catalog?last=home%2Fb&n=2>; rel="next"` });
      return true;
    };
    capture.reply(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ repositories: ['evil/injected'] }) }));
    const listed: string[] = [];
    await assert.rejects(collect(client().repositories({ pageSize: 2 }), listed), (error: unknown) => {
      assert.ok(error instanceof ProtocolError, String(error));
      assert.equal(error.code, 'REGISTRY_LINK_OTHER_ORIGIN');
      assert.ok(error.message.includes(hostileUrl) && error.message.includes(capture.url), error.message);
      return true;
    });
    assert.ok(!listed.includes('evil/injected'), 'nothing from the other host is merged');
    assert.ok(hostileSaw.some((r) => r.authorization === `Basic ${CANARY_BASIC}`), 'the registry itself did get the credential (the test is not vacuous)');
    assertCaptureGotNothing();
  });

  test('a Bearer realm over plain HTTP on another host: AuthError, the password is not sent', async () => {
    route = (req, res) => {
      if (req.headers.authorization?.startsWith('Bearer ')) return false;
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `Bearer realm="${capture.url}/token",service="hostile"` });
      return true;
    };
    capture.reply(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'captured-token' }) }));
    await assert.rejects(client().getManifest('app', 'v1'), (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.code, 'REGISTRY_REALM_INSECURE');
      assert.ok(error.message.includes(new URL(capture.url).host), error.message);
      return true;
    });
    assertCaptureGotNothing();
  });

  test('the same realm with insecureHttp (loopback, explicit opt-in) is used, and --trace names the other host', async () => {
    route = (req, res) => {
      if (req.headers.authorization === 'Bearer token-from-realm') {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}` }).end(MANIFEST);
        return true;
      }
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `Bearer realm="${capture.url}/token",service="hostile"` });
      return true;
    };
    capture.reply(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'token-from-realm' }) }));
    const logger = createMemoryLogger('trace');
    const manifest = await client({ insecureHttp: true, logger }).getManifest('app', 'v1');
    assert.equal(manifest.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    assert.deepEqual(capture.requests.map((r) => r.path.split('?')[0]), ['/token']);
    assert.ok(logger.lines.some((line) => line.includes('token service') && line.includes(`${capture.url}/token`) && line.includes('another host')), logger.lines.join('\n'));
  });

  test('an ACR host whose challenge names a realm elsewhere: refused before any credential is sent (Basic, refresh token, Entra)', async () => {
    const transport = new Transport({ requestTimeoutMs: 5_000, maxRetries: 0, maxBodyBytes: 1024 * 1024, maxRetryWaitMs: 0, retryBaseDelayMs: 1, insecureHttp: true });
    const credentials: RegistryCredential[] = [
      basicCredential,
      { kind: 'refresh-token', refreshToken: new Secret(REFRESH_CANARY) },
      { kind: 'aad', getAadToken: async () => ({ token: new Secret(AAD_CANARY), tenantId: 'tenant' }) },
    ];
    capture.reply(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 't', access_token: 't', refresh_token: 'r' }) }));
    for (const credential of credentials) {
      // insecureHttp true and a loopback realm: only the ACR rule can refuse it.
      const auth = new Authenticator('myreg.azurecr.io', credential, transport, new TokenCache(), true);
      await assert.rejects(auth.onUnauthorized(`Bearer realm="${capture.url}/oauth2/token",service="myreg.azurecr.io"`, 'repository:app:pull', undefined), (error: unknown) => {
        assert.ok(error instanceof AuthError, String(error));
        assert.equal(error.code, 'REGISTRY_REALM_UNEXPECTED', credential.kind);
        assert.match(error.message, /https:\/\/myreg\.azurecr\.io\/oauth2\/token/);
        assert.ok(error.message.includes(capture.url), error.message);
        return true;
      });
    }
    assertCaptureGotNothing();
  });

  test('an API call redirected to another host: RedirectRefusedError naming both, nothing sent there', async () => {
    route = (req, res, authorized) => {
      if (!authorized || !req.url?.startsWith('/v2/app/manifests/')) return false;
      res.writeHead(307, { location: `${capture.url}${req.url}` }).end();
      return true;
    };
    capture.reply(() => ({ status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: MANIFEST }));
    await assert.rejects(client().getManifest('app', 'v1'), (error: unknown) => {
      assert.ok(error instanceof RedirectRefusedError, String(error));
      assert.equal(error.code, 'REGISTRY_REDIRECT_OTHER_HOST');
      assert.ok(error.message.includes(hostileUrl) && error.message.includes(capture.url), error.message);
      return true;
    });
    assertCaptureGotNothing();
  });

  test('a token service redirecting to another host (a sign-in page): refused, nothing sent there', async () => {
    route = (req, res) => {
      if (req.url?.startsWith('/token')) {
        res.writeHead(302, { location: `${capture.url}/login?return=${encodeURIComponent(req.url)}` }).end();
        return true;
      }
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': `Bearer realm="${hostileUrl}/token",service="hostile"` });
      return true;
    };
    await assert.rejects(client().getManifest('app', 'v1'), (error: unknown) => error instanceof RedirectRefusedError && error.code === 'REGISTRY_REDIRECT_OTHER_HOST');
    assert.ok(hostileSaw.some((r) => r.path.startsWith('/token') && r.authorization === `Basic ${CANARY_BASIC}`), 'the registry\'s own token service got the credential');
    assertCaptureGotNothing();
  });

  // Behaviour kept from before issue 8 (this test passes on main too): a blob may come from another host, never with our credentials.
  test('a blob download redirected to another host is followed without Authorization', async () => {
    const config = JSON.stringify({ created: '2024-05-06T07:08:09Z', architecture: 'amd64', os: 'linux' });
    const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [] });
    route = (req, res, authorized) => {
      if (!authorized) return false;
      if (req.url?.startsWith('/v2/app/tags/list')) return json(res, 200, { name: 'app', tags: ['v1'] }), true;
      if (req.url === '/v2/app/manifests/v1') {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': `sha256:${createHash('sha256').update(manifest).digest('hex')}` }).end(manifest);
        return true;
      }
      if (req.url === `/v2/app/blobs/${configDigest}`) {
        res.writeHead(307, { location: `${capture.url}/v2/app/blobs/${configDigest}?sig=storage-signature` }).end();
        return true;
      }
      return false;
    };
    capture.reply((request) => (request.path.startsWith(`/v2/app/blobs/${configDigest}`) ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: config } : undefined));
    const tags = await collect(client().tags('app', { order: 'newest' }), []);
    assert.deepEqual(tags.map((t) => [t.name, t.createdTime]), [['v1', '2024-05-06T07:08:09Z']]);
    assert.equal(capture.requests.length, 1);
    assert.equal(capture.requests[0].authorization, undefined, 'no Authorization to the blob host');
    assert.deepEqual(capture.received(ALL_CANARIES), []);
    assert.ok(hostileSaw.some((r) => r.path === `/v2/app/blobs/${configDigest}` && r.authorization === `Basic ${CANARY_BASIC}`), 'the registry itself got the credential');
  });
});

describe('tokenRealm: where a challenge may send credentials', () => {
  const refused = (registry: string, realm: string, insecureHttp: boolean, code: string) =>
    assert.throws(() => tokenRealm(registry, realm, insecureHttp), (error: unknown) => error instanceof AuthError && error.code === code, `${registry} → ${realm}`);

  test('ACR: only https://LOGIN/oauth2/token on its own login server', () => {
    assert.equal(tokenRealm('myreg.azurecr.io', 'https://myreg.azurecr.io/oauth2/token', false).otherHost, false);
    assert.equal(tokenRealm('myreg.azurecr.cn', 'https://myreg.azurecr.cn/oauth2/token', false).otherHost, false);
    refused('myreg.azurecr.io', 'https://other.azurecr.io/oauth2/token', false, 'REGISTRY_REALM_UNEXPECTED');
    refused('myreg.azurecr.io', 'https://evil.example/oauth2/token', false, 'REGISTRY_REALM_UNEXPECTED');
    refused('myreg.azurecr.io', 'http://myreg.azurecr.io/oauth2/token', true, 'REGISTRY_REALM_UNEXPECTED');
    refused('myreg.azurecr.io', 'https://myreg.azurecr.io:8443/oauth2/token', false, 'REGISTRY_REALM_UNEXPECTED');
    refused('myreg.azurecr.io', 'https://myreg.azurecr.io/oauth2/exchange', false, 'REGISTRY_REALM_UNEXPECTED');
  });

  test('elsewhere: HTTPS anywhere (other hosts flagged for the trace), plain HTTP only on the same loopback host or with insecureHttp on loopback', () => {
    assert.equal(tokenRealm('registry-1.docker.io', 'https://auth.docker.io/token', false).otherHost, true);
    assert.equal(tokenRealm('127.0.0.1:5000', 'http://127.0.0.1:5001/token', false).otherHost, false);
    assert.equal(tokenRealm('127.0.0.1:5000', 'http://127.0.0.2:5001/token', true).otherHost, true);
    assert.equal(tokenRealm('reg.example:5000', 'http://reg.example:5000/token', true).otherHost, false);
    refused('127.0.0.1:5000', 'http://127.0.0.2:5001/token', false, 'REGISTRY_REALM_INSECURE');
    refused('reg.example', 'http://auth.example/token', true, 'REGISTRY_REALM_INSECURE');
    refused('reg.example', 'http://reg.example/token', false, 'REGISTRY_REALM_INSECURE');
    refused('reg.example', 'ftp://reg.example/token', true, 'REGISTRY_REALM_INSECURE');
  });
});
