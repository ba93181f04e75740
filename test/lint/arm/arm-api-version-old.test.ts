import { armLanguage } from '../../../src/core/lint/arm';
import { apiVersionOldRule } from '../../../src/core/lint/arm/rules/apiVersionOld';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const OLD = template({ resources: [registry({ apiVersion: '2017-10-01' })] });
const CLASSIC_ERA = template({ resources: [registry({ apiVersion: '2017-03-01' })] });

run(armLanguage, apiVersionOldRule, {
  valid: [
    { name: 'tasks at their newest stable version', text: template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2019-04-01', name: 'r/t', location: 'westus', properties: {} }] }) },
  ],
  invalid: [
    { name: 'old versions warn, per type threshold', text: OLD, errors: [{ range: rangeOf(OLD, '"2017-10-01"'), severity: 'warning', message: ['older than 2019-05-01', "'2025-11-01'"] }] },
    { name: '2017-03-01 knows only Classic', text: CLASSIC_ERA, errors: [{ range: rangeOf(CLASSIC_ERA, '"2017-03-01"'), message: ['Classic'] }] },
  ],
});
