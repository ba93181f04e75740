import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { nondistributableArtifactsRule } from '../../../src/core/lint/daemon-json/rules/nondistributableArtifacts';
import { run } from '../ruleTester';

run(daemonJsonLanguage, nondistributableArtifactsRule, {
  valid: [{ name: 'no such key', text: '{"debug": true}' }],
  invalid: [
    {
      name: 'explains Docker 28+ and validates entries',
      text: '{"allow-nondistributable-artifacts": ["myreg.azurecr.io", "https://x.azurecr.io"]}',
      errors: [
        { severity: 'info', range: [0, 1, 0, 35], message: ['28.0 deprecated', '28.1 ignores', '29', 'pushes foreign layers already'] },
        { range: [0, 58, 0, 80], severity: 'error', message: ["should not contain '://'"] },
      ],
    },
  ],
});
