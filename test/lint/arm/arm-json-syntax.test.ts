import assert from 'node:assert/strict';
import { test } from 'node:test';
import { armLanguage } from '../../../src/core/lint/arm';
import { syntaxErrorMeta } from '../../../src/core/lint/arm/parse';
import { lintText } from '../../../src/core/lint/engine';
import { run } from '../ruleTester';
import { lintArm, registry } from './helpers';

const BROKEN = `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [ }\n}`;
const DEEP = `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": ${'['.repeat(100_000)}`;

run(armLanguage, syntaxErrorMeta, {
  valid: [
    { name: 'comments and trailing commas are accepted, as ARM accepts them', text: `{\n  // a comment\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [],\n}` },
    { name: 'JSON without a deployment $schema is not a template', text: '{"resources": [ }' },
  ],
  invalid: [
    { name: 'a syntax error is one finding at the error', text: BROKEN, errors: [{ range: [2, 17, 2, 18], message: ['not valid JSON (ValueExpected)'] }] },
    {
      name: 'a 100,000-level nested template gets the nesting message daemon.json gets',
      text: DEEP,
      errors: [{ range: [0, 1107, 0, 1108], message: 'The JSON is nested deeper than 1000 levels; ACR Doctor does not analyse it, and no ARM template nests like this. Check the file for a runaway paste.' }],
    },
  ],
});

test('a syntax error is the only finding, and a non-template JSON file has none', () => {
  assert.deepEqual(lintArm(BROKEN).map((f) => f.code), ['ACR400']);
  assert.deepEqual(lintArm('{"resources": [ }'), []);
  assert.deepEqual(lintArm(JSON.stringify({ $schema: 'https://json.schemastore.org/package.json', resources: [registry({ name: 'a-b' })] })), []);
});

test('the ARM nesting message is the daemon.json one, naming its own kind', () => {
  const arm = lintArm(DEEP);
  const daemon = lintText({ fileName: 'daemon.json', text: '['.repeat(100_000) }).findings;
  assert.equal(arm.length, 1);
  assert.equal(arm[0].message, daemon[0].message.replace('daemon.json option', 'ARM template'));
});
