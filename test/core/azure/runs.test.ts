// listRuns and listTasks against the loopback ARM fixture with its task scenario: OData filters as the
// az CLI sends them, $top, newest first, bounded paging, errors as typed AzureErrors.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AzureClient, AzurePermissionError, BUILT_IN_CLOUDS, runsFilter, type RegistryRef } from '../../../src/core/azure/index';
import { RecordingCredential, SUB_PROD, TASK_SCENARIO, installTaskScenario, startArmFixture, taskRun, type ArmFixture } from '../../fixtures/arm/server';

const PROD: RegistryRef = { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod' };
const PROD_ID = `/subscriptions/${SUB_PROD}/resourceGroups/registry-rg/providers/Microsoft.ContainerRegistry/registries/contosoprod`;

let fx: ArmFixture;

function client(): AzureClient {
  return new AzureClient({ credential: new RecordingCredential(fx.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx.url }, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 } });
}

const runRequests = (since: number) => fx.requests.slice(since).filter((r) => r.path.endsWith('/runs'));

before(async () => {
  fx = await startArmFixture({ runsPageSize: 2 });
  installTaskScenario(fx.state);
});
after(async () => {
  await fx.stop();
});
beforeEach(() => fx.clearFaults());

describe('runsFilter', () => {
  test('clauses as the az CLI writes them, joined with and; alternatives in parentheses; quotes doubled', () => {
    assert.equal(runsFilter({}), undefined);
    assert.equal(runsFilter({ taskName: 'nightly-build' }), "TaskName eq 'nightly-build'");
    assert.equal(runsFilter({ status: 'Running' }), "Status eq 'Running'");
    assert.equal(runsFilter({ quick: true, status: ['Queued', 'Running'] }), "(RunType eq 'QuickBuild' or RunType eq 'QuickRun') and (Status eq 'Queued' or Status eq 'Running')");
    assert.equal(runsFilter({ taskName: "it's" }), "TaskName eq 'it''s'");
  });
});

