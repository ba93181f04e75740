/**
 * `acr-doctor check-health REGISTRY`: every diagnostics check, in parallel, printed as each finishes.
 * The engine decides (run through cli/checkRun.ts, with credentials and Azure found there); this file
 * only parses options and renders.
 */
import { allChecks } from '../../core/checks/catalogue';
import { unknownCheckIds } from '../../core/checks/engine';
import { DEFAULT_FLEET_CONCURRENCY } from '../../core/checks/fleet';
import { checksMarkdown, countsLine, STATUS_MARK } from '../../core/checks/report';
import { CHECK_AREAS, type CheckResult } from '../../core/checks/types';
import { runChecksFromCli } from '../checkRun';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { parseFormat } from '../options';
import { printJson, printLine, printLines } from '../output';
import { lazyFleetCommand } from '../lazyCommand';
import { expectPositionals, parseCommandArgs, parseRegistryArgument, REGISTRY_OPTIONS_USAGE } from '../registryOptions';

type Format = 'text' | 'json' | 'markdown';


const MARK = STATUS_MARK;

/** `--format` is taken out before the registry options' parser, which knows only text|json; checked by the one parseFormat. */
export function takeFormat(args: string[]): { format: Format; rest: string[] } {
  const rest: string[] = [];
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--format') {
      if (args[i + 1] === undefined) throw new UsageError('--format needs a value: text, json or markdown.');
      format = args[++i] as string;
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else rest.push(arg);
  }
  return { format: parseFormat<Format>(format, ['text', 'json', 'markdown']), rest };
}

/** REPO, REPO:TAG or REPO@DIGEST; the name itself is judged by repo.name-format, not refused here. */
export function splitRepository(value: string): { repository: string; reference?: string } {
  const at = value.indexOf('@');
  if (at !== -1) return { repository: value.slice(0, at), reference: value.slice(at + 1) };
  const colon = value.lastIndexOf(':');
  if (colon !== -1 && !value.slice(colon).includes('/')) return { repository: value.slice(0, colon), reference: value.slice(colon + 1) };
  return { repository: value };
}

function ids(values: unknown): string[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

function renderText(io: CliIO, result: CheckResult): void {
  printLine(io, `${MARK[result.status].padEnd(8)} ${result.id.padEnd(22)} ${result.summary}${result.azTitle && result.status === 'fail' ? ` [${result.azTitle}]` : ''}`);
  if (result.status === 'pass' || result.status === 'skip') return;
  for (const fix of result.fixes ?? []) {
    if (fix.kind === 'command') printLine(io, `           → ${fix.title}: ${fix.command}`);
    else if (fix.kind === 'link' && fix.title !== 'Documentation') printLine(io, `           → ${fix.title}: ${fix.url}`);
    else if (fix.kind === 'setting') printLine(io, `           → ${fix.title}: ${fix.setting} = ${JSON.stringify(fix.value)}`);
    else if (fix.kind === 'file-edit') printLine(io, `           → ${fix.title}: ${fix.file}${fix.line ? `:${fix.line}` : ''}`);
  }
}

function renderGroups(io: CliIO, results: CheckResult[]): void {
  printLine(io);
  for (const area of CHECK_AREAS) {
    const inArea = results.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    printLine(io, `${area.padEnd(9)} ${inArea.map((r) => `${MARK[r.status].slice(0, 1)} ${r.id.slice(area.length + 1)}`).join('  ')}`);
  }
  printLine(io, countsLine(results));
}

/** `check-health` itself; `fleet` runs `--all` (the Azure bundle's fleet command unless a test passes its own). */
export function createCheckHealthCommand(fleet: CliCommand = lazyFleetCommand): CliCommand {
  return {
    name: 'check-health',
    summary: 'Diagnose connectivity, sign-in and repository problems (az acr check-health and more), in parallel.',
    usage: [
      'Usage: acr-doctor check-health REGISTRY [--repository REPO[:TAG]] [--only IDS] [--skip IDS] [--format text|json|markdown] [--timeout S] [options]',
      '       acr-doctor check-health --all [--subscription ID|NAME]... [--concurrency N] [--format text|json|markdown]',
      '',
      'Options:',
      '  --repository REPO[:TAG]  Also check this repository (existence, permissions, locks, data endpoint).',
      '  --only IDS               Only these checks (comma-separated ids or areas like net); what they depend on runs too.',
      '  --skip IDS               Leave these checks out; their dependents are skipped naming them.',
      '  --format text|json|markdown   Output format (default text).',
      '  --timeout S              Per-check timeout in seconds (default: each check\'s own).',
      '  --opt-in                 Also run opt-in checks and probes (upload throughput writes a small blob).',
      '  --no-azure               Do not sign in to Azure; Azure checks are skipped.',
      '  --all                    Fleet mode: the management-plane checks (Azure Resource Manager only) over every registry',
      `                           the Azure sign-in sees, --concurrency N at once (default ${DEFAULT_FLEET_CONCURRENCY}); one row per registry.`,
      '                           --subscription, --tenant and --cloud work as for `acr-doctor registries`.',
      REGISTRY_OPTIONS_USAGE.replace(/^ {2}--format text\|json .*\n/m, ''),
      '',
      'Exit status: 0 nothing failed, 1 a check failed (or could not run), 2 usage error.',
    ].join('\n'),
    async run(args: string[], io: CliIO): Promise<number> {
      if (args.includes('--all')) return fleet.run(args, io);
      const { format, rest } = takeFormat(args);
      const { positionals, values, common } = parseCommandArgs(rest, {
        repository: { type: 'string' },
        only: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        'opt-in': { type: 'boolean' },
        'no-azure': { type: 'boolean' },
      });
      const [registryArgument] = expectPositionals(positionals, ['REGISTRY']);
      const registry = parseRegistryArgument(registryArgument as string);
      const catalogue = allChecks();
      const only = ids(values.only);
      const skip = ids(values.skip);
      const unknown = unknownCheckIds(catalogue, [...only, ...skip]);
      if (unknown.length > 0) throw new UsageError(`unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${catalogue.map((c) => c.meta.id).join(', ')}.`);
      let timeoutMs: number | undefined;
      if (values.timeout !== undefined) {
        const seconds = Number(values.timeout);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes seconds (a positive number), not '${String(values.timeout)}'.`);
        timeoutMs = Math.round(seconds * 1000);
      }
      const target = { registry, insecureHttp: common.insecureHttp, ...(typeof values.repository === 'string' ? splitRepository(values.repository) : {}) };

      if (format === 'text') printLine(io, `check-health ${registry}${target.repository ? ` (repository ${values.repository as string})` : ''}`);
      const results = await runChecksFromCli(io, common, target, {
        only,
        skip,
        timeoutMs,
        optIn: values['opt-in'] === true,
        noAzure: values['no-azure'] === true,
        onEvent: (event) => {
          if (format === 'text' && event.type === 'finished') renderText(io, event.result);
        },
      });
      if (format === 'text') renderGroups(io, results);
      else if (format === 'markdown') printLines(io, checksMarkdown(registry, results, { details: true }).trimEnd());
      else {
        const checks = results.map((r) => ({ id: r.id, title: r.title, status: r.status, summary: r.summary, evidence: r.evidence ?? {}, fixes: r.fixes ?? [], faq: r.faq, azTitle: r.azTitle ?? null, durationMs: r.durationMs }));
        printJson(io, { registry, checks });
      }
      return results.some((r) => r.status === 'fail' || r.status === 'error') ? EXIT.failed : EXIT.ok;
    },
  };
}

export const checkHealthCommand: CliCommand = createCheckHealthCommand();
