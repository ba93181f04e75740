import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cacheRules } from '../../../../src/core/checks/cache/rules';
import { registryCmkIdentity } from '../../../../src/core/checks/registry/cmk-identity';
import { registryConnected } from '../../../../src/core/checks/registry/connected';
import { registryTokens } from '../../../../src/core/checks/registry/tokens';
import { tasksAgentPoolNetwork } from '../../../../src/core/checks/tasks/agent-pool-network';
import { tasksNetworkBypass } from '../../../../src/core/checks/tasks/network-bypass';
import { tasksPermissions } from '../../../../src/core/checks/tasks/permissions';
import type { Check, CheckOutcome } from '../../../../src/core/checks/types';
import { agentPool, cacheRule, connectedRegistry, credentialSet, scopedToken, startArmFixture, task, type ArmFixture } from '../../../fixtures/arm/server';
import { NOW, addRegistry, azureFor } from '../support/armScenarios';
import { contextFor } from '../support/presentedMachine';

let fx: ArmFixture;
const signal = new AbortController().signal;
before(async () => {
  fx = await startArmFixture();
  const locked = addRegistry(fx, 'contosolocked', 'Premium', { publicNetworkAccess: 'Disabled', networkRuleBypassAllowedForTasks: false, roleAssignmentMode: 'AbacRepositoryPermissions' });
  fx.state.children.set('contosolocked', {
    tasks: [task(locked, 'nightly', '5f0e7c1a-0000-4000-8000-000000000042'), task(locked, 'purge')],
    agentPools: [agentPool(locked, 'vnetpool', 'Failed', '/subscriptions/x/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/agents')],
    cacheRules: [cacheRule(locked, 'ubuntu', 'docker.io/ubuntu', 'cache/ubuntu'), cacheRule(locked, 'hello', 'docker.io/library/hello-world', 'cache/hello', 'dockerhub')],
    credentialSets: [credentialSet(locked, 'dockerhub', 'docker.io', { status: 'Unhealthy', errorCode: 'KeyVaultSecretNotFound', errorMessage: 'The secret could not be found.' })],
    connectedRegistries: [connectedRegistry(locked, 'factory', 'Offline', [{ type: 'Sync', code: 'DiskError', description: 'Disk is full.', correlationId: 'c0ffee' }])],
    tokens: [scopedToken(locked, 'ci-pull', 'enabled', '2025-01-01T00:00:00Z'), scopedToken(locked, 'old', 'disabled')],
  });
  const healthy = addRegistry(fx, 'contosotasks', 'Premium', { encryption: { status: 'enabled', keyVaultProperties: { keyIdentifier: 'https://kv.vault.azure.net/keys/acr/1', identity: '7b5e0000-0000-4000-8000-0000000000c1' } } }, { identity: { type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/x/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acr-cmk': { principalId: 'p', clientId: '7b5e0000-0000-4000-8000-0000000000c1' } } } });
  fx.state.children.set('contosotasks', { tasks: [task(healthy, 'build')], cacheRules: [cacheRule(healthy, 'hello', 'docker.io/library/hello-world', 'cache/hello', 'dockerhub')], credentialSets: [credentialSet(healthy, 'dockerhub', 'docker.io')] });
  addRegistry(fx, 'contosocmkbad', 'Standard', { encryption: { status: 'enabled', keyVaultProperties: { keyIdentifier: 'https://kv.vault.azure.net/keys/acr/1', identity: 'deadbeef-0000-4000-8000-000000000000' } } }, { identity: { type: 'UserAssigned', userAssignedIdentities: {} } });
});
after(async () => {
  await fx.stop();
});

const run = (check: Check, registry: string): Promise<CheckOutcome> => check.run(contextFor({ target: { registry }, azure: azureFor(fx), now: NOW }), signal);

describe('tasks.* against the ARM fixture', () => {
  test('network-bypass: restricted registry, tasks defined, bypass false → warn with the setting to flip', async () => {
    const outcome = await run(tasksNetworkBypass, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.evidence?.tasks, ['nightly', 'purge']);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr update -n contosolocked --set networkRuleBypassAllowedForTasks=true'));
    assert.equal((await run(tasksNetworkBypass, 'contosotasks.azurecr.io')).status, 'pass');
  });

  test('permissions: ABAC mode, a task without identity and one whose identity has no roles → fail', async () => {
    const outcome = await run(tasksPermissions, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /nightly \(no roles\), purge \(no identity\)/);
    assert.equal((await run(tasksPermissions, 'contosotasks.azurecr.io')).status, 'pass');
  });

  test('agent-pool-network: a failed pool in a subnet fails with the firewall-rules link (F40)', async () => {
    const outcome = await run(tasksAgentPoolNetwork, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /agent-pools/.test(f.url)));
  });
});

describe('cache, connected registries, tokens, CMK', () => {
  test('cache.rules: an unhealthy credential set fails; a Docker Hub path without library/ is named', async () => {
    const outcome = await run(cacheRules, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /credential set dockerhub \(docker\.io\) is Unhealthy: KeyVaultSecretNotFound/);
    assert.equal((await run(cacheRules, 'contosotasks.azurecr.io')).status, 'pass');
  });

  test('registry.connected: an offline connected registry warns with its status detail', async () => {
    const outcome = await run(registryConnected, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.match(outcome.summary, /factory \(Offline: DiskError Disk is full\.\)/);
  });

  test('registry.tokens: expired password and disabled token warn; no password value appears', async () => {
    const outcome = await run(registryTokens, 'contosolocked.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.deepEqual(outcome.evidence?.expiredPasswords, ['ci-pull/password1']);
    assert.deepEqual(outcome.evidence?.disabled, ['old']);
  });

  test('registry.cmk-identity: a key identity the registry does not hold fails with CMK_ERROR; the right one passes', async () => {
    const outcome = await run(registryCmkIdentity, 'contosocmkbad.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(registryCmkIdentity.meta.azTitles, ['CMK_ERROR']);
    assert.equal((await run(registryCmkIdentity, 'contosotasks.azurecr.io')).status, 'pass');
  });
});
