import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseCloud, isSignInCancelled, sessionScopes, sovereignEnvironmentMismatch, tenantFromSettings } from '../../../src/extension/azure/cloudSettings';
import { azureSettingsFrom, type AzureSettings } from '../../../src/extension/config';
import { AzureSelection, createMemoryStore, SELECTED_SUBSCRIPTIONS_KEY } from '../../../src/core/azure/selection';
import { builtInCloud, cloudFromMetadata, loginServerFor, BUILT_IN_CLOUDS } from '../../../src/core/azure/clouds';
import { resolveLoginServer } from '../../../src/core/azure/loginServer';
import { parseAuthorizationFailed, roleForAction } from '../../../src/core/azure/errors';
import { normaliseIpRule, scopeKindOf, usagePercent } from '../../../src/core/azure/client';
import { AzureError } from '../../../src/core/azure/errors';

// Raw (user-typed) values go through Config's sanitiser, as they do in the extension.
const settings = (over: Partial<Record<keyof AzureSettings, unknown>>): AzureSettings => azureSettingsFrom(over);

describe('extension cloud settings', () => {
  test('auto follows VS Code’s microsoft-sovereign-cloud.environment; public cloud uses the microsoft provider', () => {
    const table: Array<[unknown, unknown, string, string]> = [
      [undefined, undefined, 'AzureCloud', 'microsoft'],
      ['auto', 'ChinaCloud', 'AzureChinaCloud', 'microsoft-sovereign-cloud'],
      ['auto', 'USGovernment', 'AzureUSGovernment', 'microsoft-sovereign-cloud'],
      ['AzureUSGovernment', undefined, 'AzureUSGovernment', 'microsoft-sovereign-cloud'],
      ['AzureCloud', 'ChinaCloud', 'AzureCloud', 'microsoft'],
      ['nonsense', undefined, 'AzureCloud', 'microsoft'],
    ];
    for (const [cloud, sovereign, name, provider] of table) {
      const choice = chooseCloud(settings({ cloud, sovereignEnvironment: sovereign }));
      assert.equal(choice.kind, 'built-in');
      if (choice.kind !== 'built-in') continue;
      assert.deepEqual([choice.cloud.name, choice.providerId], [name, provider], `${String(cloud)}/${String(sovereign)}`);
    }
  });

  test('custom cloud: endpoint and audience from our settings, sovereign provider', () => {
    assert.deepEqual(chooseCloud(settings({ cloud: 'custom', customArmEndpoint: ' https://management.local.azurestack.external ', customArmAudience: '' })), {
      kind: 'custom',
      armEndpoint: 'https://management.local.azurestack.external',
      audience: undefined,
      providerId: 'microsoft-sovereign-cloud',
    });
    assert.equal(chooseCloud(settings({ sovereignEnvironment: 'custom' })).kind, 'custom');
  });

  test('the sovereign setting VS Code needs for a cloud', () => {
    assert.equal(sovereignEnvironmentMismatch('AzureChinaCloud', undefined), 'ChinaCloud');
    assert.equal(sovereignEnvironmentMismatch('AzureChinaCloud', 'ChinaCloud'), undefined);
    assert.equal(sovereignEnvironmentMismatch('AzureUSGovernment', 'ChinaCloud'), 'USGovernment');
    assert.equal(sovereignEnvironmentMismatch('AzureCloud', undefined), undefined);
  });

  test('session scopes: the cloud’s .default plus one VSCODE_TENANT pseudo-scope', () => {
    assert.deepEqual(sessionScopes(['https://management.usgovcloudapi.net/.default'], 'tid-1'), ['https://management.usgovcloudapi.net/.default', 'VSCODE_TENANT:tid-1']);
    assert.deepEqual(sessionScopes(['https://management.azure.com/.default', 'VSCODE_TENANT:old'], undefined), ['https://management.azure.com/.default']);
    assert.equal(tenantFromSettings(settings({ tenant: 'from-setting' }), 'remembered'), 'from-setting');
    assert.equal(tenantFromSettings(settings({ tenant: '' }), 'remembered'), 'remembered');
  });
});

test('declining VS Code\'s sign-in is recognised in each of the ways VS Code reports it', () => {
  assert.equal(isSignInCancelled(new Error('User did not consent to login.')), true);
  assert.equal(isSignInCancelled('User did not consent to account access'), true);
  const canceled = new Error('Canceled');
  canceled.name = 'Canceled';
  assert.equal(isSignInCancelled(canceled), true);
  assert.equal(isSignInCancelled(new Error('Cancelled')), true);
  assert.equal(isSignInCancelled(new Error('AADSTS50020: User account from identity provider does not exist in tenant')), false);
  assert.equal(isSignInCancelled(undefined), false);
});

