import { armLanguage } from '../../../src/core/lint/arm';
import { secretInOutputsRule } from '../../../src/core/lint/arm/rules/secretInOutputs';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const LEAK = template({ resources: [registry()], outputs: { pwd: { type: 'string', value: "[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01'), '2023-07-01').passwords[0].value]" } } });
const NESTED = template({
  resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', template: { $schema: 'x', resources: [], outputs: { keys: { type: 'object', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2022-09-01')]" } } } } }],
});

run(armLanguage, secretInOutputsRule, {
  valid: [
    { name: 'a securestring output', text: template({ resources: [registry()], outputs: { pwd: { type: 'securestring', value: "[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'r'), '2023-07-01').passwords[0].value]" } } }) },
    { name: 'reference() is not a secret', text: template({ resources: [registry()], outputs: { server: { type: 'string', value: "[reference(resourceId('Microsoft.ContainerRegistry/registries', 'r')).loginServer]" } } }) },
  ],
  invalid: [
    { name: 'listCredentials in an output is a leak', text: LEAK, errors: [{ range: rangeOf(LEAK, "listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'myregistry01'), '2023-07-01')"), message: ["Output 'pwd'", 'deployment history'] }] },
    { name: 'any list*() in outputs of a nested template too', text: NESTED, errors: [{ range: rangeOf(NESTED, "listKeys(resourceId('Microsoft.Storage/storageAccounts', 's'), '2022-09-01')"), message: ["Output 'keys'"] }] },
  ],
});
