import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { lintAs } from '../ruleTester';

const GIT_DOCKERFILE = 'FROM alpine\nCOPY . /src\nRUN cd /src && \\\n    git rev-parse HEAD > /version\n';

describe('dockerignore language', () => {
  it('never throws on odd input', () => {
    for (const text of ['', '\ufeff', '!\n[\n\\', '\u0000\r\r\n', '['.repeat(10000), '**/**/**/[^/]/\\']) {
      assert.doesNotThrow(() => lintAs(dockerignoreLanguage, { text, companions: { dockerfile: GIT_DOCKERFILE } }));
      assert.deepEqual(lintAs(dockerignoreLanguage, { text, companions: { dockerfile: GIT_DOCKERFILE } }).filter((f) => f.code === 'ACR000'), [], 'no rule threw');
    }
  });
  it('every rule has unique code, ACR2xx, and messages', () => {
    const codes = dockerignoreLanguage.rules.map((r) => r.meta.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of dockerignoreLanguage.rules) {
      assert.match(rule.meta.code, /^ACR2\d\d$/);
      assert.equal(rule.meta.kind, 'dockerignore');
      assert.ok(Object.keys(rule.meta.messages).length > 0);
    }
  });
});
