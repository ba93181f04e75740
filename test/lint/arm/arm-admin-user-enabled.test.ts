import { armLanguage } from '../../../src/core/lint/arm';
import { adminUserEnabledRule } from '../../../src/core/lint/arm/rules/adminUserEnabled';
import { rangeOf, run } from '../ruleTester';
import { registry, template } from './helpers';

const LITERAL = template({ resources: [registry({}, { adminUserEnabled: true })] });
const DEFAULT = template({ parameters: { admin: { type: 'bool', defaultValue: true } }, resources: [registry({}, { adminUserEnabled: "[parameters('admin')]" })] });

run(armLanguage, adminUserEnabledRule, {
  valid: [
    { name: 'false', text: template({ resources: [registry({}, { adminUserEnabled: false })] }) },
    { name: 'unresolved', text: template({ parameters: { admin: { type: 'bool' } }, resources: [registry({}, { adminUserEnabled: "[parameters('admin')]" })] }) },
    { name: '// acr-doctor ignore=ACR408 on the line above', text: LITERAL.replace('"adminUserEnabled": true', '// acr-doctor ignore=ACR408\n      "adminUserEnabled": true') },
  ],
  invalid: [
    {
      name: 'literal true: warning with a fix',
      text: LITERAL,
      errors: [{ range: rangeOf(LITERAL, 'true'), severity: 'warning', message: ['for testing', 'Azure Policy'], fixes: [{ title: 'Disable the admin user', safe: false, output: LITERAL.replace('"adminUserEnabled": true', '"adminUserEnabled": false') }] }],
    },
    { name: 'true through a parameter default is reported without a fix', text: DEFAULT, errors: [{ range: rangeOf(DEFAULT, `"[parameters('admin')]"`), severity: 'warning', message: ['for testing'], output: null }] },
  ],
});
