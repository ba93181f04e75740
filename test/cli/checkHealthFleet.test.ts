// `acr-doctor check-health --all` through main(), against the ARM fixture (two subscriptions, one
// Classic registry failing checks, one whose GET answers 500). Registries' DNS names never resolve
// here: fleet mode opens no data-plane connection, and the checks that read DNS say so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { COMMANDS } from '../../src/cli/commands/index';
import { createCheckHealthCommand } from '../../src/cli/commands/checkHealth';
import { createFleetCommand } from '../../src/cli/commands/checkHealthFleet';
import type { AzureCliDeps } from '../../src/cli/azureOptions';
import { runCli, type CliRun } from '../support/cliHarness';
import { RecordingCredential, SUB_DEV, registryResource, startArmFixture, type ArmFixture } from '../fixtures/arm/server';

let fx: ArmFixture;
const saved = [...COMMANDS];

async function cli(args: string[]): Promise<CliRun> {
  return runCli(args, { env: { ACR_DOCTOR_ARM_ENDPOINT: fx.url, ACR_DOCTOR_CLOUD: 'AzureCloud' } });
}

before(async () => {
  fx = await startArmFixture();
  fx.state.registries.get(SUB_DEV)!.push(registryResource(SUB_DEV, 'apps-rg', 'fabrikambroken', 'westus2', 'Standard', {}));
  fx.serverError(/\/registries\/fabrikambroken$/, 'GET');
  const credential = new RecordingCredential(fx.token);
  const deps: AzureCliDeps = { createCredential: () => credential, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 } };
  COMMANDS.splice(COMMANDS.findIndex((c) => c.name === 'check-health'), 1, createCheckHealthCommand(createFleetCommand(deps)));
});
after(async () => {
  COMMANDS.splice(0, COMMANDS.length, ...saved);
  await fx.stop();
});

test('text: one table row per registry with the worst status per area; the Classic one and the broken one are named; exit 1', async () => {
  const run = await cli(['check-health', '--all', '--concurrency', '2']);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[0]!, /^REGISTRY\s+SUBSCRIPTION\s+STATUS\s+AUTH\s+REGISTRY\s+RBAC\s+CACHE\s+TASKS\s+PROBLEMS$/);
  assert.match(run.stdout, /^contosoclassic\.azurecr\.io\s+Contoso Production\s+✖ FAIL\s+✔ pass\s+✖ FAIL\s.*fails registry\.sku-classic/m);
  assert.match(run.stdout, /^contosodev\.azurecr\.io\s+Contoso Production\s+✔ pass/m);
  assert.match(run.stdout, /^fabrikamstd\.azurecr\.io\s+Contoso Dev\/Test\s/m);
  assert.match(run.stdout, /^fabrikambroken\.azurecr\.io\s+Contoso Dev\/Test\s+‼ ERROR\s.*Could not read/m);
  assert.match(run.stdout, /of 5 registries without failures/);
  assert.ok(!run.stdout.includes(fx.token) && !run.stderr.includes(fx.token), 'the ARM token never reaches output');
});

test('json and markdown: the same rows; --subscription narrows to one', async () => {
  const json = await cli(['check-health', '--all', '--subscription', 'Contoso Dev/Test', '--format', 'json']);
  const body = JSON.parse(json.stdout) as { registries: Array<{ name: string; status: string; areas: Record<string, string>; problem: string | null; checks: Array<{ id: string }> }> };
  assert.deepEqual(body.registries.map((r) => r.name), ['fabrikamstd', 'fabrikambroken']);
  assert.equal(body.registries[1]!.status, 'error');
  assert.ok(body.registries[0]!.checks.some((c) => c.id === 'registry.sku-classic'));
  assert.ok(!body.registries[0]!.checks.some((c) => c.id.startsWith('net.')), 'no data-plane checks in fleet mode');
  const markdown = await cli(['check-health', '--all', '--format', 'markdown', '--subscription', 'Contoso Production']);
  assert.match(markdown.stdout, /^# check-health --all: 3 registries in 1 subscription$/m);
  assert.match(markdown.stdout, /^\| contosoclassic\.azurecr\.io \| Contoso Production \| ✖ FAIL \|/m);
  assert.equal(markdown.code, 1);
});

test('usage errors exit 2: a bad --concurrency, a registry beside --all', async () => {
  for (const args of [['--concurrency', '0'], ['--concurrency', 'many'], ['contoso.azurecr.io']]) {
    const run = await cli(['check-health', '--all', ...args]);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
  }
});
