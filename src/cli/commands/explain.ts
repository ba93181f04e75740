import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { decidingChecks, explainStream, explainText, judgeCauses, toJsonReport, toMarkdownReport, toTextReport, type Judgements, type Recognition } from '../../core/explain/index';
import { runChecksFromCli } from '../checkRun';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { printError, printJson, printLines } from '../output';
import { parseCommandArgs, REGISTRY_OPTIONS_USAGE, type CommonRegistryOptions } from '../registryOptions';

const USAGE = `Usage: acr-doctor explain [TEXT... | - | --file LOG] [options]

Explains the error messages docker, containerd/kubelet, az, Helm, ORAS, buildx or a CI pipeline printed:
what each means, its likely causes in order, the checks that decide between them, and the next step.
Reads TEXT, or standard input with '-' (or when no TEXT is given and input is piped), or a log file.

With --check it then runs just the checks that decide between the causes against the registry each
message names (as check-health would), and says which cause it is.

Options:
  --file LOG                 a log file (read in one pass; any size)
  --format text|json|markdown output format (default: text)
  --check                    run the deciding checks against the registry the message names
  --no-azure                 with --check: do not sign in to Azure (checks that need it are skipped)
Registry options (with --check):
${REGISTRY_OPTIONS_USAGE.replace(/^ {2}--format text\|json .*\n/m, '')}

Exit status: 0 something was recognised, 1 nothing was, 2 usage or I/O error.`;

/** One check run per registry and repository the messages name; Docker Hub is not ours to check. */
async function checkRecognitions(recognitions: Recognition[], io: CliIO, common: CommonRegistryOptions, noAzure: boolean): Promise<Judgements> {
  const judgements = new Map<Recognition, { ran: string[]; judged: ReturnType<typeof judgeCauses>; notChecked?: string }>();
  const groups = new Map<string, Recognition[]>();
  for (const r of recognitions) {
    const host = r.facts.loginServer;
    if (!host || host === 'docker.io') {
      judgements.set(r, { ran: [], judged: [], notChecked: host ? 'the message is about Docker Hub (docker.io), not a registry of yours' : 'the message names no registry; run acr-doctor check-health REGISTRY' });
      continue;
    }
    if (decidingChecks(r).length === 0) {
      judgements.set(r, { ran: [], judged: [], notChecked: 'no check decides between these causes' });
      continue;
    }
    const key = JSON.stringify([host, r.facts.repository ?? null, r.facts.reference ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const members of groups.values()) {
    const { loginServer, repository, reference } = members[0].facts;
    const only = [...new Set(members.flatMap(decidingChecks))];
    printError(io, `note: checking ${loginServer}${repository ? ` (repository ${repository})` : ''}: ${only.join(', ')}`);
    const results = await runChecksFromCli(io, common, { registry: loginServer as string, repository, reference }, { only, noAzure });
    for (const r of members) judgements.set(r, { ran: decidingChecks(r), judged: judgeCauses(r, results) });
  }
  return judgements;
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain an error message or a CI log: causes, deciding checks, next steps.',
  usage: USAGE,
  async run(args, io) {
    const { positionals, values, format, common } = parseCommandArgs(args, { file: { type: 'string' }, check: { type: 'boolean' }, 'no-azure': { type: 'boolean' } }, ['text', 'json', 'markdown'] as const);
    const file = typeof values.file === 'string' ? values.file : undefined;
    const readsStdin = file === undefined && (positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-'));
    if (common.passwordStdin && readsStdin) throw new UsageError('--password-stdin needs standard input, which is the text to explain here: give the text as TEXT or --file LOG.');
    if (!values.check && (common.username !== undefined || common.anonymous || common.insecureHttp)) throw new UsageError('registry options only apply with --check.');
    if (file !== undefined && positionals.length > 0) throw new UsageError('give either TEXT or --file LOG, not both.');

    let recognitions: Recognition[];
    if (file !== undefined) {
      const path = resolve(io.cwd, file);
      if (!isRegularFile(path)) throw new UsageError(`--file: '${file}' is not a readable file.`);
      recognitions = await explainStream(createReadStream(path, { highWaterMark: 1 << 20 }));
    } else if (positionals.length === 1 && positionals[0] === '-') {
      recognitions = await explainStream(io.stdin);
    } else if (positionals.length > 0) {
      recognitions = explainText(positionals.join(' '));
    } else if ((io.stdin as { isTTY?: boolean }).isTTY) {
      throw new UsageError("give the error text, '-' to read standard input, or --file LOG.");
    } else {
      recognitions = await explainStream(io.stdin);
    }

    const judgements = values.check && recognitions.length > 0 ? await checkRecognitions(recognitions, io, common, values['no-azure'] === true) : undefined;
    // Text from a log is untrusted: the print point shows its control characters escaped.
    if (format === 'json') printJson(io, toJsonReport(recognitions, judgements));
    else printLines(io, (format === 'markdown' ? toMarkdownReport(recognitions, judgements) : toTextReport(recognitions, judgements)).replace(/\n$/, ''));
    return recognitions.length > 0 ? EXIT.ok : EXIT.failed;
  },
};
