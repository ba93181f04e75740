import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../../src/core/secret';
import { TokenCache, jwtExpiry, tokenExpiry } from '../../../src/core/registry/auth/tokenCache';

const jwtWith = (payload: object): string =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

test('token cache: 20 concurrent callers share one fetch', async () => {
  const cache = new TokenCache();
  let fetches = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const calls = Array.from({ length: 20 }, () =>
    cache.get('reg\nrepository:a:pull', async () => {
      fetches++;
      await gate;
      return { value: new Secret('token-1'), expiresAt: Date.now() + 3_600_000 };
    }),
  );
  release();
  assert.deepEqual((await Promise.all(calls)).map((token) => token.reveal()), Array(20).fill('token-1'));
  assert.equal(fetches, 1);
  // And later callers hit the cache.
  assert.equal((await cache.get('reg\nrepository:a:pull', async () => ({ value: new Secret('token-2') }))).reveal(), 'token-1');
  assert.equal(fetches, 1);
});

test('token cache: different scopes are different keys', async () => {
  const cache = new TokenCache();
  const a = await cache.get('reg\nrepository:a:pull', async () => ({ value: new Secret('a'), expiresAt: Date.now() + 60_000 }));
  const b = await cache.get('reg\nrepository:b:pull', async () => ({ value: new Secret('b'), expiresAt: Date.now() + 60_000 }));
  assert.deepEqual([a.reveal(), b.reveal()], ['a', 'b']);
});

test('token cache: refreshes before exp with a safety margin', async () => {
  let now = 1_000_000;
  const cache = new TokenCache({ now: () => now, safetyMarginMs: 60_000 });
  let n = 0;
  const fetch = async () => ({ value: new Secret(`t${++n}`), expiresAt: now + 3_600_000 });
  assert.equal((await cache.get('k', fetch)).reveal(), 't1');
  now += 3_600_000 - 61_000;
  assert.equal((await cache.get('k', fetch)).reveal(), 't1', 'still valid outside the margin');
  now += 2_000;
  assert.equal((await cache.get('k', fetch)).reveal(), 't2', 'refreshed inside the margin');
});

test('token cache: a short-lived token keeps most of its life (margin is a fifth of it)', async () => {
  let now = 0;
  const cache = new TokenCache({ now: () => now });
  let n = 0;
  const fetch = async () => ({ value: new Secret(`t${++n}`), expiresAt: now + 10_000 });
  await cache.get('k', fetch);
  now = 7_900;
  assert.equal((await cache.get('k', fetch)).reveal(), 't1');
  now = 8_100;
  assert.equal((await cache.get('k', fetch)).reveal(), 't2');
});

test('token cache: a failed fetch is not cached and the next caller retries', async () => {
  const cache = new TokenCache();
  await assert.rejects(cache.get('k', async () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal((await cache.get('k', async () => ({ value: new Secret('ok'), expiresAt: Date.now() + 60_000 }))).reveal(), 'ok');
});

test('token cache: invalidate with a stale value keeps the fresh token', async () => {
  const cache = new TokenCache();
  await cache.get('k', async () => ({ value: new Secret('fresh'), expiresAt: Date.now() + 60_000 }));
  cache.invalidate('k', new Secret('stale'));
  assert.equal((await cache.get('k', async () => ({ value: new Secret('other') }))).reveal(), 'fresh');
  cache.invalidate('k', new Secret('fresh'));
  assert.equal((await cache.get('k', async () => ({ value: new Secret('other') }))).reveal(), 'other');
});

test('jwtExpiry and tokenExpiry: JWT exp wins, then issued_at + expires_in, then now + expires_in', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(jwtExpiry(jwtWith({ exp: 1_900_000_000 })), 1_900_000_000_000);
  assert.equal(jwtExpiry('not-a-jwt'), undefined);
  assert.equal(jwtExpiry('a.!!!.c'), undefined);
  assert.equal(tokenExpiry(jwtWith({ exp: 1_900_000_000 }), { expires_in: 60 }, now), 1_900_000_000_000);
  assert.equal(tokenExpiry('opaque', { expires_in: 300, issued_at: '2025-12-31T23:59:00Z' }, now), now - 60_000 + 300_000);
  assert.equal(tokenExpiry('opaque', { expires_in: 300, issued_at: '2020-01-01T00:00:00Z' }, now), now + 300_000, 'a far-off issued_at (clock skew) is ignored');
  assert.equal(tokenExpiry('opaque', {}, now), undefined);
});

test('token cache: one caller cancelling does not fail the others sharing the fetch', async () => {
  const cache = new TokenCache();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const fetch = async () => {
    await gate;
    return { value: new Secret('shared'), expiresAt: Date.now() + 60_000 };
  };
  const controller = new AbortController();
  const cancelled = cache.get('k', fetch, controller.signal);
  const other = cache.get('k', fetch);
  controller.abort();
  await assert.rejects(cancelled, { name: 'CancelledError' });
  release();
  assert.equal((await other).reveal(), 'shared');
});
