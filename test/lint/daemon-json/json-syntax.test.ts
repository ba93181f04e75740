import { daemonJsonLanguage, jsonSyntaxMeta } from '../../../src/core/lint/daemon-json';
import { run } from '../ruleTester';

run(daemonJsonLanguage, jsonSyntaxMeta, {
  valid: [
    { name: 'an empty file', text: '' },
    { name: 'strict JSON', text: '{ "debug": true, "log-level": "debug", "features": { "buildkit": true } }\n' },
  ],
  invalid: [
    { name: 'a trailing comma once, at its position', text: '{\n  "debug": true,\n}\n', errors: [{ range: [2, 0, 2, 1], message: ['trailing comma'] }] },
    { name: 'comments', text: '{\n  // note\n  "debug": true\n}', errors: [{ range: [1, 2, 1, 9], message: ['comments are not allowed'] }] },
    { name: 'a non-object root', text: '["debug"]', errors: [{ range: [0, 0, 0, 1], message: ['not an array', 'cannot unmarshal array'] }] },
    { name: '100k nested brackets: one finding', text: '['.repeat(100_000), errors: [{ range: [0, 1000, 0, 1001], message: ['deeper than 1000'] }] },
    { name: '50k nested objects: one finding', text: '{"a":' + '{"b":'.repeat(50_000), errors: [{ range: [0, 5000, 0, 5001], message: ['deeper than 1000'] }] },
  ],
});
