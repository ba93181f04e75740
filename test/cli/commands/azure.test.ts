import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { COMMANDS } from '../../../src/cli/commands/index';
import { createRegistriesCommand } from '../../../src/cli/commands/registries';
import { createShowCommand } from '../../../src/cli/commands/show';
import type { AzureCliDeps } from '../../../src/cli/azureOptions';
import { runCli, type CliRun } from '../../support/cliHarness';
import { RecordingCredential, SUB_DEV, SUB_PROD, makeTestToken, startArmFixture, type ArmFixture } from '../../fixtures/arm/server';

let fx: ArmFixture;
let credential: RecordingCredential;
const asked: Array<{ cloud: string; tenantId?: string }> = [];
const outputs: string[] = [];
const saved = [...COMMANDS];

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const result = await runCli(args, { env: { ACR_DOCTOR_ARM_ENDPOINT: fx.url, ...env } });
  outputs.push(result.stdout, result.stderr);
  return result;
}

before(async () => {
  fx = await startArmFixture();
  credential = new RecordingCredential(fx.token);
  const deps: AzureCliDeps = {
    createCredential: (cloud, tenantId) => {
      asked.push({ cloud: cloud.name, tenantId });
      return credential;
    },
    tlsOptions: { ca: fx.ca },
    retryOptions: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  };
  // Drive the real main() with the real commands, built with test dependencies.
  COMMANDS.splice(COMMANDS.findIndex((c) => c.name === 'registries'), 1, createRegistriesCommand(deps));
  COMMANDS.splice(COMMANDS.findIndex((c) => c.name === 'show'), 1, createShowCommand(deps));
});
after(async () => {
  COMMANDS.splice(0, COMMANDS.length, ...saved);
  await fx.stop();
});
beforeEach(() => fx.clearFaults());

describe('acr-doctor registries', () => {
  test('text: every registry of the enabled subscriptions, exit 0', async () => {
    const run = await cli(['registries']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+SKU\s+LOCATION\s+RESOURCE GROUP\s+SUBSCRIPTION\s+LOGIN SERVER$/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(/\s{2,}/)[0]), ['contosoprod', 'contosoclassic', 'contosodev', 'fabrikamstd']);
    assert.match(run.stdout, /contosoclassic\s+Classic\s+eastus/);
    assert.doesNotMatch(run.stdout, /Legacy/, 'disabled subscription skipped');
    assert.equal(asked.at(-1)?.cloud, 'AzureStack-User-1', 'the --arm-endpoint alone reads the custom cloud’s metadata');
  });

  test('json with --subscription by name, and --cloud picks the audience', async () => {
    const run = await cli(['registries', '--subscription', 'Contoso Dev/Test', '--cloud', 'AzureUSGovernment', '--format', 'json', '--tenant', 'contoso.onmicrosoft.com']);
    assert.equal(run.code, 0, run.stderr);
    const body = JSON.parse(run.stdout) as { cloud: string; registries: Array<{ name: string; subscriptionId: string }>; errors: unknown[] };
    assert.equal(body.cloud, 'AzureUSGovernment');
    assert.deepEqual(body.registries.map((r) => [r.name, r.subscriptionId]), [['fabrikamstd', SUB_DEV]]);
    assert.deepEqual(body.errors, []);
    assert.deepEqual(asked.at(-1), { cloud: 'AzureUSGovernment', tenantId: 'contoso.onmicrosoft.com' });
    assert.deepEqual(credential.requests.at(-1)?.scopes, ['https://management.usgovcloudapi.net/.default']);
  });

  test('a subscription you cannot read: the others still listed, the reason on stderr, exit 1', async () => {
    fx.forbid(new RegExp(`^/subscriptions/${SUB_DEV}/providers/Microsoft.ContainerRegistry/registries$`), 'Microsoft.ContainerRegistry/registries/read');
    const run = await cli(['registries', '--cloud', 'AzureCloud']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /contosoprod/);
    assert.match(run.stderr, /subscription Contoso Dev\/Test: You \(object id .*\) lack permission Microsoft.ContainerRegistry\/registries\/read/);
    assert.match(run.stderr, /Container Registry Configuration Reader and Data Access Configuration Reader/);
  });

  test('--trace logs each ARM request in the one log line format; --verbose is the same flag', async () => {
    const traced = await cli(['registries', '--trace']);
    const verbose = await cli(['registries', '--verbose']);
    assert.equal(traced.code, 0, traced.stderr);
    assert.match(traced.stderr, /^\[debug\] ARM GET \/subscriptions → 200/m);
    const lines = (run: CliRun) => run.stderr.split('\n').filter(Boolean).map((line) => line.replace(/\(request id [^)]*\)/, ''));
    assert.deepEqual(lines(verbose), lines(traced));
    assert.equal((await cli(['registries'])).stderr, '', 'nothing logged without the flag');
  });

  test('bad options exit 2 with one line that points to --help', async () => {
    const run = await cli(['registries', '--format', 'yaml']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format must be 'text' or 'json', not 'yaml'\./);
    assert.match(run.stderr, /^acr-doctor registries: [^\n]* Run 'acr-doctor registries --help' for the options\.\n$/);
    assert.equal((await cli(['registries', '--bogus'])).code, 2);
    const mars = await cli(['registries', '--cloud', 'Mars']);
    assert.equal(mars.code, 2, 'an unknown cloud name is a usage error');
    assert.match(mars.stderr, /'Mars' is not an Azure cloud/);
  });

  test('a rejected token: exit 1 with a sign-in hint', async () => {
    const saved = credential;
    credential = new RecordingCredential(makeTestToken());
    try {
      const run = await cli(['registries', '--cloud', 'AzureCloud']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /Sign in again to AzureCloud/);
    } finally {
      credential = saved;
    }
  });
});

