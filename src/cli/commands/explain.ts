import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { explainStream, explainText, toJsonReport, toMarkdownReport, toTextReport, type Recognition } from '../../core/explain/index';
import { parseCommandArgs, REGISTRY_OPTIONS_USAGE } from '../commandArgs';
import { EXIT, UsageError, type CliCommand } from '../io';
import { checkRecognitions } from '../lazyCommand';
import { printJson, printLines } from '../output';

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

const READ_BYTES = 1 << 20;

/**
 * A file in 1 MiB reads into two buffers in turn: the next read runs (in libuv's thread pool) while the
 * scanner reads the last one, and nothing is allocated per chunk. The scanner copies the little it keeps.
 */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let next = file.read(buffers[0], 0, READ_BYTES, null);
  try {
    for (let turn = 1; ; turn ^= 1) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      next = file.read(buffers[turn], 0, READ_BYTES, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await next.catch(() => undefined);
    await file.close();
  }
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
      recognitions = await explainStream(fileChunks(path));
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
