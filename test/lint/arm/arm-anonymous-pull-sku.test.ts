import { armLanguage } from '../../../src/core/lint/arm';
import { anonymousPullSkuRule } from '../../../src/core/lint/arm/rules/anonymousPullSku';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const BASIC = template({ resources: [registry({ sku: { name: 'Basic' } }, { anonymousPullEnabled: true })] });

run(armLanguage, anonymousPullSkuRule, {
  valid: [
    { name: 'Standard', text: template({ resources: [registry({ sku: { name: 'Standard' } }, { anonymousPullEnabled: true })] }) },
    { name: 'false', text: template({ resources: [registry({ sku: { name: 'Basic' } }, { anonymousPullEnabled: false })] }) },
  ],
  invalid: [{ name: 'anonymous pull on Basic', text: BASIC, errors: [{ range: rangeOf(BASIC, 'true'), message: ['Standard and Premium'] }] }],
});
