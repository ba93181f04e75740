import { acrHostUppercaseRule } from '../../../src/core/lint/dockerfile/rules/acrHostUppercase';
import { referenceSchemeRule } from '../../../src/core/lint/dockerfile/rules/referenceScheme';
import { uppercaseHostComponentRule } from '../../../src/core/lint/dockerfile/rules/uppercaseHostComponent';
import { runRuleTests } from './ruleTester';

runRuleTests(acrHostUppercaseRule, {
  valid: [
    { text: 'FROM myreg.azurecr.io/app:1\n' },
    { name: 'upper case in a host that is not an ACR', text: 'FROM Registry.Example.com/app:1\n' },
    { name: 'upper case in the path only', text: 'FROM myreg.azurecr.io/App:1\n' },
    { name: 'unresolvable host', text: 'ARG REG\nFROM ${REG}/app:1\n' },
  ],
  invalid: [
    {
      text: 'FROM MyReg.azurecr.io/app:1\n',
      errors: [{
        range: [0, 5, 0, 21],
        message: ['"MyReg.azurecr.io"', 'exact host string', 'ACR login servers are lowercase', '"myreg.azurecr.io"'],
        fix: { edits: [[0, 5, 0, 21, 'myreg.azurecr.io']], output: 'FROM myreg.azurecr.io/app:1\n', safe: true },
      }],
    },
    { text: 'FROM contoso.AZURECR.us/app:1\n', errors: [{ fix: { output: 'FROM contoso.azurecr.us/app:1\n' } }] },
    { text: 'FROM Contoso.azurecr.cn:443/app:1\n', errors: [{ range: [0, 5, 0, 27], fix: { output: 'FROM contoso.azurecr.cn:443/app:1\n' } }] },
    {
      name: 'from an ARG default',
      text: 'ARG REGISTRY=MyReg.azurecr.io\nFROM ${REGISTRY}/app:1\n',
      errors: [{ range: [1, 5, 1, 22], fix: { edits: [[0, 13, 0, 29, 'myreg.azurecr.io']], output: 'ARG REGISTRY=myreg.azurecr.io\nFROM ${REGISTRY}/app:1\n' } }],
    },
    {
      name: 'also with a scheme in front (two separate problems, two separate fixes)',
      text: 'FROM https://MyReg.azurecr.io/app:1\n',
      errors: [{ range: [0, 13, 0, 29], fix: { output: 'FROM https://myreg.azurecr.io/app:1\n' } }],
    },
  ],
});

runRuleTests(uppercaseHostComponentRule, {
  valid: [
    { text: 'FROM myorg/app:1\n' },
    { text: 'FROM MyReg.azurecr.io/app:1\n' },
    { text: 'FROM localhost:5000/foo\n' },
    { name: 'single component is a path, not a host', text: 'FROM Ubuntu:22.04\n' },
  ],
  invalid: [
    {
      text: 'FROM MyOrg/app:1.0\n',
      errors: [{
        range: [0, 5, 0, 10],
        message: ['"MyOrg"', 'registry host', 'DNS error', 'not a case error', '"myorg"'],
        fix: { edits: [[0, 5, 0, 10, 'myorg']], output: 'FROM myorg/app:1.0\n', safe: false },
      }],
    },
    {
      name: 'from an ARG default',
      text: 'ARG BASE=MyOrg/app:1.0\nFROM ${BASE}\n',
      errors: [{ range: [1, 5, 1, 12], fix: { edits: [[0, 9, 0, 14, 'myorg']], output: 'ARG BASE=myorg/app:1.0\nFROM ${BASE}\n', safe: false } }],
    },
  ],
});

runRuleTests(referenceSchemeRule, {
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
        fix: { edits: [[0, 5, 0, 13, '']], output: 'FROM myreg.azurecr.io/app:1\n', safe: true },
      }],
    },
    {
      name: 'from an ARG default',
      text: 'ARG REG=http://myreg.azurecr.io\nFROM ${REG}/app:1\n',
      errors: [{ range: [1, 5, 1, 17], fix: { edits: [[0, 8, 0, 15, '']], output: 'ARG REG=myreg.azurecr.io\nFROM ${REG}/app:1\n' } }],
    },
    {
      name: 'COPY --from',
      text: 'FROM alpine:3.20\nCOPY --from=https://myreg.azurecr.io/tools:1 /t /t\n',
      errors: [{ range: [1, 12, 1, 20], fix: { output: 'FROM alpine:3.20\nCOPY --from=myreg.azurecr.io/tools:1 /t /t\n' } }],
    },
  ],
});
