import { armLanguage } from '../../../src/core/lint/arm';
import { registryNameRule } from '../../../src/core/lint/arm/rules/registryName';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const DASH = template({ resources: [registry({ name: 'my-registry' })] });
const SHORT = template({ resources: [registry({ name: 'abc' })] });
const LONG = template({ parameters: { prefix: { type: 'string', defaultValue: 'x'.repeat(48) } }, resources: [registry({ name: "[concat(parameters('prefix'), 'acr')]" })] });

run(armLanguage, registryNameRule, {
  valid: [
    { name: 'letters and digits', text: template({ resources: [registry({ name: 'Contoso01' })] }) },
    { name: 'unresolved name', text: template({ parameters: { n: { type: 'string' } }, resources: [registry({ name: "[parameters('n')]" })] }) },
    { name: 'uniqueString names', text: template({ resources: [registry({ name: "[format('acr-{0}', uniqueString(resourceGroup().id))]" })] }) },
  ],
  invalid: [
    { name: 'characters other than letters and digits', text: DASH, errors: [{ range: rangeOf(DASH, '"my-registry"'), message: ["contains '-'", "'myregistry'"] }] },
    { name: 'too short', text: SHORT, errors: [{ range: rangeOf(SHORT, '"abc"'), message: ['3 characters', '5 to 50'] }] },
    { name: 'too long through parameters and concat', text: LONG, errors: [{ range: rangeOf(LONG, `"[concat(parameters('prefix'), 'acr')]"`), message: ['51 characters'] }] },
  ],
});
