import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runChecks } from '../../../../src/core/checks/engine';
import { checks as registryChecks } from '../../../../src/core/checks/registry';
import { registryAdminUser } from '../../../../src/core/checks/registry/admin-user';
import { registryAnonymousPull } from '../../../../src/core/checks/registry/anonymous-pull';
import { registryLoginServer } from '../../../../src/core/checks/registry/login-server';
import { registryPublicAccess } from '../../../../src/core/checks/registry/public-access';
import { registryQuarantine } from '../../../../src/core/checks/registry/quarantine';
import { registrySkuClassic } from '../../../../src/core/checks/registry/sku-classic';
import { registrySoftDelete } from '../../../../src/core/checks/registry/soft-delete';
import { registryStorageQuota } from '../../../../src/core/checks/registry/storage-quota';
import type { Check, CheckOutcome } from '../../../../src/core/checks/types';
import { SUB_PROD, policyAssignment, startArmFixture, type ArmFixture } from '../../../fixtures/arm/server';
import { presentedNetwork } from '../support';
import { NOW, addScenarios, azureFor } from '../support/armScenarios';
import { contextFor, presentMachine } from '../support/presentedMachine';

let fx: ArmFixture;
const signal = new AbortController().signal;
before(async () => {
  fx = await startArmFixture();
  addScenarios(fx);
});
after(async () => {
  await fx.stop();
});

function run(check: Check, registry: string, options: { dns?: Record<string, string[]>; system?: ReturnType<typeof presentMachine> } = {}): Promise<CheckOutcome> {
  return check.run(contextFor({ target: { registry }, azure: azureFor(fx), network: presentedNetwork(options.dns ?? {}), system: options.system, now: NOW }), signal);
}

