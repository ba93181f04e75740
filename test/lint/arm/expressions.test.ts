import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Evaluator } from '../../../src/core/lint/arm/expressionEvaluator';
import { parseExpression } from '../../../src/core/lint/arm/expressionParser';
import type { ArmValue } from '../../../src/core/lint/arm/expressionValues';
import { comparableKey, ResourceIdValue, splitResourceName, SymbolicString, SymbolicValue, UNRESOLVED } from '../../../src/core/lint/arm/expressionValues';
import { armLanguage } from '../../../src/core/lint/arm';
import { registrySkuName } from '../../../src/core/lint/arm/registry';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { registry, template } from './helpers';

const scope = (parameters: Record<string, ArmValue> = {}, variables: Record<string, ArmValue> = {}) =>
  new Evaluator({ parameter: (n) => parameters[n] ?? UNRESOLVED, variable: (n) => variables[n] ?? UNRESOLVED });

describe('expression parser', () => {
  test('calls, strings with escaped quotes, numbers, property and index access', () => {
    const ast = parseExpression("[concat('it''s', parameters('a').b[0], 12)]");
    assert.ok(ast && ast.kind === 'call');
    assert.equal(ast.name, 'concat');
    assert.deepEqual(ast.args[0], { kind: 'string', value: "it's", start: 8, end: 15 });
    assert.equal(ast.args[1].kind, 'index');
    assert.equal(ast.args[2].kind, 'number');
  });
  test('namespaced user functions parse; escaped literals and broken syntax do not', () => {
    assert.equal(parseExpression("[ns.fn('x')]")?.kind, 'call');
    assert.equal(parseExpression('[[not an expression]'), undefined);
    assert.equal(parseExpression("[concat('a'"), undefined);
    assert.equal(parseExpression('[a b]'), undefined);
    assert.equal(parseExpression("['unterminated]"), undefined);
  });
});

describe('evaluator', () => {
  test('parameters, variables, concat, format, case, if/equals', () => {
    const e = scope({ name: 'Reg', n: 3 }, { v: 'x' });
    assert.equal(e.evaluateString("[concat(parameters('name'), variables('v'), 1)]"), 'Regx1');
    assert.equal(e.evaluateString("[format('{0}-{1}{{}}', parameters('name'), 'b')]"), 'Reg-b{}');
    assert.equal(e.evaluateString("[toLower(parameters('name'))]"), 'reg');
    assert.equal(e.evaluateString("[if(equals(parameters('name'), 'reg'), 'yes', 'no')]"), 'yes');
    assert.equal(e.evaluateString("[createObject('a', createArray(1, 2)).a[1]]"), 2);
    assert.equal(e.evaluateString('[[literal]'), '[literal]');
    assert.equal(e.evaluateString('plain'), 'plain');
  });
  test('anything unknown is Unresolved, never a guess', () => {
    const e = scope();
    assert.equal(e.evaluateString("[uniqueString(resourceGroup().id)]"), UNRESOLVED);
    assert.equal(e.evaluateString("[concat('a', uniqueString('x'))]"), UNRESOLVED);
    assert.equal(e.evaluateString("[format('{0:D3}', 1)]"), UNRESOLVED);
    assert.equal(e.evaluateString("[parameters('missing')]"), UNRESOLVED);
    assert.equal(e.evaluateString('[copyIndex()]'), UNRESOLVED);
  });
  test('resourceGroup().location is a stable symbol; symbols flow through format', () => {
    const e = scope({ acr: new SymbolicValue('p:acr') });
    const location = e.evaluateString('[resourceGroup().location]');
    assert.ok(location instanceof SymbolicValue);
    assert.equal(comparableKey(location), comparableKey(e.evaluateString('[toUpper(resourceGroup().location)]')));
    const name = e.evaluateString("[format('{0}/{1}', parameters('acr'), 'rep')]");
    assert.ok(name instanceof SymbolicString);
    const segments = splitResourceName(name);
    assert.equal(segments?.length, 2);
    assert.equal(comparableKey(segments![0]), comparableKey(new SymbolicValue('p:acr')));
    assert.equal(segments![1], 'rep');
    assert.equal(comparableKey('West Europe', { ignoreSpaces: true }), comparableKey('westeurope', { ignoreSpaces: true }));
  });
  test('resourceId keeps its type and names', () => {
    const id = scope().evaluateString("[resourceId('Microsoft.ContainerRegistry/registries', 'r1')]");
    assert.ok(id instanceof ResourceIdValue);
    assert.equal(id.type, 'Microsoft.ContainerRegistry/registries');
    assert.deepEqual(id.names, ['r1']);
  });
});

