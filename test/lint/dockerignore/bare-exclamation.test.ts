import { dockerignoreLanguage } from '../../../src/core/lint/dockerignore';
import { bareExclamationRule } from '../../../src/core/lint/dockerignore/rules/bareExclamation';
import { run } from '../ruleTester';

run(dockerignoreLanguage, bareExclamationRule, {
  valid: [
    { name: 'exceptions with a pattern and "#!" comments', text: '*\n!src\n#!\n' },
    { name: '"# acr-doctor ignore=ACR201" on the line above', text: '# acr-doctor ignore=ACR201\n!\n' },
  ],
  invalid: [
    {
      name: 'a bare "!" with a delete fix',
      text: 'node_modules\n  !  \nbuild\n',
      errors: [{ range: [1, 2, 1, 3], severity: 'error', message: ['illegal exclusion pattern'], fixes: [{ safe: false, edits: [[1, 0, 2, 0, '']], output: 'node_modules\nbuild\n' }] }],
    },
  ],
});
