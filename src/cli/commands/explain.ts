import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { explainStream, explainText, toJsonReport, toMarkdownReport, toTextReport, type Recognition } from '../../core/explain/index';
import { EXIT, UsageError, type CliCommand } from '../io';

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
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'text' }, file: { type: 'string' } } });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const format = parsed.values.format;
    if (format !== 'text' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be text, json or markdown, not '${format}'.`);
    const positionals = parsed.positionals;
    const file = parsed.values.file;
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

    if (format === 'json') io.stdout.write(`${JSON.stringify(toJsonReport(recognitions), null, 2)}\n`);
    else if (format === 'markdown') io.stdout.write(toMarkdownReport(recognitions));
    else io.stdout.write(toTextReport(recognitions));
    return recognitions.length > 0 ? EXIT.ok : EXIT.failed;
  },
};