describe('listRuns', () => {
  test("a task's runs, newest first, across pages, each field of RunProperties read", async () => {
    const since = fx.requests.length;
    const runs = await client().listRuns(PROD, { taskName: 'nightly-build' });
    assert.deepEqual(runs.map((r) => r.runId), [...TASK_SCENARIO.runsOf['nightly-build']]);
    const requests = runRequests(since);
    assert.equal(requests.length, Math.ceil(runs.length / 2), 'one request per page of two');
    assert.ok(requests.every((r) => r.filter === "TaskName eq 'nightly-build'" && r.apiVersion === '2019-06-01-preview'));
    const succeeded = runs.find((r) => r.runId === 'cc11');
    assert.equal(succeeded?.status, 'Succeeded');
    assert.equal(succeeded?.runType, 'AutoBuild');
    assert.equal(succeeded?.taskName, 'nightly-build');
    assert.deepEqual(succeeded?.platform, { os: 'Linux', architecture: 'amd64', variant: undefined });
    assert.deepEqual(succeeded?.outputImages?.map((i) => `${i.repository}:${i.tag}`), ['app:cc11', 'app:latest']);
    assert.equal(succeeded?.timerTrigger?.timerTriggerName, 'nightly');
    assert.ok(succeeded?.startTime && succeeded.finishTime && succeeded.createTime);
    assert.equal(runs.find((r) => r.runId === 'cc10')?.runErrorMessage, 'failed during run, err: exit status 1');
    assert.equal(runs.find((r) => r.runId === 'cc12')?.sourceTrigger?.commitId, '8b1f0c2e5d');
    assert.equal(runs.find((r) => r.runId === 'cc6')?.imageUpdateTrigger?.images[0]?.repository, 'dotnet/runtime');
  });

  test('$top bounds the listing: the newest N, and no page after the one that reaches N', async () => {
    const since = fx.requests.length;
    const runs = await client().listRuns(PROD, { taskName: 'nightly-build', top: 3 });
    assert.deepEqual(runs.map((r) => r.runId), TASK_SCENARIO.runsOf['nightly-build'].slice(0, 3));
    const requests = fx.requests.slice(since).filter((r) => r.path.endsWith('/runs'));
    assert.equal(requests.length, 2, 'pages of two: the second reaches three');
    assert.ok(fx.requests.slice(since).every((r) => !r.path.includes('cancel')));
  });

  test('quick runs: run type QuickBuild or QuickRun, none of a task', async () => {
    const runs = await client().listRuns(PROD, { quick: true });
    assert.deepEqual(runs.map((r) => r.runId), [...TASK_SCENARIO.quick]);
    assert.ok(runs.every((r) => r.taskName === undefined && (r.runType === 'QuickBuild' || r.runType === 'QuickRun')));
  });

  test('statuses: Queued, Started and Running together in one request', async () => {
    const since = fx.requests.length;
    const runs = await client().listRuns(PROD, { status: ['Queued', 'Started', 'Running'] });
    assert.deepEqual(runs.map((r) => r.runId), [...TASK_SCENARIO.active]);
    assert.equal(runRequests(since)[0]?.filter, "(Status eq 'Queued' or Status eq 'Started' or Status eq 'Running')");
    assert.deepEqual((await client().listRuns(PROD, { taskName: 'hello-world', status: 'Queued' })).map((r) => r.runId), ['cc3']);
    assert.deepEqual(await client().listRuns(PROD, { taskName: 'windows-build' }), []);
  });

  test('paging is bounded: 100 pages at most, even when the registry has more runs', async () => {
    const fx2 = await startArmFixture({ runsPageSize: 1 });
    try {
      fx2.state.runs.set('contosoprod', Array.from({ length: 130 }, (_, i) => taskRun(PROD_ID, `cd${i}`, { status: 'Succeeded', runType: 'QuickBuild', createTime: new Date(Date.UTC(2025, 0, 1, 0, 130 - i)).toISOString() })));
      const c = new AzureClient({ credential: new RecordingCredential(fx2.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx2.url }, tlsOptions: { ca: fx2.ca }, retryOptions: { maxRetries: 0 } });
      const runs = await c.listRuns(PROD);
      assert.equal(runs.length, 100);
      assert.equal(runs[0]?.runId, 'cd0');
      assert.equal(fx2.requests.filter((r) => r.path.endsWith('/runs')).length, 100);
    } finally {
      await fx2.stop();
    }
  });

  test('403 AuthorizationFailed: a permission error naming the action and Reader (reading runs needs no more)', async () => {
    fx.forbid(/\/runs$/, 'Microsoft.ContainerRegistry/registries/runs/read', 'GET');
    const error = await client().listRuns(PROD, { taskName: 'nightly-build' }).then(() => assert.fail('expected a 403'), (e: unknown) => e);
    assert.ok(error instanceof AzurePermissionError);
    assert.equal(error.action, 'Microsoft.ContainerRegistry/registries/runs/read');
    assert.match(error.message, /could not list the runs of task nightly-build of contosoprod/);
    assert.match(error.hint ?? '', /role 'Reader'/);
  });
});

describe('listTasks', () => {
  test('name, status, platform, step and triggers; no secret of the task body', async () => {
    const tasks = await client().listTasks(PROD);
    assert.deepEqual(tasks.map((t) => [t.name, t.status, t.platform?.os, t.stepType]), [
      ['nightly-build', 'Enabled', 'Linux', 'Docker'],
      ['hello-world', 'Enabled', 'Linux', 'FileTask'],
      ['windows-build', 'Enabled', 'Windows', 'Docker'],
      ['purge', 'Disabled', 'Linux', 'EncodedTask'],
    ]);
    const nightly = tasks[0]!;
    assert.equal(nightly.stepFile, 'Dockerfile');
    assert.deepEqual(nightly.triggers, [
      { kind: 'source', name: 'on-commit', status: 'Enabled', detail: 'Github https://github.com/contoso/app (main) on commit' },
      { kind: 'timer', name: 'nightly', status: 'Enabled', detail: '0 2 * * *' },
      { kind: 'baseImage', name: 'base', status: 'Enabled', detail: 'Runtime' },
    ]);
    assert.equal(tasks[1]?.stepFile, 'acr-task.yaml');
    assert.deepEqual(tasks[1]?.platform, { os: 'Linux', architecture: 'arm64', variant: 'v8' });
    assert.ok(!JSON.stringify(tasks).includes('hook-secret'), 'the base-image webhook URL (with its credentials) is not read');
    assert.ok(!JSON.stringify(tasks).includes('dmVyc2lvbjogdjEuMS4w'), 'encoded task content is not read');
  });
});