describe('selection, clouds and helpers', () => {
  test('remembered subscriptions filter the list; none remembered = the enabled ones', async () => {
    const store = createMemoryStore();
    const selection = new AzureSelection(store);
    const all = [
      { id: 'a', name: 'Prod', state: 'Enabled' },
      { id: 'b', name: 'Dev', state: 'Enabled' },
      { id: 'c', name: 'Old', state: 'Disabled' },
    ];
    assert.deepEqual(selection.filter(all).map((s) => s.id), ['a', 'b']);
    await selection.setSubscriptionIds(['b', 'b']);
    assert.deepEqual(store.data[SELECTED_SUBSCRIPTIONS_KEY], ['b']);
    assert.deepEqual(selection.filter(all).map((s) => s.id), ['b']);
    assert.deepEqual(selection.filter(all, ['Old']).map((s) => s.id), ['c'], 'explicit choice wins, by name too');
    await selection.setSubscriptionIds(undefined);
    assert.equal(selection.subscriptionIds(), undefined);
  });

  test('cloud names and aliases; unknown cloud is a typed error', () => {
    assert.equal(builtInCloud('azurechinacloud').name, 'AzureChinaCloud');
    assert.equal(builtInCloud('USGovernment').name, 'AzureUSGovernment');
    assert.throws(() => builtInCloud('Mars'), (e: unknown) => e instanceof AzureError && e.code === 'AZURE_UNKNOWN_CLOUD');
    assert.equal(loginServerFor('MyReg', BUILT_IN_CLOUDS.AzureChinaCloud), 'myreg.azurecr.cn');
    assert.equal(loginServerFor('myreg', BUILT_IN_CLOUDS.AzureUSGovernment), 'myreg.azurecr.us');
  });

  test('metadata: a single-object answer works too; missing audience is a typed error', () => {
    const cloud = cloudFromMetadata('https://arm.example/', { name: 'Stack', resourceManager: 'https://arm.example/', authentication: { loginEndpoint: 'https://login.example/adfs/', audiences: ['https://aud.example/'] }, suffixes: { acrLoginServer: '.azurecr.example' } });
    assert.deepEqual([cloud.armAudience, cloud.authorityHost, cloud.acrLoginServerSuffix], ['https://aud.example', 'https://login.example', 'azurecr.example']);
    assert.throws(() => cloudFromMetadata('https://arm.example', [{ name: 'x' }]), (e: unknown) => e instanceof AzureError && e.code === 'AZURE_BAD_CLOUD_METADATA');
  });

  test('login server without ARM: name + the cloud’s suffix; a login server is kept (lower case)', async () => {
    assert.deepEqual(await resolveLoginServer('MyReg', BUILT_IN_CLOUDS.AzureUSGovernment), { loginServer: 'myreg.azurecr.us', source: 'suffix' });
    assert.deepEqual(await resolveLoginServer('MyReg.AzureCR.io', BUILT_IN_CLOUDS.AzureCloud), { loginServer: 'myreg.azurecr.io', source: 'given' });
  });

  test('AuthorizationFailed parsing and role suggestions', () => {
    const parsed = parseAuthorizationFailed("The client 'a@b.c' with object id 'oid-1' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/write' over scope '/subscriptions/s/resourceGroups/rg' or the scope is invalid.");
    assert.deepEqual(parsed, { objectId: 'oid-1', action: 'Microsoft.ContainerRegistry/registries/write', scope: '/subscriptions/s/resourceGroups/rg' });
    assert.equal(roleForAction('Microsoft.ContainerRegistry/registries/runs/cancel/action'), 'Container Registry Tasks Contributor');
    assert.equal(roleForAction('Microsoft.ContainerRegistry/registries/runs/read'), 'Reader');
    assert.equal(roleForAction('Microsoft.ContainerRegistry/registries/tasks/read'), 'Reader');
    assert.equal(roleForAction('Microsoft.ContainerRegistry/registries/write'), 'Container Registry Contributor and Data Access Configuration Administrator');
    assert.equal(roleForAction('Microsoft.Authorization/roleAssignments/read'), 'Reader');
    assert.equal(roleForAction(undefined), 'Contributor');
  });

  test('usage percent, IP rule normalisation, scope kinds', () => {
    assert.equal(usagePercent(480, 500), 96);
    assert.equal(usagePercent(1, 3), 33.3);
    assert.equal(usagePercent(5, 0), undefined);
    assert.equal(usagePercent(5, -1), undefined);
    assert.equal(normaliseIpRule(' 10.0.0.1/32 '), '10.0.0.1');
    assert.equal(normaliseIpRule('10.0.0.0/8'), '10.0.0.0/8');
    assert.throws(() => normaliseIpRule('10.0.0.0/33'));
    assert.throws(() => normaliseIpRule('not-an-ip'));
    const reg = { subscriptionId: 'S', resourceGroup: 'RG', name: 'r' };
    assert.equal(scopeKindOf('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/R', reg), 'registry');
    assert.equal(scopeKindOf('/subscriptions/S/resourcegroups/RG', reg), 'resourceGroup');
    assert.equal(scopeKindOf('/subscriptions/S', reg), 'subscription');
    assert.equal(scopeKindOf('/providers/Microsoft.Management/managementGroups/mg', reg), 'managementGroup');
    assert.equal(scopeKindOf('/', reg), 'root');
  });
});
