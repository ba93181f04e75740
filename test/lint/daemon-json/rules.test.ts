import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addNondistributableRegistryEdits, daemonJsonLanguage, enableDebugEdits } from '../../../src/core/lint/daemon-json';
import { applyTextEdits } from '../../../src/core/text/lineIndex';
import { applyFix, expectFindings, expectNoFindings, lint, lineRange } from '../ruleTester';

const kind = 'daemon-json' as const;
const ALL_CODES = ['ACR300', 'ACR301', 'ACR302', 'ACR303', 'ACR304', 'ACR305', 'ACR306', 'ACR307'];

describe('ACR300 json-syntax', () => {
  it('reports a trailing comma once, at its position', () => {
    expectFindings({ kind, text: '{\n  "debug": true,\n}\n' }, [{ code: 'ACR300', range: lineRange(2, 0, 1), message: 'trailing comma' }]);
  });
  it('reports comments', () => {
    expectFindings({ kind, text: '{\n  // note\n  "debug": true\n}' }, [{ code: 'ACR300', range: lineRange(1, 2, 9), message: 'comments are not allowed' }]);
  });
  it('reports a non-object root', () => {
    expectFindings({ kind, text: '["debug"]' }, [{ code: 'ACR300', range: lineRange(0, 0, 1), message: ['not an array', 'cannot unmarshal array'] }]);
  });
  it('survives 100k nested brackets with one finding', () => {
    expectFindings({ kind, text: '['.repeat(100_000) }, [{ code: 'ACR300', range: lineRange(0, 1000, 1001), message: 'deeper than 1000' }], []);
    expectFindings({ kind, text: '{"a":' + '{"b":'.repeat(50_000) }, [{ code: 'ACR300', message: 'deeper than 1000' }], []);
  });
  it('accepts an empty file and strict JSON', () => {
    expectNoFindings({ kind, text: '' }, ALL_CODES);
    expectNoFindings({ kind, text: '{ "debug": true, "log-level": "debug", "features": { "buildkit": true } }\n' }, [...ALL_CODES, 'ACR308']);
  });
});

describe('ACR301 unknown-key', () => {
  it('reports a typo with a rename fix (not safe)', () => {
    const text = '{\n  "registy-mirrors": []\n}\n';
    expectFindings({ kind, text }, [
      {
        code: 'ACR301',
        range: lineRange(1, 2, 19),
        message: ["don't match any configuration option: registy-mirrors", 'Did you mean "registry-mirrors"'],
        fixes: [{ safe: false, edits: [{ range: lineRange(1, 2, 19), newText: '"registry-mirrors"' }], output: '{\n  "registry-mirrors": []\n}\n' }],
      },
    ]);
  });
  it('reports removed keys with the replacement', () => {
    expectFindings({ kind, text: '{"graph": "/var/lib/docker"}' }, [{ code: 'ACR301', message: ['was removed', 'data-root'], fixes: [] }]);
  });
  it('reports far-off keys without a guess', () => {
    expectFindings({ kind, text: '{"zzzzzzzzzzzzzz": 1}' }, [{ code: 'ACR301', fixes: [] }]);
  });
  it('accepts current keys', () => {
    expectNoFindings({ kind, text: '{"metrics-addr": "127.0.0.1:9323", "firewall-backend": "nftables", "proxies": {}, "bip6": "", "host-gateway-ips": []}' }, ['ACR301']);
  });
});

describe('ACR302 value-type', () => {
  it('reports wrong types with the expected form', () => {
    expectFindings({ kind, text: '{"debug": "true", "mtu": 1500.5, "dns": ["8.8.8.8", 1], "max-concurrent-uploads": 3}' }, [
      { code: 'ACR302', range: lineRange(0, 10, 16), message: ['"debug" must be true or false', 'not a string', 'type bool'] },
      { code: 'ACR302', range: lineRange(0, 25, 31), message: 'number with a fraction' },
      { code: 'ACR302', range: lineRange(0, 40, 54), message: 'array of strings' },
    ]);
  });
  it('reports non-string log-opts values and non-boolean features', () => {
    expectFindings({ kind, text: '{"log-opts": {"max-size": "10m", "max-file": 3}, "features": {"buildkit": "yes"}}' }, [
      { code: 'ACR302', line: 0, message: ['"log-opts"', '"max-file" is a number'] },
      { code: 'ACR302', line: 0, message: ['"features"', 'boolean'] },
    ]);
  });
  it('accepts sizes as string or number', () => {
    expectNoFindings({ kind, text: '{"default-shm-size": "64M"}' }, ['ACR302']);
    expectNoFindings({ kind, text: '{"default-shm-size": 67108864}' }, ['ACR302']);
  });
});

