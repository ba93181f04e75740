import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addNondistributableRegistryEdits, daemonJsonLanguage, enableDebugEdits } from '../../../src/core/lint/daemon-json';
import { applyTextEdits } from '../../../src/core/text/lineIndex';
import { applyFix, lintAs } from '../ruleTester';

// The daemon.json language as a whole (every rule at once), its edit builders and its properties.
describe('daemon.json language', () => {
  it('an empty file and strict JSON give no finding of any rule', () => {
    assert.deepEqual(lintAs(daemonJsonLanguage, { text: '' }), []);
    assert.deepEqual(lintAs(daemonJsonLanguage, { text: '{ "debug": true, "log-level": "debug", "features": { "buildkit": true } }\n' }), []);
  });
  it('100k nested brackets give one finding in all, the nesting one', () => {
    assert.deepEqual(lintAs(daemonJsonLanguage, { text: '['.repeat(100_000) }).map((f) => f.code), ['ACR300']);
    assert.deepEqual(lintAs(daemonJsonLanguage, { text: '{"a":' + '{"b":'.repeat(50_000) }).map((f) => f.code), ['ACR300']);
  });
});

describe('edit builders', () => {
  it('enableDebugEdits: flips false, adds to empty, keeps tabs, refuses invalid JSON', () => {
    const apply = (t: string) => applyTextEdits(t, enableDebugEdits(t)).text;
    assert.equal(apply('{"debug": false}'), '{"debug": true}');
    assert.equal(apply(''), '{\n  "debug": true\n}');
    assert.equal(apply('{\n\t"a": 1\n}'), '{\n\t"a": 1,\n\t"debug": true\n}');
    assert.deepEqual(enableDebugEdits('{"debug": true}'), []);
    assert.deepEqual(enableDebugEdits('{"a": 1,}'), []);
    assert.deepEqual(enableDebugEdits('[]'), []);
  });
  it('addNondistributableRegistryEdits: creates, appends, skips duplicates and non-arrays', () => {
    const apply = (t: string, r: string) => applyTextEdits(t, addNondistributableRegistryEdits(t, r)).text;
    assert.equal(apply('{\n  "debug": true\n}\n', 'my.azurecr.io'), '{\n  "debug": true,\n  "allow-nondistributable-artifacts": [\n    "my.azurecr.io"\n  ]\n}\n');
    assert.equal(apply('{\n  "allow-nondistributable-artifacts": [\n    "a.io"\n  ]\n}', 'b.io'), '{\n  "allow-nondistributable-artifacts": [\n    "a.io",\n    "b.io"\n  ]\n}');
    assert.deepEqual(addNondistributableRegistryEdits('{"allow-nondistributable-artifacts": ["a.io"]}', 'a.io'), []);
    assert.deepEqual(addNondistributableRegistryEdits('{"allow-nondistributable-artifacts": "a.io"}', 'b.io'), []);
    assert.deepEqual(addNondistributableRegistryEdits('{"a": 1', 'b.io'), []);
  });
});

// Arbitrary JSON objects with daemon.json-flavoured keys, so the rules have something to bite on.
const KEY = fc.oneof(fc.constantFrom('debug', 'log-level', 'registry-mirrors', 'insecure-registries', 'allow-nondistributable-artifacts', 'log-opts', 'mtu', 'registy-mirrors', 'graph'), fc.string());
const VALUE = fc.jsonValue({ maxDepth: 3 });
const OBJECT = fc.dictionary(KEY, VALUE, { maxKeys: 8 });
const INDENT = fc.constantFrom(undefined, 2, 4, '\t');

describe('properties', () => {
  it('no daemon.json rule throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.stringMatching(/^[[\]{}",:\s\w/*]{0,60}$/)), (text) => {
        for (const rule of daemonJsonLanguage.rules) assert.ok(rule.meta.code);
        lintAs(daemonJsonLanguage, { text });
      }),
      { numRuns: 300 },
    );
  });

  it('every offered fix and edit builder leaves valid JSON', () => {
    fc.assert(
      fc.property(OBJECT, INDENT, fc.boolean(), fc.string({ minLength: 1, maxLength: 20 }), (object, indent, crlf, registry) => {
        let text = JSON.stringify(object, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        for (const finding of lintAs(daemonJsonLanguage, { text })) {
          for (const fix of finding.fixes) JSON.parse(applyFix(text, fix));
        }
        JSON.parse(applyTextEdits(text, enableDebugEdits(text)).text);
        JSON.parse(applyTextEdits(text, addNondistributableRegistryEdits(text, registry)).text);
      }),
      { numRuns: 300 },
    );
  });
});