describe('acr-doctor show', () => {
  test('text: configuration, storage near the limit, home replica, webhooks, fresh role assignment, running runs', async () => {
    const run = await cli(['show', 'contosoprod', '--cloud', 'AzureCloud']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^contosoprod \(Premium\) contosoprod\.azurecr\.io/);
    assert.match(run.stdout, /Public network:\s+Enabled; default action Deny; IP rules: 203\.0\.113\.0\/24/);
    assert.match(run.stdout, /Private endpoints:\s+pe-build \(Approved\)/);
    assert.match(run.stdout, /soft delete disabled \(7 days\)/);
    assert.match(run.stdout, /Size: .* \(96%\)\s+← near the limit/);
    assert.match(run.stdout, /westeurope \(home\)\s+Ready/);
    assert.match(run.stdout, /eastus\s+Syncing: Replication is syncing content\./);
    assert.match(run.stdout, /deployhook\s+enabled\s+push\s+app:\*/);
    assert.match(run.stdout, /AcrPush\s+registry\s+created [3-6] minutes ago: may not apply yet/);
    assert.match(run.stdout, /AcrPull\s+subscription\s+created 2022-01-26/);
    assert.match(run.stdout, /cb2\s+AutoRun\s+nightly-build/);
  });

  test('by login server, json; Classic skips replications and runs', async () => {
    const run = await cli(['show', 'ContosoClassic.azurecr.io', '--format', 'json', '--cloud', 'AzureCloud', '--subscription', SUB_PROD]);
    assert.equal(run.code, 0, run.stderr);
    const body = JSON.parse(run.stdout) as { registry: { name: string; sku: string; adminUserEnabled: boolean }; replications: unknown; runningRuns: unknown; roleAssignments: unknown[] };
    assert.equal(body.registry.name, 'contosoclassic');
    assert.equal(body.registry.sku, 'Classic');
    assert.equal(body.registry.adminUserEnabled, true);
    assert.deepEqual(body.replications, { skipped: 'Geo-replication needs the Premium tier.' });
    assert.deepEqual(body.runningRuns, { skipped: 'Classic registries have no ACR Tasks.' });
    assert.ok(Array.isArray(body.roleAssignments));
  });

  test('a section you lack access to says why; the rest is shown, exit 0', async () => {
    fx.forbid(/\/roleAssignments$/, 'Microsoft.Authorization/roleAssignments/read');
    const run = await cli(['show', 'contosoprod', '--cloud', 'AzureCloud']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Your role assignments\n {2}unavailable: You \(object id .*\) lack permission Microsoft\.Authorization\/roleAssignments\/read .*'Reader'/);
    assert.match(run.stdout, /westeurope \(home\)/);
  });

  test('an unknown registry exits 1 and says where it looked; no registry exits 2', async () => {
    const run = await cli(['show', 'nosuchregistry', '--cloud', 'AzureCloud']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No registry named 'nosuchregistry' in subscriptions/);
    assert.match(run.stderr, /--subscription/);
    assert.equal((await cli(['show'])).code, 2);
  });

  test('the registry read forbidden: exit 1 naming the action and the role to ask for', async () => {
    fx.forbid(/\/registries\/contosoprod$/, 'Microsoft.ContainerRegistry/registries/read', 'GET');
    const run = await cli(['show', 'contosoprod', '--cloud', 'AzureCloud']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /lack permission Microsoft\.ContainerRegistry\/registries\/read on scope \/subscriptions\/.*\/registries\/contosoprod/);
  });
});

test('no token in any CLI output', () => {
  assert.ok(outputs.join('').length > 1000);
  const tail = fx.token.split('.')[2]!;
  for (const text of outputs) assert.ok(!text.includes(tail), 'token leaked into CLI output');
});
