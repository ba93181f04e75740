import { armLanguage } from '../../../src/core/lint/arm';
import { apiVersionPreviewRule } from '../../../src/core/lint/arm/rules/apiVersionPreview';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const PREVIEW = template({ resources: [registry({ apiVersion: '2023-06-01-preview' })] });

run(armLanguage, apiVersionPreviewRule, {
  valid: [
    { name: 'preview without a newer stable version (tasks 2025-03-01-preview)', text: template({ resources: [{ type: 'Microsoft.ContainerRegistry/registries/tasks', apiVersion: '2025-03-01-preview', name: 'r/t', location: 'westus', properties: {} }] }) },
  ],
  invalid: [
    {
      name: 'preview superseded by a newer stable: info with an unsafe fix',
      text: PREVIEW,
      errors: [{
        range: rangeOf(PREVIEW, '"2023-06-01-preview"'),
        severity: 'info',
        message: ["stable '2025-11-01' is newer"],
        fixes: [{ title: 'Use apiVersion 2025-11-01', safe: false, output: PREVIEW.replace('"apiVersion": "2023-06-01-preview"', '"apiVersion": "2025-11-01"') }],
      }],
    },
  ],
});
