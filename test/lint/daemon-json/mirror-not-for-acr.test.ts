import { daemonJsonLanguage } from '../../../src/core/lint/daemon-json';
import { mirrorNotForAcrRule } from '../../../src/core/lint/daemon-json/rules/mirrorNotForAcr';
import { run } from '../ruleTester';

run(daemonJsonLanguage, mirrorNotForAcrRule, {
  valid: [{ name: 'an ordinary mirror', text: '{"registry-mirrors": ["https://mirror.gcr.io"]}' }],
  invalid: [
    { name: 'an ACR used as a mirror', text: '{"registry-mirrors": ["https://myreg.azurecr.io"]}', errors: [{ range: [0, 22, 0, 48], severity: 'warning', message: ['Docker Hub (docker.io) pulls', 'myreg.azurecr.io/...'] }] },
    {
      name: 'the file names an ACR and also lists mirrors',
      text: '{"registry-mirrors": ["https://mirror.gcr.io"], "allow-nondistributable-artifacts": ["myreg.azurecr.io"]}',
      errors: [{ severity: 'info', range: [0, 1, 0, 19], message: ['pulls from myreg.azurecr.io always go straight'] }],
    },
  ],
});
