import { armLanguage } from '../../../src/core/lint/arm';
import { registrySkuRule } from '../../../src/core/lint/arm/rules/registrySku';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const CLASSIC = template({ resources: [registry({ sku: { name: 'Classic' } })] });
const FREE = template({ parameters: { sku: { type: 'string', defaultValue: 'Free' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } })] });
const tier = (name: string) => CLASSIC.replace('"name": "Classic"', `"name": "${name}"`);

run(armLanguage, registrySkuRule, {
  valid: [
    { name: 'valid tiers in any case', text: template({ resources: [registry({ sku: { name: 'premium' } })] }) },
    { name: 'unresolved SKU', text: template({ parameters: { sku: { type: 'string' } }, resources: [registry({ sku: { name: "[parameters('sku')]" } })] }) },
  ],
  invalid: [
    {
      name: 'Classic is retired, with a migration hint and tier fixes',
      text: CLASSIC,
      errors: [{
        range: rangeOf(CLASSIC, '"Classic"'),
        message: ['retired', 'aka.ms/acr/classic'],
        fixes: [
          { title: 'Use SKU Basic', safe: false, output: tier('Basic') },
          { title: 'Use SKU Standard', safe: false, output: tier('Standard') },
          { title: 'Use SKU Premium', safe: false, output: tier('Premium') },
        ],
      }],
    },
    { name: 'unknown tier through a parameter default: no fix rewrites an expression', text: FREE, errors: [{ range: rangeOf(FREE, `"[parameters('sku')]"`), message: ["'Free' is not a registry tier"], output: null }] },
  ],
});
