// Fleet mode against the ARM fixture: registries in two subscriptions, one failing several checks,
// one whose GET answers 500. The summary names the failing one, the broken one is its own row and
// the others are judged; the request log shows how many registries were in flight at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AzureClient, BUILT_IN_CLOUDS } from '../../../../src/core/azure/index';
import { managementChecks, runFleet, type FleetEvent, type FleetReport } from '../../../../src/core/checks/fleet';
import { fleetMarkdown } from '../../../../src/core/checks/report';
import { allChecks } from '../../../../src/core/checks/catalogue';
import { RecordingCredential, SUB_DEV, SUB_PROD, registryResource, type ArmFixture, type RecordedRequest, startArmFixture } from '../../../fixtures/arm/server';
import { presentedNetwork } from '../support';
import { presentMachine } from '../support/presentedMachine';

let fx: ArmFixture;
let client: AzureClient;
const DEV_EXTRA = ['fabrikamone', 'fabrikamtwo', 'fabrikamthree', 'fabrikamfour'];

before(async () => {
  fx = await startArmFixture({ delayMs: 5 });
  for (const name of DEV_EXTRA) fx.state.registries.get(SUB_DEV)!.push(registryResource(SUB_DEV, 'apps-rg', name, 'westus2', 'Standard', {}));
  fx.state.registries.get(SUB_DEV)!.push(registryResource(SUB_DEV, 'apps-rg', 'fabrikambroken', 'westus2', 'Standard', {}));
  fx.serverError(/\/registries\/fabrikambroken$/, 'GET');
  client = new AzureClient({ credential: new RecordingCredential(fx.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx.url }, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 } });
});
after(async () => {
  await fx.stop();
});

function fleet(concurrency: number, events: FleetEvent[] = []): Promise<FleetReport> {
  return runFleet({ client, getToken: async () => ({ token: fx.token }), concurrency, system: presentMachine(), network: presentedNetwork({}), onEvent: (e) => events.push(e) });
}

/** The registry a request is about, from its ARM path. */
function registryOf(request: RecordedRequest): string | undefined {
  return /\/registries\/([^/]+)/i.exec(request.path)?.[1]?.toLowerCase();
}

/** Most registries with a request in flight at one moment (intervals on the fixture's arrival/answer counter). */
function maxRegistriesInFlight(requests: readonly RecordedRequest[]): number {
  const spans = new Map<string, { from: number; to: number }>();
  for (const r of requests) {
    const name = registryOf(r);
    if (!name) continue;
    const span = spans.get(name) ?? { from: r.startSeq, to: r.endSeq };
    spans.set(name, { from: Math.min(span.from, r.startSeq), to: Math.max(span.to, r.endSeq) });
  }
  let max = 0;
  for (const { from } of spans.values()) max = Math.max(max, [...spans.values()].filter((s) => s.from <= from && s.to > from).length);
  return max;
}

