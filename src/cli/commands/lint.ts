import { ruleMeta } from '../../core/lint/catalogue';
import { INTERNAL_ERROR_CODE } from '../../core/lint/finding';
import { toJsonReport } from '../../core/lint/report/json';
import { toSarifReport } from '../../core/lint/report/sarif';
import type { LintSettings, Severity } from '../../core/lint/types';
import { EXIT, UsageError, type CliCommand } from '../io';
import { lintPaths } from '../lintFiles';
import { parseCommandLine } from '../options';
import { printError, printJsonText, printLintText } from '../output';
import { cliVersion } from '../version';

const LEVELS = new Set(['off', 'error', 'warning', 'info', 'hint']);

const USAGE = `Usage: acr-doctor lint [PATH...] [options]

Lints Dockerfiles, .dockerignore, daemon.json, ARM templates and /etc/sysconfig/docker
for Azure Container Registry problems. PATH may be files or folders (default: .).

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply safe fixes in place
  --allowed-registry PATTERN registry FROM may use, e.g. '*.azurecr.io' (repeatable)
  --rule CODE=LEVEL          off|error|warning|info|hint for one rule (repeatable)

Exit status: 0 no error-level finding, 1 at least one, 2 usage or I/O error, or a rule
that failed (ACR000, a bug in acr-doctor).`;

function parseRuleLevels(values: string[]): Record<string, 'off' | Severity> {
  const out: Record<string, 'off' | Severity> = {};
  for (const value of values) {
    const [code, level] = value.split('=');
    if (!code || !level || !LEVELS.has(level)) throw new UsageError(`--rule expects CODE=LEVEL with LEVEL one of off, error, warning, info, hint; got '${value}'.`);
    const meta = ruleMeta(code);
    if (!meta) throw new UsageError(`--rule: unknown rule '${code}'. See docs/rules.md for the codes.`);
    out[meta.code] = level as 'off' | Severity;
  }
  return out;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Lint Dockerfiles, .dockerignore, daemon.json and ARM templates (text, JSON or SARIF).',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCommandLine(
      args,
      {
        fix: { type: 'boolean' },
        'allowed-registry': { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
      },
      ['text', 'json', 'sarif'] as const,
    );
    const format = parsed.format;
    const settings: LintSettings = { enabledKinds: {}, rules: parseRuleLevels(parsed.values.rule ?? []), allowedRegistries: parsed.values['allowed-registry'] ?? [] };
    const reports = await lintPaths(parsed.positionals, { cwd: io.cwd, settings, fix: parsed.values.fix === true });
    if (format === 'json') printJsonText(io, toJsonReport(reports));
    else if (format === 'sarif') printJsonText(io, toSarifReport(reports, { version: cliVersion() }));
    else printLintText(io, reports, io.stdout.isTTY === true && !io.env.NO_COLOR);
    // A rule that threw is our bug, not the file's: say so on stderr too (stdout may be JSON) and exit 2.
    const failures = reports.flatMap((r) => r.findings.filter((f) => f.code === INTERNAL_ERROR_CODE).map((f) => `acr-doctor lint: ${r.file}: ${f.message}`));
    for (const line of failures) printError(io, line);
    if (failures.length > 0 || reports.some((r) => r.ioError)) return EXIT.usage;
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.failed : EXIT.ok;
  },
};
