import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { inspect } from 'node:util';
import {
  AzureAuthenticationError,
  AzureClient,
  AzureError,
  AzureNotFoundError,
  AzurePermissionError,
  AzureSubscriptionNotFoundError,
  AzureThrottledError,
  BUILT_IN_CLOUDS,
  BUILT_IN_CLOUD_NAMES,
  aadCredentialForRegistry,
  collect,
  customCloud,
  resolveLoginServer,
  type AzureCloud,
  type RegistryRef,
} from '../../../src/core/azure/index';
import { CancelledError } from '../../../src/core/errors';
import { createMemoryLogger } from '../../../src/core/log';
import type { RegistryCredential } from '../../../src/core/registry/auth/credentials';
import { PRINCIPAL_ID, RecordingCredential, SUB_DEV, SUB_PROD, TENANT_ID, makeTestToken, startArmFixture, type ArmFixture } from '../../fixtures/arm/server';

const PROD: RegistryRef & { location: string } = { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod', location: 'westeurope' };
const CLASSIC: RegistryRef = { subscriptionId: SUB_PROD, resourceGroup: 'legacy-rg', name: 'contosoclassic' };

let fx: ArmFixture;
const logger = createMemoryLogger();
const errors: unknown[] = [];

function cloudAt(name: keyof typeof BUILT_IN_CLOUDS = 'AzureCloud'): AzureCloud {
  // The built-in cloud's audience and suffix, aimed at the fixture.
  return { ...BUILT_IN_CLOUDS[name], resourceManagerEndpoint: fx.url };
}

function client(options: { credential?: RecordingCredential; cloud?: AzureCloud; maxRetries?: number } = {}) {
  return new AzureClient({
    credential: options.credential ?? new RecordingCredential(fx.token),
    cloud: options.cloud ?? cloudAt(),
    tlsOptions: { ca: fx.ca },
    logger,
    retryOptions: { maxRetries: options.maxRetries ?? 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    errors.push(error);
    return error;
  }
  assert.fail('expected the call to fail');
}

before(async () => {
  fx = await startArmFixture();
});
after(async () => {
  await fx.stop();
});
beforeEach(() => fx.clearFaults());

describe('clouds', () => {
  for (const name of BUILT_IN_CLOUD_NAMES) {
    test(`${name}: the credential is asked for the cloud's ARM scope, requests go to the chosen endpoint`, async () => {
      const credential = new RecordingCredential(fx.token);
      const before = fx.requests.length;
      const subs = await collect(client({ credential, cloud: cloudAt(name) }).listSubscriptions());
      assert.equal(subs.length, 3);
      assert.ok(credential.requests.length >= 1);
      for (const request of credential.requests) assert.deepEqual(request.scopes, [`${BUILT_IN_CLOUDS[name].armAudience}/.default`]);
      assert.ok(fx.requests.slice(before).every((r) => r.bearer === 'valid'));
    });
  }

  test('built-in clouds carry their own ARM host, authority and registry suffix', () => {
    assert.deepEqual(
      BUILT_IN_CLOUD_NAMES.map((n) => [n, new URL(BUILT_IN_CLOUDS[n].resourceManagerEndpoint).host, new URL(BUILT_IN_CLOUDS[n].authorityHost).host, BUILT_IN_CLOUDS[n].acrLoginServerSuffix]),
      [
        ['AzureCloud', 'management.azure.com', 'login.microsoftonline.com', 'azurecr.io'],
        ['AzureChinaCloud', 'management.chinacloudapi.cn', 'login.chinacloudapi.cn', 'azurecr.cn'],
        ['AzureUSGovernment', 'management.usgovcloudapi.net', 'login.microsoftonline.us', 'azurecr.us'],
      ],
    );
  });

  test('a custom cloud (Azure Stack Hub) takes audience, authority and suffix from ARM metadata', async () => {
    const cloud = await customCloud(`${fx.url}/`, { tlsOptions: { ca: fx.ca } });
    assert.equal(cloud.resourceManagerEndpoint, fx.url);
    assert.equal(cloud.armAudience, 'https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155');
    assert.equal(cloud.authorityHost, 'https://adfs.local.azurestack.external');
    assert.equal(cloud.acrLoginServerSuffix, 'azurecr.local.azurestack.external');
    const credential = new RecordingCredential(fx.token);
    await collect(client({ credential, cloud }).listSubscriptions());
    assert.deepEqual(credential.requests[0]?.scopes, ['https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155/.default']);
  });
});

describe('subscriptions and registries', () => {
  test('subscriptions are paged through nextLink', async () => {
    const before = fx.requests.length;
    const subs = await collect(client().listSubscriptions());
    assert.deepEqual(subs.map((s) => [s.name, s.state, s.tenantId]), [
      ['Contoso Production', 'Enabled', TENANT_ID],
      ['Contoso Dev/Test', 'Enabled', TENANT_ID],
      ['Contoso Legacy', 'Disabled', TENANT_ID],
    ]);
    assert.equal(fx.requests.slice(before).filter((r) => r.path === '/subscriptions').length, 2, 'two pages');
    assert.ok(fx.requests.slice(before).every((r) => r.apiVersion === '2022-12-01'));
  });

  test('registries per subscription, across pages, Classic and Premium alike', async () => {
    const registries = await collect(client().listRegistries(SUB_PROD));
    assert.deepEqual(registries.map((r) => [r.name, r.sku, r.loginServer, r.resourceGroup]), [
      ['contosoprod', 'Premium', 'contosoprod.azurecr.io', 'registry-rg'],
      ['contosoclassic', 'Classic', 'contosoclassic.azurecr.io', 'legacy-rg'],
      ['contosodev', 'Basic', 'contosodev.azurecr.io', 'dev-rg'],
    ]);
    assert.deepEqual((await collect(client().listRegistries(SUB_DEV))).map((r) => r.name), ['fabrikamstd']);
  });

  test('findRegistry by name or login server searches the chosen subscriptions', async () => {
    assert.equal((await client().findRegistry('FabrikamStd', undefined)).subscriptionId, SUB_DEV);
    assert.equal((await client().findRegistry('contosodev.azurecr.io', [SUB_PROD])).name, 'contosodev');
    const error = await rejection(client().findRegistry('nosuch', [SUB_PROD, SUB_DEV]));
    assert.ok(error instanceof AzureError);
    assert.match(error.message, /No registry named 'nosuch' in subscriptions 1111.*2222/);
  });
});

describe('one registry', () => {
  test('properties: SKU, network, policies (soft delete from the raw body), endpoints, private endpoints', async () => {
    const details = await client().getRegistry(PROD);
    assert.equal(details.sku, 'Premium');
    assert.equal(details.loginServer, 'contosoprod.azurecr.io');
    assert.deepEqual(details.networkRuleSet, { defaultAction: 'Deny', ipRules: ['203.0.113.0/24'] });
    assert.equal(details.publicNetworkAccess, 'Enabled');
    assert.deepEqual(details.policies.retention, { status: 'disabled', days: 7 });
    assert.deepEqual(details.policies.softDelete, { status: 'disabled', retentionDays: 7 });
    assert.deepEqual(details.policies.azureADAuthenticationAsArm, { status: 'enabled' });
    assert.equal(details.dataEndpointEnabled, true);
    assert.equal(details.dataEndpointHostNames.length, 2);
    assert.deepEqual(details.privateEndpointConnections.map((c) => [c.name, c.status]), [['pe-build', 'Approved']]);
    assert.equal(details.zoneRedundancy, 'Enabled');
    assert.equal(details.roleAssignmentMode, 'LegacyRegistryPermissions');
    const classic = await client().getRegistry(CLASSIC);
    assert.equal(classic.sku, 'Classic');
    assert.equal(classic.adminUserEnabled, true);
  });

  test('storage usage near the limit has its percent', async () => {
    const usage = await client().getStorageUsage(PROD);
    const size = usage.find((u) => u.name === 'Size');
    assert.equal(size?.percent, 96);
    assert.equal(size?.unit, 'Bytes');
    assert.equal(usage.find((u) => u.name === 'Geo-replications')?.percent, undefined, 'no percent without a limit');
  });

  test('replications: the replica in the registry’s own location is the home one', async () => {
    const replicas = await client().listReplications(PROD);
    assert.deepEqual(replicas.map((r) => [r.location, r.isHome, r.status]), [
      ['westeurope', true, 'Ready'],
      ['eastus', false, 'Syncing'],
    ]);
  });

  test('webhooks', async () => {
    const hooks = await client().listWebhooks(PROD);
    assert.deepEqual(hooks.map((h) => [h.name, h.status, h.actions.join(',')]), [
      ['deployhook', 'enabled', 'push'],
      ['audithook', 'disabled', 'push,delete,quarantine'],
    ]);
  });

  test('your role assignments at registry, resource group and subscription scope, with names and createdOn', async () => {
    const credential = new RecordingCredential(fx.token);
    const assignments = await client({ credential }).listMyRoleAssignments(PROD);
    assert.deepEqual(assignments.map((a) => [a.roleName, a.scopeKind]), [
      ['AcrPush', 'registry'],
      ['Reader', 'resourceGroup'],
      ['AcrPull', 'subscription'],
    ]);
    assert.ok(assignments.every((a) => a.principalId === PRINCIPAL_ID), 'only the signed-in principal’s');
    const minutes = (Date.now() - Date.parse(assignments[0]!.createdOn!)) / 60_000;
    assert.ok(minutes > 3 && minutes < 6, 'the fresh assignment keeps its createdOn');
    const filters = fx.requests.filter((r) => r.path.endsWith('/roleAssignments')).map((r) => r.filter);
    assert.ok(filters.includes(`assignedTo('${PRINCIPAL_ID}')`));
  });

  test('admin credentials only on request, and never logged', async () => {
    const creds = await client().getAdminCredentials(CLASSIC);
    assert.equal(creds.username, 'contosoclassic');
    assert.equal(creds.passwords.length, 2);
    for (const p of creds.passwords) {
      const value = p.value!.reveal();
      assert.ok(value.length > 0);
      assert.ok(!logger.lines.some((line) => line.includes(value)));
      assert.ok(!JSON.stringify(creds).includes(value) && !inspect(creds, { depth: 9 }).includes(value), 'printing the credentials shows no password');
    }
  });

  test('running task runs are listed across pages, and one can be cancelled', async () => {
    const c = client();
    const runs = await c.listRunningRuns(PROD);
    assert.deepEqual(runs.map((r) => [r.runId, r.status]), [
      ['cb1', 'Running'],
      ['cb2', 'Running'],
    ]);
    const runRequests = fx.requests.filter((r) => r.path.endsWith('/runs'));
    // The filter as `az acr task list-runs --run-status Running` sends it (acr/task.py _add_run_filter).
    assert.ok(runRequests.every((r) => r.apiVersion === '2019-06-01-preview' && r.filter === "Status eq 'Running'"));
    await c.cancelRun(PROD, 'cb1');
    assert.deepEqual((await c.listRunningRuns(PROD)).map((r) => r.runId), ['cb2']);
    assert.ok(fx.requests.some((r) => r.method === 'POST' && r.path.endsWith('/runs/cb1/cancel') && r.status === 200));
    await assert.rejects(c.cancelRun(PROD, '../x'), (e: unknown) => e instanceof AzureError && e.code === 'AZURE_BAD_RUN_ID');
  });
});

describe('writes', () => {
  test('admin user and anonymous pull on/off', async () => {
    const c = client();
    assert.equal((await c.setAdminUserEnabled(PROD, true)).adminUserEnabled, true);
    assert.equal((await c.setAdminUserEnabled(PROD, false)).adminUserEnabled, false);
    assert.equal((await c.setAnonymousPullEnabled(PROD, true)).anonymousPullEnabled, true);
    assert.equal((await c.setAnonymousPullEnabled(PROD, false)).anonymousPullEnabled, false);
  });

  test('adding an IP rule merges into the existing ones and is idempotent', async () => {
    const c = client();
    const first = await c.addIpRule(PROD, '198.51.100.7/32');
    assert.equal(first.changed, true);
    assert.deepEqual(first.registry.networkRuleSet, { defaultAction: 'Deny', ipRules: ['203.0.113.0/24', '198.51.100.7'] });
    const patches = fx.requests.filter((r) => r.method === 'PATCH').length;
    const second = await c.addIpRule(PROD, '198.51.100.7');
    assert.equal(second.changed, false);
    assert.equal(fx.requests.filter((r) => r.method === 'PATCH').length, patches, 'no second PATCH');
    await assert.rejects(c.addIpRule(PROD, '2001:db8::1'), (e: unknown) => e instanceof AzureError && e.code === 'AZURE_BAD_IP_RULE');
    await assert.rejects(c.addIpRule(CLASSIC, '198.51.100.7'), (e: unknown) => e instanceof AzureError && e.code === 'AZURE_IP_RULES_NEED_PREMIUM');
  });
});

describe('errors', () => {
  test('403 AuthorizationFailed says who lacks which action on which scope, and which role to ask for', async () => {
    fx.forbid(/\/listCredentials$/, 'Microsoft.ContainerRegistry/registries/listCredentials/action');
    const error = await rejection(client().getAdminCredentials(CLASSIC));
    assert.ok(error instanceof AzurePermissionError);
    assert.equal(error.status, 403);
    assert.equal(error.action, 'Microsoft.ContainerRegistry/registries/listCredentials/action');
    assert.match(error.message, new RegExp(`You \\(object id ${PRINCIPAL_ID}\\) lack permission Microsoft.ContainerRegistry/registries/listCredentials/action on scope /subscriptions/${SUB_PROD}/resourceGroups/legacy-rg/`));
    assert.match(error.hint ?? '', /Container Registry Contributor and Data Access Configuration Administrator/);
    assert.ok(error.requestId, 'keeps the request id for support');
  });

  test('a 403 while paging keeps ARM’s message (the SDK’s paging error drops it)', async () => {
    fx.forbid(new RegExp(`^/subscriptions/${SUB_DEV}/providers/Microsoft.ContainerRegistry/registries$`), 'Microsoft.ContainerRegistry/registries/read');
    const error = await rejection(collect(client().listRegistries(SUB_DEV)));
    assert.ok(error instanceof AzurePermissionError);
    assert.equal(error.action, 'Microsoft.ContainerRegistry/registries/read');
    assert.equal(error.scope, `/subscriptions/${SUB_DEV}/providers/Microsoft.ContainerRegistry/registries`);
  });

  test('404 registry → AzureNotFoundError; unknown subscription → AzureSubscriptionNotFoundError', async () => {
    const missing = await rejection(client().getRegistry({ ...PROD, name: 'gone' }));
    assert.ok(missing instanceof AzureNotFoundError);
    assert.equal(missing.armCode, 'ResourceNotFound');
    const noSub = await rejection(collect(client().listRegistries('44444444-4444-4444-8444-444444444444')));
    assert.ok(noSub instanceof AzureSubscriptionNotFoundError);
  });

  test('401 (wrong or expired token) → AzureAuthenticationError telling you to sign in again', async () => {
    const wrong = await rejection(client({ credential: new RecordingCredential(makeTestToken()) }).getRegistry(PROD));
    assert.ok(wrong instanceof AzureAuthenticationError);
    assert.equal(wrong.armCode, 'InvalidAuthenticationToken');
    assert.match(wrong.toUserMessage(), /Sign in again/);
    fx.rejectToken(/contosoprod$/);
    const expired = await rejection(client().getRegistry(PROD));
    assert.ok(expired instanceof AzureAuthenticationError);
  });

  test('a credential that cannot sign in becomes AzureAuthenticationError', async () => {
    const failing = { getToken: async () => Promise.reject(Object.assign(new Error('Azure CLI could not be found'), { name: 'CredentialUnavailableError' })) };
    const error = await rejection(new AzureClient({ credential: failing, cloud: cloudAt(), tlsOptions: { ca: fx.ca } }).getRegistry(PROD));
    assert.ok(error instanceof AzureAuthenticationError);
    assert.match(error.toUserMessage(), /az login/);
  });
});

describe('throttling and cancellation', () => {
  test('a 429 with Retry-After is retried by the SDK pipeline', async () => {
    fx.throttle(/\/listUsages$/);
    const before = fx.requests.length;
    const usage = await client().getStorageUsage(PROD);
    assert.equal(usage[0]?.percent, 96);
    assert.deepEqual(fx.requests.slice(before).map((r) => r.status), [429, 200]);
    assert.ok(logger.lines.some((line) => line.includes('listUsages → 429')), 'each attempt is logged');
  });

  test('throttling that outlasts the retries → AzureThrottledError', async () => {
    fx.throttle(/\/webhooks$/, 10);
    const before = fx.requests.length;
    const error = await rejection(client({ maxRetries: 2 }).listWebhooks(PROD));
    assert.ok(error instanceof AzureThrottledError);
    assert.deepEqual(fx.requests.slice(before).map((r) => r.status), [429, 429, 429], 'first try + 2 retries');
  });

  test('aborting a call in flight rejects with CancelledError', async () => {
    fx.hang(/\/replications$/);
    const controller = new AbortController();
    const call = client().listReplications(PROD, controller.signal);
    await fx.waitForRequest(/\/replications$/);
    controller.abort();
    assert.ok((await rejection(call)) instanceof CancelledError);
  });

  test('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = fx.requests.length;
    assert.ok((await rejection(client().getRegistry(PROD, controller.signal))) instanceof CancelledError);
    assert.ok((await rejection(client().listRunningRuns(PROD, controller.signal))) instanceof CancelledError);
    assert.equal(fx.requests.length, before);
  });
});

describe('login server resolution', () => {
  test('a name is resolved through ARM; an unknown one falls back to name + suffix and says why', async () => {
    const c = client({ cloud: cloudAt('AzureChinaCloud') });
    const found = await resolveLoginServer('ContosoDev', c.cloud, { client: c, subscriptionIds: [SUB_PROD] });
    assert.deepEqual([found.loginServer, found.source, found.registry?.resourceGroup], ['contosodev.azurecr.io', 'arm', 'dev-rg']);
    const fallback = await resolveLoginServer('elsewhere', c.cloud, { client: c, subscriptionIds: [SUB_PROD] });
    assert.deepEqual([fallback.loginServer, fallback.source], ['elsewhere.azurecr.cn', 'suffix']);
    assert.match(fallback.armProblem ?? '', /No registry named 'elsewhere'/);
  });
});

describe('registry bridge', () => {
  test('aadCredentialForRegistry gives an ARM token for the chosen cloud, with its tenant', async () => {
    const credential = new RecordingCredential(fx.token);
    const bridge: RegistryCredential = aadCredentialForRegistry(credential, BUILT_IN_CLOUDS.AzureChinaCloud, 'fallback-tenant');
    assert.equal(bridge.kind, 'aad');
    if (bridge.kind !== 'aad') return;
    const result = await bridge.getAadToken();
    assert.equal(result.token.reveal(), fx.token);
    assert.equal(result.tenantId, TENANT_ID, 'the token’s tid wins');
    assert.deepEqual(credential.requests[0], { scopes: ['https://management.chinacloudapi.cn/.default'], tenantId: 'fallback-tenant' });
  });
});

describe('secrets', () => {
  test('no token reaches a log line or an error', async () => {
    const secretTail = fx.token.split('.')[2]!;
    assert.ok(logger.lines.length > 10, 'the tests above logged requests');
    assert.ok(errors.length >= 8, 'the tests above collected errors');
    for (const line of logger.lines) {
      assert.ok(!line.includes(fx.token) && !line.includes(secretTail), `token in log line: ${line}`);
    }
    for (const error of errors) {
      const text = error instanceof Error ? `${error.message} ${(error as AzureError).hint ?? ''} ${JSON.stringify(error)} ${String(error.stack)}` : String(error);
      assert.ok(!text.includes(secretTail), `token in error: ${text.slice(0, 200)}`);
    }
  });
});
