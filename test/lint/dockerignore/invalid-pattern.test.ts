import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { invalidPatternRule } from '../../../src/core/lint/dockerignore/rules/invalidPattern';
import { run } from '../ruleTester';

run(dockerignoreLanguage, invalidPatternRule, {
  valid: [
    { name: 'valid classes and escapes', text: 'a[b-d]e\n[\\]a]\na\\*b\n**/*.log\n' },
    { name: 'exceptions with a pattern and "#!" comments', text: '*\n!src\n#!\n' },
  ],
  invalid: [
    { name: 'an unterminated class', text: 'ok\nfoo[ab\n', errors: [{ range: [1, 0, 1, 6], message: ['`foo[ab`', 'never closed'] }] },
    {
      name: 'a trailing backslash and a bad range at match time',
      text: 'a\\\n[z-a]\n',
      errors: [
        { range: [0, 0, 0, 2], message: ['escapes nothing'] },
        { range: [1, 0, 1, 5], message: ['fails as soon as it matches'] },
      ],
    },
    { name: 'an over-long line', text: 'x'.repeat(70000) + '\n', errors: [{ range: [0, 0, 0, 70000], message: ['token too long'] }] },
  ],
});
