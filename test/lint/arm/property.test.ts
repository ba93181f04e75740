import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { armLanguage } from '../../../src/core/lint/arm';
import { parseExpression } from '../../../src/core/lint/arm/expressionParser';
import type { Fix, Report, RuleContext } from '../../../src/core/lint/types';
import { DEFAULT_LINT_SETTINGS } from '../../../src/core/lint/types';
import { applyTextEdits, LineIndex } from '../../../src/core/text/lineIndex';
import { registry, SCHEMA, template } from './helpers';

/** Runs every rule directly (a throw fails the test at once, with its stack) and collects fixes. */
function runRules(text: string): Fix[] {
  const lines = new LineIndex(text);
  const parsed = armLanguage.parse(text, lines, 't.json');
  const fixes: Fix[] = [];
  if (!parsed.doc) return fixes;
  for (const rule of armLanguage.rules) {
    const context: RuleContext = { text, fileName: 't.json', settings: DEFAULT_LINT_SETTINGS, companions: {}, lines, report: (r: Report) => fixes.push(...(r.fixes ?? [])) };
    rule.check(parsed.doc, context);
  }
  return fixes;
}

const expressionText = fc.oneof(
  fc.string(),
  fc.constantFrom("[parameters('a')]", "[variables('v')]", '[resourceGroup().location]', "[concat('a', 'b')]", "[format('{0}/{1}', 'r', 'x')]", "[listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'r'), '2023-07-01').password]", '[copyIndex()]', "[if(true(), 'Basic', 'Premium')]"),
  fc.string().map((s) => `[${s}]`),
);

const armish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, expressionText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('name', 'type', 'location', 'sku', 'properties', 'resources', 'condition', 'copy', 'count', 'value', 'ipRules', 'networkRuleSet', 'template', 'parameters', 'outputs'), tie('value'), { maxKeys: 4 })),
})).value;

const resourceArb = fc.record({
  type: fc.constantFrom('Microsoft.ContainerRegistry/registries', 'Microsoft.ContainerRegistry/registries/replications', 'replications', 'Microsoft.ContainerRegistry/registries/tasks', 'Microsoft.Resources/deployments', 'Microsoft.Network/privateEndpoints', 'Other/x'),
  apiVersion: fc.constantFrom('2023-07-01', '2017-10-01', '2023-06-01-preview', '2020-01-01', 'garbage'),
  name: expressionText,
  location: fc.oneof(fc.constantFrom('westeurope', 'West Europe', '[resourceGroup().location]'), expressionText),
  sku: fc.record({ name: fc.oneof(fc.constantFrom('Basic', 'Classic', 'Premium'), expressionText) }),
  condition: fc.oneof(fc.boolean(), expressionText),
  properties: armish,
  resources: fc.array(armish, { maxLength: 2 }),
}, { requiredKeys: ['type'] });

test('no rule throws on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string(), (body) => {
      runRules(body);
      runRules(`{"$schema": "${SCHEMA}", ${body}`);
    }),
    { numRuns: 300 },
  );
});

test('no rule throws on arbitrary JSON values, and every fix keeps strict JSON parseable', () => {
  fc.assert(
    fc.property(fc.array(resourceArb, { maxLength: 4 }), fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.record({ type: fc.constant('string'), defaultValue: armish }), { maxKeys: 3 })), fc.option(armish), (resources, parameters, variables) => {
      const text = template({ resources, parameters: parameters ?? undefined, variables: variables && typeof variables === 'object' ? variables : undefined });
      for (const fix of runRules(text)) {
        const fixed = applyTextEdits(text, fix.edits);
        assert.doesNotThrow(() => JSON.parse(fixed.text), `fix '${fix.title}' broke JSON`);
      }
    }),
    { numRuns: 300 },
  );
});

test('fixes on templates known to produce them keep strict JSON parseable', () => {
  const text = template({ resources: [registry({ sku: { name: 'Classic' }, apiVersion: '2023-06-01-preview', location: 'West Europe', resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'home', location: 'westeurope' }] }, { adminUserEnabled: true })] });
  const fixes = runRules(text);
  assert.ok(fixes.length >= 4, `expected several fixes, got ${fixes.length}`);
  for (const fix of fixes) JSON.parse(applyTextEdits(text, fix.edits).text);
});

test('the expression parser never throws on arbitrary input', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      parseExpression(`[${s}]`);
    }),
    { numRuns: 500 },
  );
  assert.equal(parseExpression(`[${'f('.repeat(5000)}${')'.repeat(5000)}]`), undefined, 'deep nesting is refused, not a stack overflow');
});
