import assert from 'node:assert/strict';
import { test } from 'node:test';
import { from } from '../../src/extension/settingsFrom';

test('settings sanitisers keep good values and replace anything else', () => {
  assert.equal(from.boolean(false, true), false);
  assert.equal(from.boolean('false', true), true);
  assert.equal(from.number(10_000, 300, 0, 5000), 5000);
  assert.equal(from.number(Number.NaN, 300, 0, 5000), 300);
  assert.equal(from.number('200', 300, 0, 5000), 300);
  assert.deepEqual(from.stringArray([' *.azurecr.io ', 3, '', 'mcr.microsoft.com']), ['*.azurecr.io', 'mcr.microsoft.com']);
  assert.deepEqual(from.stringArray('*.azurecr.io'), []);
  assert.deepEqual(from.ruleLevels({ acr107: 'OFF', 'latest-tag': 'warning', ACR101: 'loud', ACR102: 3 }), { ACR107: 'off', 'latest-tag': 'warning' });
  assert.deepEqual(from.ruleLevels(['ACR101']), {});
});
