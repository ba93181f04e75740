import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { authRoleMode } from '../../../../src/core/checks/auth/role-mode';
import { rbacPropagation } from '../../../../src/core/checks/rbac/propagation';
import { rbacPullPush } from '../../../../src/core/checks/rbac/pull-push';
import { rbacReaderSubscription } from '../../../../src/core/checks/rbac/reader-subscription';
import type { Check, CheckOutcome } from '../../../../src/core/checks/types';
import { ABAC_ROLE_IDS, PRINCIPAL_ID, roleAssignment, startArmFixture, type ArmFixture } from '../../../fixtures/arm/server';
import { NOW, addRegistry, addScenarios, azureFor } from '../support/armScenarios';
import { contextFor } from '../support/presentedMachine';

let fx: ArmFixture;
const signal = new AbortController().signal;
before(async () => {
  fx = await startArmFixture();
  addScenarios(fx);
  const abacOk = addRegistry(fx, 'contosoabacok', 'Standard', { roleAssignmentMode: 'AbacRepositoryPermissions' });
  fx.state.roleAssignments.push(roleAssignment(abacOk, ABAC_ROLE_IDS['Container Registry Repository Reader'], PRINCIPAL_ID, '2025-12-01T10:00:00Z'));
});
after(async () => {
  await fx.stop();
});

const run = (check: Check, registry: string): Promise<CheckOutcome> => check.run(contextFor({ target: { registry }, azure: azureFor(fx), now: NOW }), signal);

describe('auth.role-mode', () => {
  test('ABAC mode with only AcrPull assigned fails and lists what the mode ignores', async () => {
    const outcome = await run(authRoleMode, 'contosoabac.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /ABAC repository permissions, where AcrPull grant no data access/);
    assert.deepEqual(outcome.evidence?.ignoredInThisMode, ['AcrPull (subscription)']);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /Container Registry Repository Reader/.test(f.command)));
  });

  test('ABAC mode with a repository role warns about the ignored AcrPull; legacy mode passes', async () => {
    const outcome = await run(authRoleMode, 'contosoabacok.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.evidence?.effective, ['Container Registry Repository Reader (registry)']);
    assert.equal((await run(authRoleMode, 'contosohealthy.azurecr.io')).status, 'pass');
  });
});

describe('rbac.pull-push', () => {
  test('ABAC mode with only AcrPull: no role can pull → fail', async () => {
    const outcome = await run(rbacPullPush, 'contosoabac.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /ignored in ABAC mode/);
  });

  test('healthy: pull via AcrPull (subscription), push via AcrPush (registry)', async () => {
    const outcome = await run(rbacPullPush, 'contosohealthy.azurecr.io');
    assert.equal(outcome.status, 'pass');
    assert.match(outcome.summary, /push through AcrPush \(registry\)/);
  });
});

describe('rbac.propagation', () => {
  test('a role assigned 3 minutes ago warns, says how long to wait, and offers logout + login', async () => {
    const outcome = await run(rbacPropagation, 'contosofresh.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /AcrPush was assigned 3 minutes ago.*Wait about 7 more minutes/);
    assert.deepEqual(outcome.evidence?.fresh, ['AcrPush (registry): 3 min old']);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'docker logout contosofresh.azurecr.io'));
  });

  test('healthy: nothing younger than 10 minutes', async () => {
    assert.equal((await run(rbacPropagation, 'contosohealthy.azurecr.io')).status, 'pass');
  });
});

describe('rbac.reader-subscription', () => {
  test('Premium without a subscription read role warns (F06); Standard passes', async () => {
    const outcome = await run(rbacReaderSubscription, 'contosogeo.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /deleting a replication will fail with Forbidden/);
    assert.equal((await run(rbacReaderSubscription, 'contosohealthy.azurecr.io')).status, 'pass');
  });
});
