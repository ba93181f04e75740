/**
 * `acr-doctor check-health --all`: the management-plane checks over every registry the sign-in can
 * see, several at once, as one summary table (registry × area, worst status). In the Azure bundle:
 * it signs in like `acr-doctor registries`. The core (src/core/checks/fleet.ts) decides; this file
 * parses options and renders.
 */
import { runFleet, DEFAULT_FLEET_CONCURRENCY, type FleetReport } from '../../core/checks/fleet';
import { createNodeSystem } from '../../core/checks/nodeSystem';
import { fleetAreas, fleetMarkdown, fleetProblems, STATUS_MARK } from '../../core/checks/report';
import { AZURE_OPTIONS, AZURE_OPTIONS_USAGE, chooseSubscriptions, createAzureContext, defaultAzureCliDeps, type AzureCliDeps } from '../azureOptions';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { expectPositionals, parseCommandLine } from '../options';
import { printError, printJson, printLine, printLines, printTable } from '../output';
import { takeFormat } from './checkHealth';

export const FLEET_USAGE = [
  'Usage: acr-doctor check-health --all [--subscription ID|NAME]... [--concurrency N] [--format text|json|markdown] [options]',
  '',
  'Runs the management-plane checks (Azure Resource Manager only: no data-plane connection) over every',
  'registry of the chosen subscriptions, several registries at once, and prints one row per registry',
  '(the worst status per area and the checks that failed).',
  '',
  'Options:',
  `  --concurrency N          registries checked at once (default ${DEFAULT_FLEET_CONCURRENCY})`,
  '  --timeout S              per-check timeout in seconds (default: each check\'s own)',
  '  --format text|json|markdown   output format (default text)',
  AZURE_OPTIONS_USAGE.replace(/^ {2}--format text\|json .*\n/m, ''),
  '',
  'Exit status: 0 no registry failed, 1 a registry failed a check (or could not be read, or a subscription could not be listed), 2 usage error.',
].join('\n');

function positiveNumber(value: unknown, option: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${option} takes a positive ${integer ? 'whole number' : 'number'}, not '${String(value)}'.`);
  return n;
}

function renderText(io: CliIO, report: FleetReport): void {
  if (report.rows.length === 0) printLine(io, `No registries in ${report.subscriptions.map((s) => s.name).join(', ') || 'any enabled subscription'}.`);
  else {
    const areas = fleetAreas(report);
    printTable(
      io,
      ['REGISTRY', 'SUBSCRIPTION', 'STATUS', ...areas.map((a) => a.toUpperCase()), 'PROBLEMS'],
      report.rows.map((row) => [row.registry.loginServer, row.registry.subscriptionName ?? row.registry.subscriptionId, STATUS_MARK[row.status], ...areas.map((a) => (row.worst[a] ? STATUS_MARK[row.worst[a]] : '-')), fleetProblems(row)]),
    );
    const failing = report.rows.filter((r) => r.status === 'fail' || r.status === 'error').length;
    printLine(io);
    printLine(io, `${report.rows.length - failing} of ${report.rows.length} registries without failures. Details of one: acr-doctor check-health LOGIN-SERVER`);
  }
  for (const error of report.errors) printError(io, `acr-doctor check-health --all: subscription ${error.subscriptionName ?? error.subscriptionId}: ${error.message}`);
}

export function createFleetCommand(deps: AzureCliDeps = defaultAzureCliDeps): CliCommand {
  return {
    name: 'check-health --all',
    summary: 'Check every registry the sign-in can see (management plane), several at once.',
    usage: FLEET_USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
      const { format, rest } = takeFormat(args);
      const parsed = parseCommandLine(rest, { ...AZURE_OPTIONS, all: { type: 'boolean' }, concurrency: { type: 'string' }, timeout: { type: 'string' } }, ['text', 'json'] as const);
      expectPositionals(parsed.positionals, []);
      const concurrency = positiveNumber(parsed.values.concurrency, '--concurrency', true);
      const timeoutSeconds = positiveNumber(parsed.values.timeout, '--timeout', false);
      const context = await createAzureContext({ options: parsed.values, format: 'text', trace: parsed.trace }, io, deps);
      const subscriptions = await chooseSubscriptions(context, io.signal);
      const credential = deps.createCredential(context.cloud, context.tenantId, io.env);
      const report = await runFleet({
        client: context.client,
        async getToken(scope, signal) {
          const token = await credential.getToken(scope, { abortSignal: signal });
          if (!token) throw new Error(`no Azure token for ${scope}`);
          return { token: token.token };
        },
        subscriptions,
        concurrency,
        timeoutMs: timeoutSeconds === undefined ? undefined : Math.round(timeoutSeconds * 1000),
        system: createNodeSystem(),
        signal: io.signal,
        logger: context.logger,
      });
      if (format === 'json') {
        printJson(io, {
          subscriptions: report.subscriptions,
          checks: report.checkIds,
          registries: report.rows.map((row) => ({
            name: row.registry.name,
            loginServer: row.registry.loginServer,
            subscriptionId: row.registry.subscriptionId,
            resourceGroup: row.registry.resourceGroup,
            status: row.status,
            areas: row.worst,
            problem: row.problem ?? null,
            checks: row.results.map((r) => ({ id: r.id, status: r.status, summary: r.summary, fixes: r.fixes ?? [], azTitle: r.azTitle ?? null })),
          })),
          errors: report.errors,
        });
      } else if (format === 'markdown') printLines(io, fleetMarkdown(report).trimEnd());
      else renderText(io, report);
      const failed = report.errors.length > 0 || report.rows.some((r) => r.status === 'fail' || r.status === 'error');
      return failed ? EXIT.failed : EXIT.ok;
    },
  };
}

export const fleetCommand = createFleetCommand();