describe('ACR303 log-level', () => {
  it('reports "warning" with a fix to "warn"', () => {
    expectFindings({ kind, text: '{"log-level": "warning"}' }, [
      { code: 'ACR303', range: lineRange(0, 14, 23), message: 'invalid logging level: warning', fixes: [{ safe: false, output: '{"log-level": "warn"}' }] },
    ]);
  });
  it('accepts every level, case-insensitively', () => {
    for (const level of ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'DEBUG']) expectNoFindings({ kind, text: `{"log-level": "${level}"}` }, ['ACR303']);
  });
});

describe('ACR304 insecure-registry-entry', () => {
  it('scheme stripped (warning, safe fix), other scheme and bad host (error), ACR (warning)', () => {
    expectFindings({ kind, text: '{"insecure-registries": ["http://reg.local:5000", "ftp://x", "a/b", "myreg.azurecr.io", "10.0.0.0/8", "reg:5000", "[::1]:5000"]}' }, [
      { code: 'ACR304', severity: 'warning', message: 'strips "http://"', fixes: [{ safe: true, output: '{"insecure-registries": ["reg.local:5000", "ftp://x", "a/b", "myreg.azurecr.io", "10.0.0.0/8", "reg:5000", "[::1]:5000"]}' }] },
      { code: 'ACR304', severity: 'error', message: "should not contain '://'" },
      { code: 'ACR304', severity: 'error', message: 'invalid host "a/b"' },
      { code: 'ACR304', severity: 'warning', message: 'Azure Container Registry' },
    ]);
  });
});

describe('ACR305 registry-mirror-entry', () => {
  it('rejects non-http schemes, queries, fragments and credentials', () => {
    expectFindings({ kind, text: '{"registry-mirrors": ["mirror.local", "https://m.io/?a=1", "https://m.io/#x", "https://u:p@m.io", "https://ok.example.com/path"]}' }, [
      { code: 'ACR305', message: 'mirror.local' },
      { code: 'ACR305', message: 'query or fragment' },
      { code: 'ACR305', message: 'query or fragment' },
      { code: 'ACR305', message: 'username/password' },
    ]);
  });
});

describe('ACR306 mirror-not-for-acr', () => {
  it('warns when an ACR is used as a mirror', () => {
    expectFindings({ kind, text: '{"registry-mirrors": ["https://myreg.azurecr.io"]}' }, [{ code: 'ACR306', severity: 'warning', message: ['Docker Hub (docker.io) pulls', 'myreg.azurecr.io/...'] }]);
  });
  it('informs when the file names an ACR and also lists mirrors', () => {
    expectFindings({ kind, text: '{"registry-mirrors": ["https://mirror.gcr.io"], "allow-nondistributable-artifacts": ["myreg.azurecr.io"]}' }, [
      { code: 'ACR306', severity: 'info', range: lineRange(0, 1, 19), message: 'pulls from myreg.azurecr.io always go straight' },
    ]);
  });
  it('is quiet for ordinary mirrors', () => {
    expectNoFindings({ kind, text: '{"registry-mirrors": ["https://mirror.gcr.io"]}' }, ['ACR306']);
  });
});

describe('ACR307 nondistributable-artifacts', () => {
  it('explains Docker 28+ and validates entries', () => {
    expectFindings({ kind, text: '{"allow-nondistributable-artifacts": ["myreg.azurecr.io", "https://x.azurecr.io"]}' }, [
      { code: 'ACR307', severity: 'info', range: lineRange(0, 1, 35), message: ['28.0 deprecated', '28.1 ignores', '29', 'pushes foreign layers already'] },
      { code: 'ACR307', severity: 'error', message: "should not contain '://'" },
    ]);
  });
});

describe('ACR308 debug-logging', () => {
  it('hints on the root object with a fix that keeps indentation and CRLF', () => {
    const text = '{\r\n    "log-level": "info"\r\n}\r\n';
    expectFindings({ kind, text }, [
      { code: 'ACR308', severity: 'hint', range: lineRange(0, 0, 1), fixes: [{ safe: false, output: '{\r\n    "log-level": "info",\r\n    "debug": true\r\n}\r\n' }] },
    ]);
  });
  it('is quiet when debug is on', () => {
    expectNoFindings({ kind, text: '{"debug": true}' }, ['ACR308']);
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
        lint({ kind, text });
      }),
      { numRuns: 300 },
    );
  });

  it('every offered fix and edit builder leaves valid JSON', () => {
    fc.assert(
      fc.property(OBJECT, INDENT, fc.boolean(), fc.string({ minLength: 1, maxLength: 20 }), (object, indent, crlf, registry) => {
        let text = JSON.stringify(object, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        for (const finding of lint({ kind, text })) {
          for (const fix of finding.fixes) JSON.parse(applyFix(text, fix));
        }
        JSON.parse(applyTextEdits(text, enableDebugEdits(text)).text);
        JSON.parse(applyTextEdits(text, addNondistributableRegistryEdits(text, registry)).text);
      }),
      { numRuns: 300 },
    );
  });
});