describe('template model', () => {
  const parse = (text: string) => {
    const doc = armLanguage.parse(text, new LineIndex(text), 't.json').doc;
    assert.ok(doc);
    return doc;
  };
  test('nested child resources compose type and name', () => {
    const doc = parse(template({ resources: [registry({ resources: [{ type: 'replications', apiVersion: '2023-07-01', name: 'rep', location: 'eastus' }] })] }));
    const child = doc.resources[1];
    assert.equal(child.type, 'Microsoft.ContainerRegistry/registries/replications');
    assert.equal(child.name, 'myregistry01/rep');
    assert.equal(doc.parentRegistry(child), doc.resources[0]);
  });
  test('inner-scoped nested deployments get the passed values; outer-scoped ones see the parent scope', () => {
    const inner = {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'inner',
      properties: {
        expressionEvaluationOptions: { scope: 'inner' },
        parameters: { regName: { value: "[concat(parameters('prefix'), 'inner')]" } },
        template: { $schema: 'x', parameters: { regName: { type: 'string', defaultValue: 'ignored' }, sku: { type: 'string', defaultValue: 'Standard' } }, resources: [registry({ name: "[parameters('regName')]", sku: { name: "[parameters('sku')]" } })] },
      },
    };
    const outer = { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'outer', properties: { template: { $schema: 'x', resources: [registry({ name: "[concat(parameters('prefix'), 'outer')]" })] } } };
    const doc = parse(template({ parameters: { prefix: { type: 'string', defaultValue: 'acr' } }, resources: [inner, outer] }));
    const registries = doc.registries();
    assert.deepEqual(registries.map((r) => r.name), ['acrinner', 'acrouter']);
    // Not passed by the outer deployment: the inner default applies.
    assert.equal(registrySkuName(doc, registries[0])?.value, 'Standard');
    assert.equal(registries[0].template.deployment?.name, 'inner');
    assert.equal(registries[1].scope, doc.templates[0].scope);
  });
  test('languageVersion 2.0 symbolic resources, existing references and copy loops', () => {
    const doc = parse(
      template({
        languageVersion: '2.0',
        resources: { reg: registry(), old: { ...registry({ name: 'other01' }), existing: true }, reps: { type: 'Microsoft.ContainerRegistry/registries/replications', apiVersion: '2023-07-01', name: "[format('myregistry01/{0}', copyIndex())]", location: 'eastus', copy: { name: 'c', count: 2 } } },
      }),
    );
    assert.deepEqual(doc.resources.map((r) => r.symbolicName), ['reg', 'old', 'reps']);
    assert.equal(doc.registries().length, 1);
    assert.equal(doc.resources[2].inCopyLoop, true);
    assert.equal(doc.resources[2].name, UNRESOLVED);
    assert.equal(doc.isCertainlyDeployed(doc.resources[2]), true);
  });
  test('variables referencing each other in a cycle are Unresolved, not a hang', () => {
    const doc = parse(template({ variables: { a: "[variables('b')]", b: "[variables('a')]" }, resources: [registry({ name: "[variables('a')]" })] }));
    assert.equal(doc.registries()[0].name, UNRESOLVED);
  });
});