describe('fleet mode', () => {
  test('only management-plane checks: each needs Azure and depends on management checks only', () => {
    const chosen = managementChecks(allChecks());
    const ids = new Set(chosen.map((c) => c.meta.id));
    assert.ok(ids.has('registry.login-server') && ids.has('registry.sku-classic') && ids.has('rbac.pull-push') && ids.has('tasks.permissions'));
    assert.ok(!ids.has('auth.token-audience'), 'auth.token-audience reads the data-plane challenge');
    assert.ok(!ids.has('net.dns') && !ids.has('docker.cli'));
    for (const check of chosen) {
      assert.ok(check.meta.needs?.includes('azure'), check.meta.id);
      for (const dep of check.meta.dependsOn ?? []) assert.ok(ids.has(dep), `${check.meta.id} depends on ${dep}`);
    }
  });

  test('every registry of both subscriptions gets a row; the failing one is named; the 500 stops only itself; concurrency is bounded', async () => {
    const start = fx.requests.length;
    const events: FleetEvent[] = [];
    const report = await fleet(3, events);
    const names = report.rows.map((row) => row.registry.name);
    assert.deepEqual(names, ['contosoprod', 'contosoclassic', 'contosodev', 'fabrikamstd', ...DEV_EXTRA, 'fabrikambroken']);
    assert.deepEqual(report.subscriptions.map((s) => s.id), [SUB_PROD, SUB_DEV], 'the disabled subscription is left out');
    assert.deepEqual(report.errors, []);

    const byName = Object.fromEntries(report.rows.map((row) => [row.registry.name, row]));
    const classic = byName.contosoclassic!;
    assert.equal(classic.status, 'fail');
    assert.equal(classic.worst.registry, 'fail');
    const failing = classic.results.filter((r) => r.status === 'fail').map((r) => r.id);
    assert.ok(failing.includes('registry.sku-classic'), JSON.stringify(failing));
    assert.ok(classic.results.filter((r) => r.status === 'fail' || r.status === 'warn').length >= 2, 'Classic with the admin user on fails or warns several checks');

    const broken = byName.fabrikambroken!;
    assert.equal(broken.status, 'error');
    assert.match(broken.problem ?? '', /500|internal server error/i);
    for (const name of ['fabrikamstd', ...DEV_EXTRA]) {
      assert.equal(byName[name]!.results.find((r) => r.id === 'registry.login-server')?.status, 'pass', `${name} was judged despite fabrikambroken`);
      assert.notEqual(byName[name]!.status, 'error', name);
    }

    const markdown = fleetMarkdown(report);
    assert.match(markdown, /^\| contosoclassic\.azurecr\.io \| Contoso Production \| ✖ FAIL \|.*fails [^|]*registry\.sku-classic/m);
    assert.match(markdown, /^\| fabrikambroken\.azurecr\.io \| Contoso Dev\/Test \| ‼ ERROR \|/m);
    assert.match(markdown, /\| Registry \| Subscription \| Status \| auth \| registry \| rbac \| cache \| tasks \| Problems \|/);

    const requests = fx.requests.slice(start);
    const inFlight = maxRegistriesInFlight(requests);
    assert.ok(inFlight <= 3, `at most 3 registries in flight, saw ${inFlight}`);
    assert.ok(inFlight >= 2, `registries are checked side by side, saw ${inFlight}`);
    assert.ok(!requests.some((r) => /listCredentials/i.test(r.path)), 'no admin password is read');
    assert.equal(events.filter((e) => e.type === 'registry-finished').length, names.length);
  });

  test('--subscription: only that subscription; one registry at a time with concurrency 1', async () => {
    const start = fx.requests.length;
    const report = await runFleet({ client, getToken: async () => ({ token: fx.token }), subscriptions: [{ id: SUB_PROD }], concurrency: 1, system: presentMachine(), network: presentedNetwork({}) });
    assert.deepEqual(report.rows.map((row) => row.registry.name), ['contosoprod', 'contosoclassic', 'contosodev']);
    assert.equal(maxRegistriesInFlight(fx.requests.slice(start)), 1);
  });

  test('a subscription that cannot be listed is reported; the others are checked', async () => {
    fx.forbid(/\/subscriptions\/22222222-2222-4222-8222-222222222222\/providers\/Microsoft\.ContainerRegistry\/registries$/, 'Microsoft.ContainerRegistry/registries/read', 'GET');
    try {
      const report = await fleet(4);
      assert.deepEqual(report.rows.map((row) => row.registry.name), ['contosoprod', 'contosoclassic', 'contosodev']);
      assert.equal(report.errors.length, 1);
      assert.equal(report.errors[0]!.subscriptionId, SUB_DEV);
      assert.match(report.errors[0]!.message, /does not have authorization|permission/i);
      assert.match(fleetMarkdown(report), /Subscription Contoso Dev\/Test could not be listed/);
    } finally {
      fx.clearFaults();
      fx.serverError(/\/registries\/fabrikambroken$/, 'GET');
    }
  });
});
