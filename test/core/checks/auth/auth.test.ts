// auth.* against the ACR front (real token server, real JWTs) and, for the policy, the ARM fixture.
import { Secret } from '../../../../src/core/secret';
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureClient, BUILT_IN_CLOUDS } from '../../../../src/core/azure';
import { runAllChecks, type RunOptions } from '../../../../src/core/checks/engine';
import type { CheckResult } from '../../../../src/core/checks/types';
import type { AcrFrontInternals } from '../../../fixtures/registry/index';
import { RecordingCredential, SUB_PROD, TENANT_ID, makeTestToken, startArmFixture, type ArmFixture } from '../../../fixtures/arm/server';
import { USER, emptySystem, presentedNetwork, startSeededFront } from '../support';

const ARM_TOKEN = makeTestToken({ aud: 'https://management.azure.com' });
const ACR_TOKEN = makeTestToken({ aud: 'https://containerregistry.azure.net' });
const LOGIN = 'contosoprod.azurecr.io';

let front: AcrFrontInternals;
let arm: ArmFixture;

before(async () => {
  [front, arm] = await Promise.all([
    startSeededFront({ loginServerName: LOGIN, entraTokens: { [ACR_TOKEN]: { tenant: TENANT_ID, oid: 'oid-1' } } }),
    startArmFixture(),
  ]);
});
after(async () => {
  await Promise.all([front?.stop(), arm?.stop()]);
});
beforeEach(() => front.clearFaults());

function run(extra: Partial<RunOptions>): Promise<Record<string, CheckResult>> {
  return runAllChecks({ target: { registry: front.host, repository: 'app/web' }, system: emptySystem(), network: presentedNetwork({}), azureUnavailableReason: 'not signed in (test)', ...extra }).then((rs) => Object.fromEntries(rs.map((r) => [r.id, r])));
}

const aad = (token: string) => ({ kind: 'aad' as const, getAadToken: async () => ({ token: new Secret(token), tenantId: TENANT_ID }) });

describe('sign-in with Entra ID', () => {
  test('an accepted token: auth.aad, refresh-token, access-token and repo-permissions pass (full access)', async () => {
    const r = await run({ credential: aad(ACR_TOKEN), only: ['auth'], skip: ['auth.token-audience'] });
    for (const id of ['auth.aad', 'auth.refresh-token', 'auth.access-token', 'auth.repo-permissions']) assert.equal(r[id]?.status, 'pass', `${id}: ${r[id]?.summary}`);
    assert.deepEqual(r['auth.repo-permissions'].evidence?.granted, ['pull', 'push', 'delete', 'metadata_read']);
    assert.match(r['auth.aad'].summary, new RegExp(`tenant ${TENANT_ID}`));
    assert.ok(!JSON.stringify(r).includes(ACR_TOKEN.split('.')[2]), 'the Entra token never reaches a result');
  });

  test('exchange refused: auth.refresh-token fails (CONNECTIVITY_REFRESH_TOKEN_ERROR) with the status and causes', async () => {
    const r = await run({ credential: aad(ARM_TOKEN), only: ['auth.refresh-token'] });
    assert.equal(r['auth.aad'].status, 'pass');
    assert.equal(r['auth.refresh-token'].status, 'fail');
    assert.equal(r['auth.refresh-token'].azTitle, 'CONNECTIVITY_REFRESH_TOKEN_ERROR');
    assert.equal(r['auth.refresh-token'].evidence?.status, 401);
    assert.match(r['auth.refresh-token'].summary, /ARM-audience tokens disabled/);
  });
});

describe('tokens that say yes and grant nothing', () => {
  test('a 200 from the token server granting no actions: access-token warns, repo-permissions fails (none)', async () => {
    const empty = JSON.stringify({ access_token: front.mintAccessToken([]) });
    front.addFault({ pathPrefix: '/oauth2/token', times: 2, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: empty } });
    const r = await run({ credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, only: ['auth.access-token', 'auth.repo-permissions'] });
    assert.equal(r['auth.access-token'].status, 'warn');
    assert.match(r['auth.access-token'].summary, /answered 200 .* grants nothing/);
    assert.equal(r['auth.repo-permissions'].status, 'fail');
    assert.deepEqual(r['auth.repo-permissions'].evidence?.granted, []);
    assert.deepEqual(r['auth.repo-permissions'].evidence?.missing, ['pull', 'push', 'delete', 'metadata_read']);
  });

  test('a token granting pull only: partial', async () => {
    const pullOnly = JSON.stringify({ access_token: front.mintAccessToken(['repository:app/web:pull']) });
    front.addFault({ pathPrefix: '/oauth2/token', times: 1, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: pullOnly } });
    const r = await run({ credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, only: ['auth.repo-permissions'] });
    assert.equal(r['auth.repo-permissions'].status, 'warn');
    assert.match(r['auth.repo-permissions'].summary, /Partial access to app\/web: pull granted; push, delete, metadata_read not/);
  });
});