describe('registry.login-server', () => {
  test('a hand-typed host without the domain-name-label hash fails with LOGIN_SERVER_ERROR and names the real one', async () => {
    const outcome = await run(registryLoginServer, 'contosodnl.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.deepEqual(registryLoginServer.meta.azTitles, ['LOGIN_SERVER_ERROR']);
    assert.match(outcome.summary, /login server of contosodnl is contosodnl-a1b2c3d4e5f6\.azurecr\.io \(a domain-name-label hash/);
    assert.equal(outcome.evidence?.hashSuffixed, true);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr login -n contosodnl'));
  });

  test('the hash-suffixed host itself passes and shows the scope; a registry nobody has fails', async () => {
    const outcome = await run(registryLoginServer, 'contosodnl-a1b2c3d4e5f6.azurecr.io');
    assert.equal(outcome.status, 'pass');
    assert.equal(outcome.evidence?.domainNameLabelScope, 'TenantReuse');
    const missing = await run(registryLoginServer, 'nosuchregistry.azurecr.io');
    assert.equal(missing.status, 'fail');
    assert.match(missing.summary, /No registry with login server nosuchregistry\.azurecr\.io or named nosuchregistry/);
  });

  test('mixed case typed is a warning (FAQ F25)', async () => {
    assert.equal((await run(registryLoginServer, 'ContosoHealthy.azurecr.io')).status, 'warn');
  });
});

describe('registry management checks against the ARM fixture', () => {
  test('Classic SKU fails (operation disallowed, FAQ F32) with the upgrade command', async () => {
    const outcome = await run(registrySkuClassic, 'contosoclassic.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr update -n contosoclassic --sku Basic'));
  });

  test('admin user on warns, and no password is ever read or shown', async () => {
    const outcome = await run(registryAdminUser, 'contosoclassic.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.equal(outcome.evidence?.adminUserEnabled, true);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'az acr update -n contosoclassic --admin-enabled false'));
    assert.ok(!fx.requests.some((r) => /listCredentials/i.test(r.path)));
    assert.doesNotMatch(JSON.stringify(outcome), /pw1-|pw2-/);
  });

  test('admin user off, blocked by an assigned policy (F41), says so', async () => {
    fx.state.policyAssignments.set('contosohealthy', [policyAssignment(`/subscriptions/${SUB_PROD}`, 'acr-no-admin', 'Container registries should have local admin account disabled.')]);
    const outcome = await run(registryAdminUser, 'contosohealthy.azurecr.io');
    assert.equal(outcome.status, 'pass');
    assert.deepEqual(outcome.evidence?.policies, ['Container registries should have local admin account disabled.']);
    fx.state.policyAssignments.delete('contosohealthy');
  });

  test('anonymous pull on a Basic registry fails: it needs Standard or Premium', async () => {
    const outcome = await run(registryAnonymousPull, 'contosoanonbasic.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /needs the Standard or Premium tier; contosoanonbasic is Basic/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /--sku Standard/.test(f.command)));
  });

  test('anonymous pull on, docker holding credentials: docker logout first', async () => {
    const properties = fx.state.registries.get(SUB_PROD)!.find((r) => r.name === 'contosohealthy')!.properties as Record<string, unknown>;
    properties.anonymousPullEnabled = true;
    const system = presentMachine({ files: { '/home/dev/.docker/config.json': JSON.stringify({ auths: { 'contosohealthy.azurecr.io': { identitytoken: 'canary-refresh-token' } } }) } });
    const outcome = await run(registryAnonymousPull, 'contosohealthy.azurecr.io', { system });
    assert.equal(outcome.status, 'warn');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && f.command === 'docker logout contosohealthy.azurecr.io'));
    assert.doesNotMatch(JSON.stringify(outcome), /canary-refresh-token/);
    const withoutCredentials = await run(registryAnonymousPull, 'contosohealthy.azurecr.io');
    assert.equal(withoutCredentials.status, 'pass');
    properties.anonymousPullEnabled = false;
  });

  test('public access disabled and a public DNS answer fails; a private answer passes', async () => {
    const outcome = await run(registryPublicAccess, 'contosoprivate.azurecr.io', { dns: { 'contosoprivate.azurecr.io': ['20.61.99.9'] } });
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /disabled and contosoprivate\.azurecr\.io resolves to a public address here \(20\.61\.99\.9\)/);
    assert.ok(outcome.fixes?.some((f) => f.kind === 'link' && /private-link/.test(f.url)));
    const inside = await run(registryPublicAccess, 'contosoprivate.azurecr.io', { dns: { 'contosoprivate.azurecr.io': ['10.1.2.5'] } });
    assert.equal(inside.status, 'pass');
  });

  test('storage at the limit fails (pushes refused); 90 % warns', async () => {
    const full = await run(registryStorageQuota, 'contosofull.azurecr.io');
    assert.equal(full.status, 'fail');
    assert.equal(full.evidence?.percentUsed, 100);
    assert.match(full.summary, /Storage is full: 10\.0 GiB of 10\.0 GiB \(100%\)/);
    const near = await run(registryStorageQuota, 'contosoprod.azurecr.io');
    assert.equal(near.status, 'warn');
    assert.equal(near.evidence?.percentUsed, 96);
  });

  test('quarantine on warns', async () => {
    const outcome = await run(registryQuarantine, 'contosoquarantine.azurecr.io');
    assert.equal(outcome.status, 'warn');
    assert.ok(outcome.fixes?.some((f) => f.kind === 'command' && /quarantinePolicy\.status=disabled/.test(f.command)));
  });

  test('soft delete with geo-replication fails and lists the replicas, the home one marked', async () => {
    const outcome = await run(registrySoftDelete, 'contosogeo.azurecr.io');
    assert.equal(outcome.status, 'fail');
    assert.match(outcome.summary, /geo-replication \(2 replicas\)/);
    assert.deepEqual(outcome.evidence?.replications, ['westeurope (home)', 'eastus']);
  });

  test('healthy registry: every registry.* check passes (or skips with a reason) through the engine, none errors', async () => {
    const results = await runChecks({
      target: { registry: 'contosohealthy.azurecr.io' },
      checks: registryChecks,
      system: presentMachine(),
      network: presentedNetwork({ 'contosohealthy.azurecr.io': ['20.61.99.10'] }),
      azure: azureFor(fx),
      now: () => NOW,
    }).done;
    const notPassing = results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.summary}`);
    assert.deepEqual(notPassing, []);
    assert.equal(results.length, registryChecks.length);
    assert.equal(results.find((r) => r.id === 'registry.login-server')?.azTitle, 'LOGIN_SERVER_ERROR');
  });
});
