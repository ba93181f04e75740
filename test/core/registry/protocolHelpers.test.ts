import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextLink } from '../../../src/core/registry/manifest';
import { isDigest } from '../../../src/core/registry/digest';
import { manifestInfoFromAcr } from '../../../src/core/registry/acrShapes';
import { parseRetryAfter, loggableUrl, isLoopbackHost } from '../../../src/core/registry/transport';
import { registryBaseUrl } from '../../../src/core/registry/connection';
import { errorFromResponse } from '../../../src/core/registry/errorMapping';
import { AuthError, ForbiddenError, NotFoundError, OperationDisallowedError, ServerError, ThrottledError, UnsupportedError } from '../../../src/core/registry';

const base = new URL('https://reg.example/v2/_catalog?n=100');

test('nextLink: relative, absolute, several links, no next', () => {
  assert.equal(nextLink('</v2/_catalog?last=b&n=100>; rel="next"', base)?.href, 'https://reg.example/v2/_catalog?last=b&n=100');
  assert.equal(nextLink('<?last=c>; rel=next', base)?.href, 'https://reg.example/v2/_catalog?last=c');
  assert.equal(nextLink('<https://other.example/p2>; rel="next"', base)?.href, 'https://other.example/p2');
  assert.equal(nextLink('</prev>; rel="prev", </v2/x?last=z>; rel="next"', base)?.pathname, '/v2/x');
  assert.equal(nextLink('</a>; title="a, b"; rel="next"', base)?.pathname, '/a');
  assert.equal(nextLink('</p>; rel="prev"', base), undefined);
  assert.equal(nextLink(null, base), undefined);
  assert.equal(nextLink('garbage', base), undefined);
});

test('parseRetryAfter: seconds, HTTP date, past date, junk', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('7', now), 7000);
  assert.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000);
  assert.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

test('registryBaseUrl: https by default, http for loopback, explicit http needs insecure', () => {
  assert.equal(registryBaseUrl('myreg.azurecr.io', false).href, 'https://myreg.azurecr.io/');
  assert.equal(registryBaseUrl('127.0.0.1:5000', false).href, 'http://127.0.0.1:5000/');
  assert.equal(registryBaseUrl('localhost:5000/', false).href, 'http://localhost:5000/');
  assert.equal(registryBaseUrl('https://127.0.0.1:5443', false).href, 'https://127.0.0.1:5443/');
  assert.throws(() => registryBaseUrl('http://10.0.0.5:5000', false), /Refusing plain HTTP/);
  assert.equal(registryBaseUrl('http://10.0.0.5:5000', true).href, 'http://10.0.0.5:5000/');
  assert.ok(isLoopbackHost('[::1]') && isLoopbackHost('127.8.9.10') && !isLoopbackHost('128.0.0.1'));
});

test('loggableUrl: masks SAS signatures and userinfo, keeps paging parameters', () => {
  const out = loggableUrl(new URL('https://user:pw@blob.example/x?sv=1&sig=SECRETSIG&se=2026&last=a&n=10'));
  assert.ok(!out.includes('SECRETSIG') && !out.includes('pw@'));
  assert.match(out, /last=a&n=10/);
});

test('errorFromResponse: status and code → typed error with the server message and a hint', () => {
  const json = (code: string, message: string) => Buffer.from(JSON.stringify({ errors: [{ code, message, detail: { x: 1 } }] }));
  const cases: Array<[number, Buffer, new (...args: never[]) => Error, RegExp]> = [
    [401, json('UNAUTHORIZED', 'authentication required'), AuthError, /role/],
    [403, json('DENIED', 'requested access to the resource is denied'), ForbiddenError, /scoped token/],
    [404, json('NAME_UNKNOWN', 'repository name not known'), NotFoundError, /repository does not exist/],
    [404, json('MANIFEST_UNKNOWN', 'manifest unknown'), NotFoundError, /list the tags/],
    [429, json('TOOMANYREQUESTS', 'slow down'), ThrottledError, /concurrency/],
    [405, json('UNSUPPORTED', 'The operation is unsupported.'), UnsupportedError, /storage\.delete\.enabled/],
    [405, json('REGISTRY_DISALLOWED_OPERATION', 'disallowed'), OperationDisallowedError, /F32/],
    [502, Buffer.from('<html>bad gateway</html>'), ServerError, /retry/],
  ];
  for (const [status, body, type, hint] of cases) {
    const error = errorFromResponse(status, new Headers(), body, 'doing a thing');
    assert.ok(error instanceof type, `${status}: ${error.name}`);
    assert.equal(error.status, status);
    assert.match(error.hint ?? '', hint);
    assert.match(error.message, /while doing a thing/);
  }
  const denied = errorFromResponse(401, new Headers(), json('UNAUTHORIZED', 'authentication required'), 'x');
  assert.equal(denied.registryCode, 'UNAUTHORIZED');
  assert.deepEqual(denied.detail, { x: 1 });
  assert.match(denied.message, /UNAUTHORIZED: authentication required/);
  const leaky = errorFromResponse(400, new Headers(), json('BAD', 'token=abc123secret given'), 'x');
  assert.ok(!leaky.message.includes('abc123secret'), 'server messages are redacted');
});

test('manifestInfoFromAcr: ACR fields as recorded; an index names children only in the single-manifest answer', () => {
  const hex = (c: string) => `sha256:${c.repeat(64)}`;
  const entry = {
    digest: hex('a'),
    imageSize: 10,
    createdTime: '2023-02-28T18:36:40.5864993Z',
    lastUpdateTime: '2023-02-28T18:36:40.5864993Z',
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    tags: ['a', 1],
    changeableAttributes: { deleteEnabled: false, writeEnabled: true, quarantineState: 'Passed' },
  };
  assert.deepEqual(manifestInfoFromAcr(entry, 'listing'), {
    digest: hex('a'),
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    size: 10,
    tags: ['a'],
    platform: undefined,
    references: [],
    createdTime: '2023-02-28T18:36:40.5864993Z',
    changeableAttributes: { deleteEnabled: false, writeEnabled: true },
  });
  // Even if a listing entry carried references, they are not what the planner trusts (nothing was read).
  assert.equal(manifestInfoFromAcr({ ...entry, references: [{ digest: hex('c') }] }, 'listing')?.read, undefined);
  const single = manifestInfoFromAcr({ ...entry, references: [{ digest: hex('c'), architecture: 'amd64', os: 'linux' }] }, 'manifest');
  assert.deepEqual([single?.references, single?.read, single?.unreadable], [[hex('c')], { references: true, subject: false }, undefined]);
  const badChild = manifestInfoFromAcr({ ...entry, references: [{ digest: 'sha256:../..' }] }, 'manifest');
  assert.deepEqual([badChild?.references, badChild?.read], [[], undefined]);
  assert.match(badChild?.unreadable ?? '', /not a digest \("sha256:\.\.\/\.\."\)/);
  assert.match(manifestInfoFromAcr(entry, 'manifest')?.unreadable ?? '', /no "references" list/);
  assert.equal(manifestInfoFromAcr({ tags: [] }, 'listing'), undefined);
  for (const digest of ['sha256:aa', '../../x', 'sha256:../..', `${hex('a')}?x=1#`, hex('A'), `sha512:${'a'.repeat(64)}`]) {
    assert.equal(manifestInfoFromAcr({ ...entry, digest }, 'listing'), undefined, digest);
  }
  assert.ok(isDigest('sha256:' + 'a'.repeat(64)) && isDigest('sha512:' + 'a'.repeat(128)) && !isDigest('latest'));
});
