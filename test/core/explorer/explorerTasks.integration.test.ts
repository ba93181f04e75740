/**
 * The explorer's Tasks subtree (FAQ F35) over the real AzureClient against the loopback ARM fixture
 * (its task scenario): tasks with status and platform, runs newest first page by page, status icons,
 * "Runs without a task", error nodes, escaped registry text; and "Cancel All Running Runs…"'s core
 * (cancelRuns.ts) cancelling in the fixture.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { AzureClient, BUILT_IN_CLOUDS, collect, type RegistryRef } from '../../../src/core/azure/index';
import { cancelRuns, describeOutcome, ExplorerDataSource, planCancelRuns, type AzureBrowser, type ExplorerNode, type ExplorerSettings } from '../../../src/core/explorer/index';
import { RecordingCredential, SUB_PROD, TASK_SCENARIO, installTaskScenario, startArmFixture, taskRun, type ArmFixture } from '../../fixtures/arm/server';
import { expand, items, loadAll } from './support';

const PROD: RegistryRef = { subscriptionId: SUB_PROD, resourceGroup: 'registry-rg', name: 'contosoprod' };
const PROD_ID = `/subscriptions/${SUB_PROD}/resourceGroups/registry-rg/providers/Microsoft.ContainerRegistry/registries/contosoprod`;
const TASKS_PATH = ['Azure', 'Contoso Production', 'contosoprod.azurecr.io', 'Tasks'];

function azureClient(fx: ArmFixture): AzureClient {
  return new AzureClient({ credential: new RecordingCredential(fx.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx.url }, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 } });
}

/** The extension's AzureBrowser, reduced to what it delegates: every call is the real client's. */
function browserOver(client: AzureClient): AzureBrowser {
  return {
    isSignedIn: async () => true,
    tenants: (signal) => collect(client.listTenants(signal)),
    subscriptions: (_tenant, signal) => collect(client.listSubscriptions(signal)),
    registries: (subscriptionId, signal) => collect(client.listRegistries(subscriptionId, signal)),
    tasks: (ref, signal) => client.listTasks(ref, signal),
    runs: (ref, query, signal) => client.listRuns(ref, query, signal),
  };
}

function explorerOver(fx: ArmFixture, settings: Partial<ExplorerSettings> = {}): ExplorerDataSource {
  return new ExplorerDataSource({
    client: () => {
      throw new Error('the Tasks subtree reads no registry data plane');
    },
    configured: () => [],
    azure: browserOver(azureClient(fx)),
    settings: () => ({ pageSize: 100, tagOrder: 'newest', ...settings }),
  });
}

const labels = (nodes: ExplorerNode[]) => nodes.map((n) => n.label);

