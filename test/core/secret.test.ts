// A Secret prints as [redacted] whichever way it is printed; only reveal() gives the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Console } from 'node:console';
import { PassThrough } from 'node:stream';
import { format, inspect } from 'node:util';
import { AuthError } from '../../src/core/registry/errors';
import type { RegistryCredential } from '../../src/core/registry';
import type { AdminCredentials } from '../../src/core/azure/types';
import { Secret } from '../../src/core/secret';

const CANARY = 'canary-Pa55word-7f3c1e';

/** Everything a person or a log could be shown for `value`. */
function renderings(value: unknown): Record<string, string> {
  return {
    String: String(value),
    template: `${value as string}`,
    concatenation: 'x' + (value as string),
    json: JSON.stringify(value),
    jsonPretty: JSON.stringify({ nested: { value } }, null, 2),
    inspect: inspect(value),
    inspectDeep: inspect({ a: { b: { c: value } } }, { depth: Infinity, showHidden: true }),
    formatS: format('%s', value),
    formatO: format('%O', value),
    formatJ: format('%j', value),
  };
}

test('Secret: String, template, JSON, util.inspect and util.format all print [redacted]', () => {
  const secret = new Secret(CANARY);
  for (const [how, text] of Object.entries(renderings(secret))) {
    assert.ok(!text.includes(CANARY), `${how} leaked: ${text}`);
    assert.match(text, /\[redacted\]/, how);
  }
  assert.equal(String(secret), '[redacted]');
  assert.equal(JSON.stringify(secret), '"[redacted]"');
  assert.equal(inspect(secret), '[redacted]');
});

test('Secret: reveal() is the value; equals compares without revealing', () => {
  const secret = new Secret(CANARY);
  assert.equal(secret.reveal(), CANARY);
  assert.ok(secret.equals(new Secret(CANARY)));
  assert.ok(!secret.equals(new Secret('other')));
  assert.ok(!secret.equals(undefined));
  assert.ok(new Secret('').isEmpty && !secret.isEmpty);
});

test('Secret: spreading, Object.entries, structuredClone and freezing expose nothing', () => {
  const secret = new Secret(CANARY);
  assert.deepEqual(Object.entries(secret), []);
  assert.ok(!JSON.stringify({ ...secret }).includes(CANARY));
  assert.ok(!inspect(structuredClone(secret), { showHidden: true }).includes(CANARY));
  assert.ok(Object.isFrozen(secret));
});

test('Secret: registry credentials and Azure admin credentials print redacted, nested', () => {
  const credentials: RegistryCredential[] = [
    { kind: 'basic', username: 'admin', password: new Secret(CANARY) },
    { kind: 'refresh-token', refreshToken: new Secret(CANARY) },
  ];
  const admin: AdminCredentials = { username: 'contoso', passwords: [{ name: 'password', value: new Secret(CANARY) }] };
  for (const value of [...credentials, admin]) {
    for (const [how, text] of Object.entries(renderings(value))) assert.ok(!text.includes(CANARY), `${how} leaked: ${text}`);
  }
  assert.match(JSON.stringify(admin), /"value":"\[redacted\]"/);
});

test('Secret: an error message built from one carries no secret', () => {
  const secret = new Secret(CANARY);
  const error = new AuthError(`login failed with password ${secret}`, { hint: `not ${String(secret)}`, detail: { password: secret } });
  for (const text of [error.message, error.toUserMessage(), String(error), inspect(error, { depth: Infinity }), error.stack ?? '', JSON.stringify({ ...error })]) {
    assert.ok(!text.includes(CANARY), text);
  }
});

test('Secret: console.log / console.error print [redacted]', () => {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const terminal = new Console({ stdout: out, stderr: out });
  const secret = new Secret(CANARY);
  terminal.log(secret);
  terminal.log('password: %s', secret);
  terminal.error({ credential: { kind: 'basic', username: 'u', password: secret } });
  terminal.dir(secret);
  terminal.table([{ password: secret }]);
  const printed = chunks.join('');
  assert.ok(printed.length > 0);
  assert.ok(!printed.includes(CANARY), printed);
  assert.match(printed, /\[redacted\]/);
});
