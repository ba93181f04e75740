import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isGuid, parseResourceId, registryId } from '../../../src/core/azure/client';

test('isGuid: the one GUID test (subscription, tenant and object ids)', () => {
  for (const yes of ['00000000-0000-0000-0000-000000000000', '1B2C3D4E-5f6a-7b8c-9d0e-1f2a3b4c5d6e']) assert.equal(isGuid(yes), true, yes);
  // 36 characters of hex and dashes is not enough: the groups must be 8-4-4-4-12.
  for (const no of ['', 'my-subscription', '0000000000000000000000000000-0000000', '00000000-0000-0000-0000-00000000000g', '{00000000-0000-0000-0000-000000000000}', ' 00000000-0000-0000-0000-000000000000']) assert.equal(isGuid(no), false, no);
});

test('parseResourceId and registryId round-trip a registry id', () => {
  const id = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myreg';
  assert.equal(registryId(parseResourceId(id)), id);
  assert.throws(() => parseResourceId('/subscriptions/x'), (error: unknown) => (error as { code?: string }).code === 'AZURE_BAD_RESOURCE_ID');
});
