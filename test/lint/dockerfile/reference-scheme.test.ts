import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { referenceSchemeRule } from '../../../src/core/lint/dockerfile/rules/referenceScheme';
import { run } from '../ruleTester';

run(dockerfileLanguage, referenceSchemeRule, {
  valid: [
    { text: 'FROM myreg.azurecr.io/app:1\n' },
    { name: 'a port is not a scheme', text: 'FROM myreg:443/app:1\n' },
  ],
  invalid: [
    {
      text: 'FROM https://myreg.azurecr.io/app:1\n',
      errors: [{
        range: [0, 5, 0, 13],
        message: ['no URL scheme', 'invalid reference format', 'Remove "https://"', '"myreg.azurecr.io/app:1"'],
        fixes: [{ edits: [[0, 5, 0, 13, '']], output: 'FROM myreg.azurecr.io/app:1\n', safe: true }],
      }],
    },
    {
      name: 'from an ARG default',
      text: 'ARG REG=http://myreg.azurecr.io\nFROM ${REG}/app:1\n',
      errors: [{ message: "Image references have no URL scheme: Docker fails on \"http://myreg.azurecr.io/app:1\" (the value of \"${REG}/app:1\") with \"invalid reference format\". Remove \"http://\" and start with the registry host, e.g. \"myreg.azurecr.io/app:1\".", range: [1, 5, 1, 17], fixes: [{ edits: [[0, 8, 0, 15, '']], output: 'ARG REG=myreg.azurecr.io\nFROM ${REG}/app:1\n' }] }],
    },
    {
      name: 'COPY --from',
      text: 'FROM alpine:3.20\nCOPY --from=https://myreg.azurecr.io/tools:1 /t /t\n',
      errors: [{ message: "Image references have no URL scheme: Docker fails on \"https://myreg.azurecr.io/tools:1\" with \"invalid reference format\". Remove \"https://\" and start with the registry host, e.g. \"myreg.azurecr.io/tools:1\".", range: [1, 12, 1, 20], output: 'FROM alpine:3.20\nCOPY --from=myreg.azurecr.io/tools:1 /t /t\n' }],
    },
  ],
});