describe('explorer: Tasks subtree', () => {
  let fx: ArmFixture;
  before(async () => {
    fx = await startArmFixture({ runsPageSize: 3 });
    installTaskScenario(fx.state);
    // A manual run of a task typed QuickRun (if the service types it so) belongs under its task only.
    fx.state.runs.get('contosoprod')!.push(taskRun(PROD_ID, 'cq9', { status: 'Succeeded', runType: 'QuickRun', task: 'hello-world', createTime: new Date(Date.now() - 50 * 60_000).toISOString() }));
    // Registry text that tries to be Markdown and a terminal escape.
    fx.state.runs.get('contosoprod')!.push(taskRun(PROD_ID, 'cq8', { status: 'Failed', runType: 'QuickBuild', createTime: new Date(Date.now() - 55 * 60_000).toISOString(), runErrorMessage: 'see [the fix](command:workbench.action.terminal.sendSequence) \x1b[31m now' }));
  });
  after(async () => {
    await fx.stop();
  });
  afterEach(() => fx.clearFaults());

  test('a registry shows Tasks; Classic registries have no ACR Tasks and no Tasks node', async () => {
    const explorer = explorerOver(fx);
    const prod = await explorer.children(await expand(explorer, 'Azure', 'Contoso Production', 'contosoprod.azurecr.io'));
    assert.deepEqual(labels(prod), ['Repositories', 'Tasks']);
    assert.equal(prod[1]?.contextValue, 'tasks');
    const classic = await explorer.children(await expand(explorer, 'Azure', 'Contoso Production', 'contosoclassic.azurecr.io'));
    assert.deepEqual(labels(classic), ['Repositories']);
  });

  test('tasks with status and platform; triggers and step in the tooltip; "Runs without a task" last', async () => {
    const explorer = explorerOver(fx);
    const children = await explorer.children(await expand(explorer, ...TASKS_PATH));
    assert.deepEqual(labels(children), ['nightly-build', 'hello-world', 'windows-build', 'purge', 'Runs without a task']);
    const [nightly, hello, windows, purge, quick] = children;
    assert.equal(nightly?.description, 'Enabled · linux/amd64');
    assert.equal(hello?.description, 'Enabled · linux/arm64/v8');
    assert.equal(windows?.description, 'Enabled · windows/amd64');
    assert.equal(purge?.description, 'Disabled · linux/amd64');
    assert.deepEqual([nightly?.contextValue, purge?.contextValue, quick?.contextValue], ['task', 'task disabled', 'quickRuns']);
    assert.deepEqual([nightly?.icon, purge?.icon], ['task', 'task-disabled']);
    const tooltip = nightly?.tooltip ?? '';
    assert.match(tooltip, /Step: Docker \(Dockerfile\)/);
    assert.match(tooltip, /- timer nightly: 0 2 \\\* \\\* \\\* \(Enabled\)/);
    assert.match(tooltip, /- source on\\-commit: Github https:\/\/github\\\.com\/contoso\/app \\\(main\\\) on commit \(Enabled\)/);
    assert.match(tooltip, /- base image base: Runtime \(Enabled\)/);
    assert.ok(!JSON.stringify(children).includes('hook-secret'), 'the base-image webhook URL (with credentials) is nowhere');
    assert.match(windows?.tooltip ?? '', /Triggers: none/);
    assert.match(purge?.tooltip ?? '', /no trigger starts it/);
  });

  test("a task's runs newest first, a page at a time with $top, every status with its icon", async () => {
    const explorer = explorerOver(fx, { pageSize: 5 });
    const nightly = await expand(explorer, ...TASKS_PATH, 'nightly-build');
    const since = fx.requests.length;
    const first = await explorer.children(nightly);
    assert.deepEqual(labels(items(first, 'run')), TASK_SCENARIO.runsOf['nightly-build'].slice(0, 5));
    assert.equal(first.at(-1)?.type, 'loadMore');
    assert.match(first.at(-1)?.description ?? '', /^5 runs shown/);
    const all = await loadAll(explorer, nightly);
    assert.deepEqual(labels(items(all, 'run')), [...TASK_SCENARIO.runsOf['nightly-build']], 'each run once, in order');
    assert.notEqual(all.at(-1)?.type, 'loadMore');
    const runRequests = fx.requests.slice(since).filter((r) => r.path.endsWith('/runs'));
    assert.deepEqual([...new Set(runRequests.map((r) => r.top))], ['5', '10', '15']);
    assert.ok(runRequests.every((r) => r.filter === "TaskName eq 'nightly-build'"));

    const byId = new Map(items(all, 'run').map((n) => [n.label, n]));
    assert.deepEqual(['cc14', 'cc13', 'cc12', 'cc11', 'cc10', 'cc9', 'cc8', 'cc7'].map((id) => [byId.get(id)?.icon, byId.get(id)?.contextValue]), [
      ['run-queued', 'run queued'],
      ['run-running', 'run started'],
      ['run-running', 'run running'],
      ['run-succeeded', 'run succeeded'],
      ['run-failed', 'run failed'],
      ['run-canceled', 'run canceled'],
      ['run-failed', 'run timeout'],
      ['run-failed', 'run error'],
    ]);
    assert.match(byId.get('cc11')?.description ?? '', /^Succeeded · 6 minutes ago · 2m 0s$/);
    assert.match(byId.get('cc12')?.description ?? '', /^Running · 3 minutes ago · \dm \d+s$/, 'a running run counts its time so far');
    assert.match(byId.get('cc14')?.description ?? '', /^Queued · (just now|1 minute ago)$/, 'a queued run has no duration yet');
  });

  test('a run tooltip: type, trigger, platform, times relative and absolute, images pushed, the error', async () => {
    const explorer = explorerOver(fx);
    const runs = items(await explorer.children(await expand(explorer, ...TASKS_PATH, 'nightly-build')), 'run');
    const succeeded = runs.find((n) => n.label === 'cc11')?.tooltip ?? '';
    assert.match(succeeded, /\*\*Run\*\* `cc11` of task `nightly-build`/);
    assert.match(succeeded, /Type: AutoBuild/);
    assert.match(succeeded, /Trigger: timer nightly/);
    assert.match(succeeded, /Platform: linux\/amd64/);
    assert.match(succeeded, /Created: 6 minutes ago \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
    assert.match(succeeded, /Finished: 4 minutes ago/);
    assert.match(succeeded, /- contosoprod\\\.azurecr\\\.io\/app:cc11 \\\(sha256:[0-9a-f]{12}\\\)/);
    assert.match(runs.find((n) => n.label === 'cc10')?.tooltip ?? '', /\*\*Error:\*\* failed during run, err: exit status 1/);
    assert.match(runs.find((n) => n.label === 'cc12')?.tooltip ?? '', /Trigger: commit 8b1f0c2e5d on main of https:\/\/github\\\.com\/contoso\/app/);
    assert.match(runs.find((n) => n.label === 'cc6')?.tooltip ?? '', /Trigger: base image update: mcr\\\.microsoft\\\.com\/dotnet\/runtime:8\\\.0/);
  });

  test('"Runs without a task": quick builds and runs only, none of a task; registry text escaped', async () => {
    const explorer = explorerOver(fx);
    const quick = await explorer.children(await expand(explorer, ...TASKS_PATH, 'Runs without a task'));
    assert.deepEqual(labels(items(quick, 'run')), ['cq3', 'cb1', 'cq2', 'cq1', 'cq8', 'cb0']);
    const hello = await explorer.children(await expand(explorer, ...TASKS_PATH, 'hello-world'));
    assert.deepEqual(labels(items(hello, 'run')), ['cc3', 'cq9', 'cc2'], 'the QuickRun of hello-world is under hello-world');
    const hostile = quick.find((n) => n.label === 'cq8')?.tooltip ?? '';
    assert.ok(!hostile.includes('](command:'), 'no Markdown link survives');
    assert.ok(!hostile.includes('\x1b'), 'no terminal escape survives');
    assert.match(hostile, /see \\\[the fix\\\]\\\(command:workbench\\\.action\\\.terminal\\\.sendSequence\\\) \\\\x1b\\\[31m now/);
  });

  test('a task without runs says so', async () => {
    const explorer = explorerOver(fx);
    const children = await explorer.children(await expand(explorer, ...TASKS_PATH, 'windows-build'));
    assert.deepEqual(children.map((n) => [n.type, n.label]), [['message', 'No runs']]);
  });

  test('403 on the tasks list: an error node that names the permission, the role (Reader) and Retry', async () => {
    fx.forbid(/\/tasks$/, 'Microsoft.ContainerRegistry/registries/tasks/read', 'GET');
    const explorer = explorerOver(fx);
    const tasks = await expand(explorer, ...TASKS_PATH);
    const children = await explorer.children(tasks);
    assert.equal(children.length, 1);
    const [error] = children;
    assert.equal(error?.type, 'error');
    assert.equal(error?.label, "Could not list tasks: you need the role 'Reader' on contosoprod");
    assert.match(error?.tooltip ?? '', /lack permission Microsoft\\\.ContainerRegistry\/registries\/tasks\/read on scope \/subscriptions\//);
    assert.match(error?.tooltip ?? '', /\*\*Next step:\*\* Ask an owner of that scope for the role 'Reader'/);
    assert.deepEqual(error?.actions?.map((a) => a.kind), ['retry', 'runDiagnostics', 'showLog']);
    fx.clearFaults();
    await explorer.loadMore(tasks.id);
    assert.equal(items(await explorer.children(tasks), 'task').length, 4, 'Retry lists them once the role applies');
  });

  test('403 on the runs of one task: an error node under that task; the other tasks still list', async () => {
    fx.forbid(/\/runs$/, 'Microsoft.ContainerRegistry/registries/runs/read', 'GET');
    const explorer = explorerOver(fx);
    const [error] = await explorer.children(await expand(explorer, ...TASKS_PATH, 'nightly-build'));
    assert.equal(error?.type, 'error');
    assert.equal(error?.label, "Could not list the runs of task nightly-build: you need the role 'Reader' on contosoprod");
    fx.clearFaults();
    assert.equal(items(await explorer.children(await expand(explorer, ...TASKS_PATH)), 'task').length, 4);
  });

  test('"Load more…" after runs started meanwhile: the next page continues after the last run shown, nothing twice', async () => {
    const explorer = explorerOver(fx, { pageSize: 4 });
    const nightly = await expand(explorer, ...TASKS_PATH, 'nightly-build');
    const first = labels(items(await explorer.children(nightly), 'run'));
    assert.deepEqual(first, TASK_SCENARIO.runsOf['nightly-build'].slice(0, 4));
    const runs = fx.state.runs.get('contosoprod')!;
    runs.push(taskRun(PROD_ID, 'cc20', { status: 'Queued', runType: 'AutoBuild', task: 'nightly-build', createTime: new Date().toISOString() }));
    try {
      await explorer.loadMore(nightly.id);
      const shown = labels(items(await explorer.children(nightly), 'run'));
      // The newer run shifts the window by one: this page is one shorter, and nothing is skipped or repeated.
      assert.deepEqual(shown, TASK_SCENARIO.runsOf['nightly-build'].slice(0, 7));
      const all = labels(items(await loadAll(explorer, nightly), 'run'));
      assert.deepEqual(all, [...TASK_SCENARIO.runsOf['nightly-build']], 'the newer run shows after a refresh, not at the bottom');
    } finally {
      runs.splice(runs.findIndex((r) => r.name === 'cc20'), 1);
    }
  });
});

describe('explorer: cancelling the running runs (cancelRuns.ts)', () => {
  let fx: ArmFixture;
  beforeEach(async () => {
    fx = await startArmFixture({ runsPageSize: 2 });
    installTaskScenario(fx.state);
  });
  afterEach(async () => {
    await fx.stop();
  });
  const statusOf = (runId: string) => (fx.state.runs.get('contosoprod')!.find((r) => r.name === runId)!.properties as Record<string, unknown>).status;
  const cancels = () => fx.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));

  test('the confirmation lists each queued, started and running run and says what changes', async () => {
    const plan = await planCancelRuns(azureClient(fx), PROD);
    assert.deepEqual(plan.runs.map((r) => r.runId), [...TASK_SCENARIO.active]);
    assert.equal(plan.message, 'Cancel 7 task runs in contosoprod (2 queued, 1 started, 4 running)?');
    assert.equal(plan.confirm, 'Cancel 7 Runs');
    const lines = plan.detail.split('\n');
    assert.match(lines[0] ?? '', /^• cc14 · task nightly-build · Queued · queued (just now|1 minute ago) \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
    assert.match(plan.detail, /^• cq3 · no task · Running · started 4 minutes ago/m);
    assert.match(plan.detail, /^• cb2 · task nightly-build · Running · started 8 minutes ago/m);
    assert.match(plan.detail, /ends with status Canceled/);
    assert.match(plan.detail, /the tasks, their triggers and schedules stay/);
    assert.equal(cancels().length, 0, 'planning cancels nothing');
  });

  test('cancelling: every listed run ends Canceled, the rest keep their status, at most 4 requests at once', async () => {
    const client = azureClient(fx);
    const plan = await planCancelRuns(client, PROD);
    const progress: number[] = [];
    const outcome = await cancelRuns(client, PROD, plan.runs, { onProgress: (done) => progress.push(done) });
    assert.deepEqual(outcome.cancelled.map((r) => r.runId), [...TASK_SCENARIO.active]);
    assert.deepEqual(outcome.failed, []);
    for (const id of TASK_SCENARIO.active) assert.equal(statusOf(id), 'Canceled', id);
    assert.deepEqual(['cc11', 'cc10', 'cc9', 'cq1'].map(statusOf), ['Succeeded', 'Failed', 'Canceled', 'Succeeded']);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7]);
    assert.ok(Math.max(...cancels().map((r) => r.inFlight)) <= 4);
    assert.deepEqual(describeOutcome('contosoprod', outcome), { severity: 'info', message: 'Cancelled 7 task runs in contosoprod.' });
    // The tree, refreshed, shows them cancelled.
    const explorer = explorerOver(fx);
    const nightly = items(await explorer.children(await expand(explorer, ...TASKS_PATH, 'nightly-build')), 'run');
    assert.deepEqual(nightly.slice(0, 3).map((n) => n.description?.split(' · ')[0]), ['Canceled', 'Canceled', 'Canceled']);
    assert.deepEqual((await planCancelRuns(client, PROD)).runs, [], 'nothing left to cancel');
  });

  test('a run whose cancel is refused is reported with the reason and next step; the others are cancelled', async () => {
    fx.forbid(/\/runs\/cc13\/cancel$/, 'Microsoft.ContainerRegistry/registries/runs/cancel/action', 'POST');
    const client = azureClient(fx);
    const plan = await planCancelRuns(client, PROD);
    const outcome = await cancelRuns(client, PROD, plan.runs);
    assert.deepEqual(outcome.failed.map((f) => f.run.runId), ['cc13']);
    assert.equal(outcome.failed[0]?.code, 'AZURE_PERMISSION_DENIED');
    assert.match(outcome.failed[0]?.reason ?? '', /lack permission Microsoft\.ContainerRegistry\/registries\/runs\/cancel\/action/);
    assert.deepEqual(outcome.cancelled.map((r) => r.runId), TASK_SCENARIO.active.filter((id) => id !== 'cc13'));
    assert.equal(statusOf('cc13'), 'Started', 'the refused run still runs');
    for (const id of TASK_SCENARIO.active.filter((id) => id !== 'cc13')) assert.equal(statusOf(id), 'Canceled', id);
    const said = describeOutcome('contosoprod', outcome);
    assert.equal(said.severity, 'warning');
    assert.match(said.message, /^Cancelled 6 task runs in contosoprod\. 1 run could not be cancelled: cc13: You .*runs\/cancel\/action.* Next step: Ask an owner of that scope for the role 'Container Registry Tasks Contributor'/);
  });

  test('nothing queued or running: the plan says so and no cancel is sent', async () => {
    for (const run of fx.state.runs.get('contosoprod')!) {
      const props = run.properties as Record<string, unknown>;
      if (['Queued', 'Started', 'Running'].includes(props.status as string)) props.status = 'Succeeded';
    }
    const client = azureClient(fx);
    const plan = await planCancelRuns(client, PROD);
    assert.deepEqual(plan.runs, []);
    assert.equal(plan.message, 'No task runs are queued or running in contosoprod: nothing to cancel.');
    assert.equal(plan.confirm, '');
    const outcome = await cancelRuns(client, PROD, plan.runs);
    assert.deepEqual(outcome, { cancelled: [], failed: [], notCancelled: [] });
    assert.equal(cancels().length, 0);
  });

  test('stopped before starting: nothing is cancelled and the runs are reported as not cancelled', async () => {
    const client = azureClient(fx);
    const plan = await planCancelRuns(client, PROD);
    const controller = new AbortController();
    controller.abort();
    const outcome = await cancelRuns(client, PROD, plan.runs, { signal: controller.signal });
    assert.equal(outcome.cancelled.length, 0);
    assert.equal(outcome.notCancelled.length, 7);
    assert.equal(cancels().length, 0);
    for (const id of TASK_SCENARIO.active) assert.notEqual(statusOf(id), 'Canceled');
    assert.match(describeOutcome('contosoprod', outcome).message, /Stopped before cc14, cc3, cc13, cc12, cq3, cb1, cb2: they were not cancelled/);
  });
});