describe('token audience', () => {
  const azure = () => ({
    client: new AzureClient({ credential: new RecordingCredential(arm.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: arm.url, custom: true }, tlsOptions: { ca: arm.ca }, retryOptions: { maxRetries: 0 } }),
    getToken: async (scope: string) => ({ token: scope.startsWith('https://containerregistry.azure.net') ? ACR_TOKEN : ARM_TOKEN, tenantId: TENANT_ID }),
    registry: { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod' },
  });

  test('ARM-audience token refused, registry-audience accepted, policy disabled in ARM: auth.token-audience fails with the fix', async () => {
    const prod = arm.state.registries.get(SUB_PROD)?.find((x) => x.name === 'contosoprod') as { properties: { policies: { azureADAuthenticationAsArmPolicy: { status: string } } } };
    prod.properties.policies.azureADAuthenticationAsArmPolicy.status = 'disabled';
    const r = await run({ azure: azure(), only: ['auth.token-audience'] });
    assert.equal(r['auth.token-audience'].status, 'fail', r['auth.token-audience'].summary);
    assert.match(r['auth.token-audience'].summary, /refuses ARM-audience Entra tokens .*azureADAuthenticationAsArmPolicy is disabled.*https:\/\/containerregistry\.azure\.net is accepted/);
    assert.equal(r['auth.token-audience'].evidence?.azureADAuthenticationAsArmPolicy, 'disabled');
    assert.ok(r['auth.token-audience'].fixes?.some((f) => f.kind === 'command' && f.command.includes('--resource https://containerregistry.azure.net')));
    assert.ok(arm.requests.some((q) => q.path.endsWith('/registries/contosoprod') && q.bearer === 'valid'), 'the policy was read from ARM');
  });

  test('without Azure sign-in it is skipped with the reason', async () => {
    const r = await run({ only: ['auth.token-audience'] });
    assert.equal(r['auth.token-audience'].status, 'skip');
    assert.match(r['auth.token-audience'].summary, /needs Azure sign-in \(not signed in \(test\)\)/);
  });
});

describe('auth.credentials', () => {
  test('no credentials for a registry that asks for them: fails, says how to log in, and repo.tag-exists cannot tell (inconclusive)', async () => {
    const results = await run({ credential: { kind: 'anonymous' }, only: ['auth.credentials', 'repo.tag-exists'] });
    const credentials = results['auth.credentials'];
    assert.equal(credentials?.status, 'fail', credentials?.summary);
    assert.match(credentials?.summary ?? '', new RegExp(`^No credentials for ${front.host.replace(/[.]/g, '\\.')}: the registry asks for them \\(401\\)`));
    assert.deepEqual(credentials?.fixes?.filter((f) => f.kind === 'command').map((f) => f.kind === 'command' && f.command), ['az acr login --name 127', 'az acr login --name 127 --expose-token']);
    const tag = results['repo.tag-exists'];
    assert.equal(tag?.status, 'warn', tag?.summary);
    assert.equal(tag?.inconclusive, true);
  });

  test('a username and password: passes naming the user, never the password', async () => {
    const results = await run({ credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) }, only: ['auth.credentials'] });
    assert.equal(results['auth.credentials']?.status, 'pass');
    assert.match(results['auth.credentials']?.summary ?? '', new RegExp(`as ${USER.username}\\.$`));
    assert.ok(!JSON.stringify(results).includes(USER.password));
  });

  test('a registry typed in upper case: the fix says the login server goes in lower case (F25)', async () => {
    const typed = front.host.replace('127.0.0.1', 'LOCALHOST');
    const results = await runAllChecks({ target: { registry: typed, repository: 'app/web' }, credential: { kind: 'anonymous' }, system: emptySystem(), network: presentedNetwork({ localhost: ['127.0.0.1'] }), azureUnavailableReason: 'x', only: ['auth.credentials'] });
    assert.match(results.find((r) => r.id === 'auth.credentials')?.summary ?? '', /in lower case \(localhost:\d+, FAQ F25\)/);
  });
});
