import { armLanguage } from '../../../src/core/lint/arm';
import { apiVersionUnknownRule } from '../../../src/core/lint/arm/rules/apiVersionUnknown';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const UNKNOWN = template({ resources: [registry({ apiVersion: '2020-01-01' })] });
const CHILD = template({ resources: [registry({ resources: [{ type: 'replications', apiVersion: '2018-01-01', name: 'westus', location: 'westus', properties: {} }] })] });

run(armLanguage, apiVersionUnknownRule, {
  valid: [
    { name: 'a type missing from the table', text: template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/somethingNew', apiVersion: '2020-01-01', name: 'a/b' }] }) },
    { name: 'a version newer than the table', text: template({ resources: [registry({ apiVersion: '2099-01-01' })] }) },
    { name: 'a published version', text: template({ resources: [registry({ apiVersion: '2019-05-01' })] }) },
  ],
  invalid: [
    { name: 'unknown version of a known type is an error naming a published one', text: UNKNOWN, errors: [{ range: rangeOf(UNKNOWN, '"2020-01-01"'), message: ['not a published version of Microsoft.ContainerRegistry/registries', "'2025-11-01'"] }] },
    { name: 'child types compose with the parent type for the lookup', text: CHILD, errors: [{ range: rangeOf(CHILD, '"2018-01-01"'), message: ['registries/replications'] }] },
  ],
});
