import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenge, type Challenge } from '../../../src/core/registry';

const cases: Array<{ name: string; header: string; expected: Challenge[] }> = [
  {
    name: 'ACR bearer challenge',
    header: 'Bearer realm="https://myreg.azurecr.io/oauth2/token",service="myreg.azurecr.io"',
    expected: [{ scheme: 'bearer', params: { realm: 'https://myreg.azurecr.io/oauth2/token', service: 'myreg.azurecr.io' } }],
  },
  {
    name: 'distribution challenge with a scope holding commas and an error',
    header: 'Bearer realm="http://127.0.0.1:5000/token",service="reg",scope="repository:foo/bar:pull,push",error="insufficient_scope"',
    expected: [{ scheme: 'bearer', params: { realm: 'http://127.0.0.1:5000/token', service: 'reg', scope: 'repository:foo/bar:pull,push', error: 'insufficient_scope' } }],
  },
  { name: 'Basic, scheme case-insensitive', header: 'BASIC realm="acr-doctor-fixture"', expected: [{ scheme: 'basic', params: { realm: 'acr-doctor-fixture' } }] },
  {
    name: 'two challenges in one header',
    header: 'Basic realm="simple", Bearer realm="https://auth.example/token", service="svc"',
    expected: [
      { scheme: 'basic', params: { realm: 'simple' } },
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'svc' } },
    ],
  },
  {
    name: 'escapes inside a quoted string',
    header: 'Bearer realm="a \\"quoted\\" realm, with comma", service="s\\\\x"',
    expected: [{ scheme: 'bearer', params: { realm: 'a "quoted" realm, with comma', service: 's\\x' } }],
  },
  {
    name: 'unquoted token values and whitespace around =',
    header: 'Bearer realm = https://x/token , service=svc',
    expected: [{ scheme: 'bearer', params: { realm: 'https://x/token', service: 'svc' } }],
  },
  {
    name: 'token68 then a parameterised challenge',
    header: 'Negotiate YWJjZA==, Basic realm="r"',
    expected: [
      { scheme: 'negotiate', params: {}, token68: 'YWJjZA==' },
      { scheme: 'basic', params: { realm: 'r' } },
    ],
  },
  { name: 'scheme without parameters', header: 'Negotiate', expected: [{ scheme: 'negotiate', params: {} }] },
  { name: 'parameter names are case-insensitive', header: 'Bearer Realm="r", SERVICE="s"', expected: [{ scheme: 'bearer', params: { realm: 'r', service: 's' } }] },
  { name: 'empty list elements are ignored', header: ' , Basic realm="r",, ', expected: [{ scheme: 'basic', params: { realm: 'r' } }] },
  { name: 'empty header', header: '', expected: [] },
  { name: 'unterminated quoted string does not hang', header: 'Bearer realm="https://x', expected: [{ scheme: 'bearer', params: { realm: 'https://x' } }] },
];

for (const { name, header, expected } of cases) {
  test(`parseChallenge: ${name}`, () => {
    assert.deepEqual(parseChallenge(header), expected);
  });
}

test('parseChallenge: arbitrary junk terminates and yields lower-case schemes', () => {
  for (const junk of ['"""', '=,=,=', 'a=b=c', '\\', 'Bearer ,,,="', '@@@ Basic']) {
    for (const challenge of parseChallenge(junk)) assert.equal(challenge.scheme, challenge.scheme.toLowerCase());
  }
});

test('parseChallenge: any serialised list of challenges parses back (property)', async () => {
  const fc = await import('fast-check');
  const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,10}$/);
  const challenge = fc.record({
    scheme: token,
    params: fc.dictionary(token.map((name) => name.toLowerCase()), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  });
  const quote = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  fc.assert(
    fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), (list) => {
      const header = list.map((c) => [c.scheme, Object.entries(c.params).map(([k, v]) => `${k}=${quote(v)}`).join(', ')].filter(Boolean).join(' ')).join(', ');
      const parsed = parseChallenge(header);
      assert.deepEqual(
        parsed.map((c) => ({ scheme: c.scheme, params: c.params })),
        list.map((c) => ({ scheme: c.scheme.toLowerCase(), params: { ...c.params } })),
      );
    }),
    { numRuns: 300 },
  );
});
