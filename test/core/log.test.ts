import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryLogger, redact, redactHeaders } from '../../src/core/log';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVz';

test('redact hides every kind of secret we handle', () => {
  const cases = [
    `Authorization: Bearer ${JWT}`,
    'authorization: Basic dXNlcjpwYXNz',
    `grant_type=access_token&service=r.azurecr.io&access_token=${JWT}&tenant=t`,
    'grant_type=refresh_token&refresh_token=opaque-refresh-value&scope=x',
    '{"refresh_token":"opaque-refresh-value","other":1}',
    '{"passwords":[{"name":"password","value":"s3cr3t-value"}]}',
    'https://admin:s3cr3t-value@registry.example/v2/',
    `token ${JWT} in prose`,
  ];
  for (const line of cases) {
    const out = redact(line);
    for (const secret of [JWT, 'dXNlcjpwYXNz', 'opaque-refresh-value', 's3cr3t-value']) {
      assert.ok(!out.includes(secret), `${secret} leaked from ${line}: ${out}`);
    }
    assert.match(out, /\[redacted\]/);
  }
  assert.equal(redact('GET /v2/_catalog?n=100 200'), 'GET /v2/_catalog?n=100 200');
});

test('redactHeaders hides secret headers whatever their value', () => {
  const headers = redactHeaders([
    ['Authorization', 'Bearer x'],
    ['Content-Type', 'application/json'],
  ]);
  assert.deepEqual(headers, { Authorization: '[redacted]', 'Content-Type': 'application/json' });
});

test('the logger redacts before its sink sees a line', () => {
  const logger = createMemoryLogger();
  logger.info(`sending Authorization: Bearer ${JWT}`);
  assert.equal(logger.lines.length, 1);
  assert.ok(!logger.lines[0].includes(JWT));
});
