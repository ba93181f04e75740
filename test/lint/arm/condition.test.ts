import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintArm, registry, template } from './helpers';

// Issue 8, section 5: a resource is judged under its condition (and its module's).
const describe = (text: string) => lintArm(text).map((f) => `${f.code}:${f.severity}`);
const deployParameter = (defaultValue?: boolean) => ({ deployRegistry: defaultValue === undefined ? { type: 'bool' } : { type: 'bool', defaultValue } });

test('a registry not deployed at the defaults: nothing on values computed from those defaults', () => {
  const text = template({
    parameters: { ...deployParameter(false), acrName: { type: 'string', defaultValue: '' }, acrSku: { type: 'string', defaultValue: 'Free' } },
    resources: [registry({ condition: "[parameters('deployRegistry')]", name: "[parameters('acrName')]", sku: { name: "[parameters('acrSku')]" } })],
  });
  assert.deepEqual(describe(text), []);
});

test('a registry not deployed at the defaults: a literal is still reported, but not as an error', () => {
  const text = template({ parameters: deployParameter(false), resources: [registry({ condition: "[parameters('deployRegistry')]", name: 'my-registry', sku: { name: 'Classic' } })] });
  assert.deepEqual(describe(text), ['ACR401:warning', 'ACR405:warning']);
});

test('a condition that cannot be resolved: findings stay, none at error level', () => {
  const text = template({ parameters: deployParameter(), resources: [registry({ condition: "[parameters('deployRegistry')]", name: 'my-registry', sku: { name: 'Classic' } }, { adminUserEnabled: true })] });
  assert.deepEqual(describe(text), ['ACR401:warning', 'ACR405:warning', 'ACR408:warning']);
});

test('condition false (literal) deploys nothing: nothing is reported', () => {
  assert.deepEqual(describe(template({ resources: [registry({ condition: false, name: 'my-registry', sku: { name: 'Classic' } })] })), []);
  assert.deepEqual(describe(template({ resources: [registry({ condition: '[false()]', name: 'my-registry' })] })), []);
});

test('a condition true at the defaults changes nothing', () => {
  const text = template({ parameters: deployParameter(true), resources: [registry({ condition: "[parameters('deployRegistry')]", name: 'my-registry' })] });
  assert.deepEqual(describe(text), ['ACR401:error']);
});

test('a module (nested deployment) deployed only under a condition: its resources likewise', () => {
  const module = (condition: unknown, sku: string) =>
    template({
      parameters: { ...deployParameter(false), other: { type: 'bool' } },
      resources: [{
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'acr-module',
        condition,
        properties: {
          mode: 'Incremental',
          expressionEvaluationOptions: { scope: 'inner' },
          template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', parameters: { sku: { type: 'string', defaultValue: sku } }, resources: [registry({ name: 'my-registry', sku: { name: "[parameters('sku')]" } })] },
        },
      }],
    });
  assert.deepEqual(describe(module("[parameters('deployRegistry')]", 'Free')), ['ACR401:warning'], 'the SKU from a default exists only when the module is not deployed');
  assert.deepEqual(describe(module("[parameters('other')]", 'Free')), ['ACR401:warning', 'ACR405:warning']);
  assert.deepEqual(describe(module(true, 'Free')), ['ACR401:error', 'ACR405:error']);
});
