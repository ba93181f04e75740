// "Enable/Disable Anonymous Pull…" (FAQ F18) against the ARM fixture.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planAnonymousPull, setAnonymousPull } from '../../../../src/core/explorer/index';
import { startArmFixture, SUB_DEV, SUB_PROD, type ArmFixture } from '../../../fixtures/arm/server';
import { armClient, writesSince } from './support';

const BASIC = { subscriptionId: SUB_PROD, resourceGroup: 'dev-rg', name: 'contosodev', sku: 'Basic' };
const CLASSIC = { subscriptionId: SUB_PROD, resourceGroup: 'legacy-rg', name: 'contosoclassic', sku: 'Classic' };
const STANDARD = { subscriptionId: SUB_DEV, resourceGroup: 'apps-rg', name: 'fabrikamstd', sku: 'Standard' };

let fx: ArmFixture;
before(async () => {
  fx = await startArmFixture();
});
after(async () => {
  await fx.stop();
});

describe('anonymous pull (F18)', () => {
  for (const registry of [BASIC, CLASSIC]) {
    test(`${registry.sku}: refused with the reason, without any call to ARM`, async () => {
      const { client } = armClient(fx);
      const from = fx.requests.length;
      const plan = await planAnonymousPull(client, registry, true);
      assert.equal(plan.kind, 'unsupported');
      if (plan.kind === 'unsupported') assert.match(plan.message, new RegExp(`needs the Standard or Premium tier; ${registry.name} is ${registry.sku}`));
      const result = await setAnonymousPull(client, registry, true);
      assert.equal(result.changed, false);
      assert.match(result.message, /Nothing was changed/);
      assert.equal(fx.requests.length, from, 'no request reached ARM');
    });
  }

  test('Standard: the confirmation says everyone can pull every repository; after enabling, docker logout LOGIN first', async () => {
    const { client } = armClient(fx);
    const from = fx.requests.length;
    const plan = await planAnonymousPull(client, STANDARD, true);
    assert.equal(plan.kind, 'confirm');
    if (plan.kind !== 'confirm') return;
    assert.equal(plan.title, 'Enable anonymous pull on fabrikamstd?');
    assert.match(plan.detail, /everyone on the internet who can reach fabrikamstd\.azurecr\.io \(within its network rules\) can pull every repository/);
    assert.deepEqual(writesSince(fx, from), []);
    const result = await setAnonymousPull(client, STANDARD, true);
    assert.equal(result.changed, true);
    assert.match(result.message, /docker logout fabrikamstd\.azurecr\.io first/);
    assert.match(result.message, /stored credentials/);
    assert.equal(writesSince(fx, from).length, 1);
    const armProps = (fx.state.registries.get(SUB_DEV)?.[0]?.properties ?? {}) as Record<string, unknown>;
    assert.equal(armProps.anonymousPullEnabled, true);
    assert.equal((await planAnonymousPull(client, STANDARD, true)).kind, 'already');
  });

  test('Standard: disabling says pulls need credentials again, and ARM has it off', async () => {
    const { client } = armClient(fx);
    const plan = await planAnonymousPull(client, STANDARD, false);
    assert.equal(plan.kind, 'confirm');
    if (plan.kind === 'confirm') assert.match(plan.detail, /every pull from fabrikamstd\.azurecr\.io then needs credentials/);
    const result = await setAnonymousPull(client, STANDARD, false);
    assert.equal(result.changed, true);
    const armProps = (fx.state.registries.get(SUB_DEV)?.[0]?.properties ?? {}) as Record<string, unknown>;
    assert.equal(armProps.anonymousPullEnabled, false);
  });
});
