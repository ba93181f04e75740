// "Show Admin Credentials…", "Enable/Disable Admin User…" (FAQ F04, F41) against the ARM fixture.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RegistryRef } from '../../../../src/core/azure/index';
import { ADMIN_USER_WARNING, describeAdminUserChange, readAdminCredentials, setAdminUser } from '../../../../src/core/explorer/index';
import { policyAssignment, startArmFixture, SUB_PROD, type ArmFixture } from '../../../fixtures/arm/server';
import { armClient, writesSince } from './support';

const PROD: RegistryRef = { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod' };
const CLASSIC: RegistryRef = { subscriptionId: SUB_PROD, resourceGroup: 'legacy-rg', name: 'contosoclassic' };

let fx: ArmFixture;
before(async () => {
  fx = await startArmFixture();
});
after(async () => {
  await fx.stop();
});

describe('admin credentials (F04)', () => {
  test('a disabled admin user: says so, offers nothing to copy, and never asks ARM for credentials', async () => {
    const { client } = armClient(fx);
    const from = fx.requests.length;
    const view = await readAdminCredentials(client, PROD);
    assert.equal(view.state, 'disabled');
    assert.match(view.message, /admin user of contosoprod is disabled/);
    assert.match(view.message, /F04/);
    assert.equal(fx.requests.slice(from).filter((r) => /listCredentials/i.test(r.path)).length, 0);
  });

  test('an enabled admin user: username and both passwords as Secrets; no password in the message, the view as JSON, or any log line', async () => {
    const { client, logger } = armClient(fx);
    const view = await readAdminCredentials(client, CLASSIC);
    assert.equal(view.state, 'enabled');
    if (view.state !== 'enabled') return;
    assert.equal(view.username, 'contosoclassic');
    assert.deepEqual(view.passwords.map((p) => p.name), ['password', 'password2']);
    const values = view.passwords.map((p) => p.value.reveal());
    assert.ok(values.every((v) => v.length > 8), 'the fixture hands out real password values');
    assert.ok(view.message.includes(ADMIN_USER_WARNING), 'the FAQ warning goes with the credentials');
    assert.match(view.message, /testing/);
    assert.match(view.message, /push and pull every repository/);
    assert.match(view.message, /Entra identities/);
    assert.match(view.message, /rotate/);
    const printed = [view.message, JSON.stringify(view), String(view.passwords[0]?.value), ...logger.lines];
    assert.ok(logger.lines.some((line) => /admin credentials of contosoclassic/.test(line)), 'the read itself is logged');
    for (const value of values) for (const text of printed) assert.ok(!text.includes(value), `a password leaked into: ${text.slice(0, 120)}`);
  });
});

describe('enable / disable the admin user (F04, F41)', () => {
  test('enabling asks first with the FAQ warning and any assigned admin policy; then ARM has it on and credentials can be read', async () => {
    const { client, logger } = armClient(fx);
    fx.state.policyAssignments.set('contosoprod', [policyAssignment(`/subscriptions/${SUB_PROD}`, 'acr-no-admin', 'Container registries should have local admin account disabled.')]);
    try {
      const from = fx.requests.length;
      const change = await describeAdminUserChange(client, PROD, true);
      assert.equal(change.already, false);
      assert.equal(change.title, 'Enable the admin user of contosoprod?');
      assert.match(change.detail, /adminUserEnabled to true/);
      assert.match(change.detail, /push and pull every repository/);
      assert.ok(change.detail.includes(ADMIN_USER_WARNING));
      assert.match(change.detail, /Container registries should have local admin account disabled/);
      assert.match(change.detail, /Modify it is turned off again/);
      assert.deepEqual(writesSince(fx, from), [], 'describing changes nothing');

      const result = await setAdminUser(client, PROD, true);
      assert.equal(result.enabled, true);
      assert.match(result.message, /enabled/);
      assert.equal(writesSince(fx, from).length, 1);
      const view = await readAdminCredentials(client, PROD);
      assert.equal(view.state, 'enabled');
      if (view.state === 'enabled') for (const p of view.passwords) for (const line of logger.lines) assert.ok(!line.includes(p.value.reveal()));
    } finally {
      fx.state.policyAssignments.delete('contosoprod');
    }
  });

  test('disabling says what stops working; an unchanged state asks nothing', async () => {
    const { client } = armClient(fx);
    const change = await describeAdminUserChange(client, PROD, false);
    assert.equal(change.already, false);
    assert.equal(change.confirmLabel, 'Disable admin user');
    assert.match(change.detail, /docker login contosoprod\.azurecr\.io with the admin username/);
    assert.match(change.detail, /App Service, Container Instances \(ACI\)/);
    const result = await setAdminUser(client, PROD, false);
    assert.equal(result.enabled, false);
    assert.equal((await readAdminCredentials(client, PROD)).state, 'disabled');
    const again = await describeAdminUserChange(client, PROD, false);
    assert.equal(again.already, true);
    assert.match(again.title, /already disabled/);
  });
});
