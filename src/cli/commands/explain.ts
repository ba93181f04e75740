import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { explainStream, explainText, toJsonReport, toMarkdownReport, toTextReport, type Recognition } from '../../core/explain/index';
import { EXIT, UsageError, type CliCommand } from '../io';
import { parseCommandLine } from '../options';
import { printJson, printLines } from '../output';

const USAGE = `Usage: acr-doctor explain [TEXT... | - | --file LOG] [options]

Explains the error messages docker, containerd/kubelet, az, Helm, ORAS, buildx or a CI pipeline printed:
what each means, its likely causes in order, the checks that decide between them, and the next step.
Reads TEXT, or standard input with '-' (or when no TEXT is given and input is piped), or a log file.

Options:
  --file LOG                 a log file (read in one pass; any size)
  --format text|json|markdown output format (default: text)

Exit status: 0 something was recognised, 1 nothing was, 2 usage or I/O error.`;

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
    const { positionals, values, format } = parseCommandLine(args, { file: { type: 'string' } }, ['text', 'json', 'markdown'] as const);
    const file = values.file;
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

    // Text from a log is untrusted: the print point shows its control characters escaped.
    if (format === 'json') printJson(io, toJsonReport(recognitions));
    else printLines(io, (format === 'markdown' ? toMarkdownReport(recognitions) : toTextReport(recognitions)).replace(/\n$/, ''));
    return recognitions.length > 0 ? EXIT.ok : EXIT.failed;
  },
};
