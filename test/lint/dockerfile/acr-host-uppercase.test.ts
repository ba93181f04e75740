import { dockerfileLanguage } from '../../../src/core/lint/dockerfile';
import { acrHostUppercaseRule } from '../../../src/core/lint/dockerfile/rules/acrHostUppercase';
import { run } from '../ruleTester';

run(dockerfileLanguage, acrHostUppercaseRule, {
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
        fixes: [{ edits: [[0, 5, 0, 21, 'myreg.azurecr.io']], output: 'FROM myreg.azurecr.io/app:1\n', safe: true }],
      }],
    },
    { text: 'FROM contoso.AZURECR.us/app:1\n', errors: [{ range: [0, 5, 0, 23], message: "The registry host \"contoso.AZURECR.us\" in \"contoso.AZURECR.us/app:1\" has upper case. ACR login servers are lowercase and docker looks credentials up by the exact host string, so after \"az acr login\" or \"docker login contoso.azurecr.us\" the pull fails with \"unauthorized: authentication required\". Write the login server in lowercase: \"contoso.azurecr.us\".", output: 'FROM contoso.azurecr.us/app:1\n' }] },
    { text: 'FROM Contoso.azurecr.cn:443/app:1\n', errors: [{ message: "The registry host \"Contoso.azurecr.cn:443\" in \"Contoso.azurecr.cn:443/app:1\" has upper case. ACR login servers are lowercase and docker looks credentials up by the exact host string, so after \"az acr login\" or \"docker login contoso.azurecr.cn:443\" the pull fails with \"unauthorized: authentication required\". Write the login server in lowercase: \"contoso.azurecr.cn:443\".", range: [0, 5, 0, 27], output: 'FROM contoso.azurecr.cn:443/app:1\n' }] },
    {
      name: 'from an ARG default',
      text: 'ARG REGISTRY=MyReg.azurecr.io\nFROM ${REGISTRY}/app:1\n',
      errors: [{ message: "The registry host \"MyReg.azurecr.io\" in \"MyReg.azurecr.io/app:1\" (the value of \"${REGISTRY}/app:1\") has upper case. ACR login servers are lowercase and docker looks credentials up by the exact host string, so after \"az acr login\" or \"docker login myreg.azurecr.io\" the pull fails with \"unauthorized: authentication required\". Write the login server in lowercase: \"myreg.azurecr.io\".", range: [1, 5, 1, 22], fixes: [{ edits: [[0, 13, 0, 29, 'myreg.azurecr.io']], output: 'ARG REGISTRY=myreg.azurecr.io\nFROM ${REGISTRY}/app:1\n' }] }],
    },
    {
      name: 'also with a scheme in front (two separate problems, two separate fixes)',
      text: 'FROM https://MyReg.azurecr.io/app:1\n',
      errors: [{ message: "The registry host \"MyReg.azurecr.io\" in \"https://MyReg.azurecr.io/app:1\" has upper case. ACR login servers are lowercase and docker looks credentials up by the exact host string, so after \"az acr login\" or \"docker login myreg.azurecr.io\" the pull fails with \"unauthorized: authentication required\". Write the login server in lowercase: \"myreg.azurecr.io\".", range: [0, 13, 0, 29], output: 'FROM https://myreg.azurecr.io/app:1\n' }],
    },
  ],
});
