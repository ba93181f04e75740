import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsRequestFrom, fleetRequestFrom } from '../../../src/extension/checks/requests';

test('run diagnostics: a typed login server, { registry, repository[:tag] }, or an explorer node', () => {
  assert.deepEqual(diagnosticsRequestFrom('  myreg.azurecr.io '), { registry: 'myreg.azurecr.io' });
  assert.deepEqual(diagnosticsRequestFrom({ registry: 'myreg.azurecr.io', repository: 'team/api:v2' }), { registry: 'myreg.azurecr.io', repository: 'team/api', reference: 'v2' });
  // A registry node and a repository node of the explorer (their `registry` is the target object).
  assert.deepEqual(diagnosticsRequestFrom({ type: 'registry', registry: { host: '127.0.0.1:5000', insecureHttp: true, source: 'settings' } }), { registry: '127.0.0.1:5000', insecureHttp: true });
  assert.deepEqual(diagnosticsRequestFrom({ type: 'repository', registry: { host: 'myreg.azurecr.io', source: 'azure' }, repository: 'team/api' }), { registry: 'myreg.azurecr.io', repository: 'team/api' });
  assert.equal(diagnosticsRequestFrom({ registry: { host: '' } }), undefined);
  assert.equal(diagnosticsRequestFrom(undefined), undefined);
  assert.equal(diagnosticsRequestFrom(42), undefined);
});

test('check all registries: { subscriptionIds } or a subscription node', () => {
  assert.deepEqual(fleetRequestFrom({ subscriptionIds: ['a', 7, 'b'] }), ['a', 'b']);
  assert.deepEqual(fleetRequestFrom({ type: 'subscription', azure: { tenantId: 't', subscriptionId: 's-1' } }), ['s-1']);
  assert.equal(fleetRequestFrom(undefined), undefined);
  assert.equal(fleetRequestFrom({ type: 'azure' }), undefined);
});
