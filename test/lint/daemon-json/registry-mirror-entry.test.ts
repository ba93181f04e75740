import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { registryMirrorEntryRule } from '../../../src/core/lint/daemon-json/rules/registryMirrorEntry';
import { run } from '../ruleTester';

run(daemonJsonLanguage, registryMirrorEntryRule, {
  valid: [{ name: 'an https mirror with a path', text: '{"registry-mirrors": ["https://ok.example.com/path"]}' }],
  invalid: [
    {
      name: 'non-http schemes, queries, fragments and credentials',
      text: '{"registry-mirrors": ["mirror.local", "https://m.io/?a=1", "https://m.io/#x", "https://u:p@m.io", "https://ok.example.com/path"]}',
      errors: [
        { range: [0, 22, 0, 36], message: ['mirror.local'] },
        { range: [0, 38, 0, 57], message: ['query or fragment'] },
        { range: [0, 59, 0, 76], message: ['query or fragment'] },
        { range: [0, 78, 0, 96], message: ['username/password'] },
      ],
    },
  ],
});
