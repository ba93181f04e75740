import { isAcrDoctorError } from '../core/errors';
import { COMMANDS } from './commands/index';
import { EXIT, isUsageError, type CliIO } from './io';
import { printError, printLine, printLines, watchOutputErrors } from './output';
import { cliVersion } from './version';

function help(io: CliIO): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  printLines(
    io,
    [
      'acr-doctor: troubleshoot Azure Container Registry from the terminal.',
      '',
      'Usage: acr-doctor <command> [options]',
      '',
      ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
      '',
      "Run 'acr-doctor <command> --help' for a command's options.",
    ].join('\n'),
  );
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    printError(io, "acr-doctor: give a command. Run 'acr-doctor --help' to see the commands.");
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    printLine(io, cliVersion());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    printError(io, `acr-doctor: unknown command '${name}'. Run 'acr-doctor --help' to see the commands.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    printLines(io, command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      // One line: the whole usage would bury the one thing that is wrong.
      printError(io, `acr-doctor ${name}: ${error.message} Run 'acr-doctor ${name} --help' for the options.`);
      return EXIT.usage;
    }
    if (isAcrDoctorError(error)) {
      printError(io, `acr-doctor ${name}: ${error.toUserMessage()}`);
      return EXIT.failed;
    }
    printError(io, `acr-doctor ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let outputFailed = false;
  watchOutputErrors(process.stdout, process.stderr, (code) => {
    outputFailed = true;
    process.exitCode = code;
  });
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, signal: controller.signal };
  main(process.argv.slice(2), io).then(
    (code) => {
      if (!outputFailed) process.exitCode = code;
    },
    (error: unknown) => {
      printError(io, `acr-doctor: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT.failed;
    },
  );
}
