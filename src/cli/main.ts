import { isAcrDoctorError } from '../core/errors';
import { COMMANDS } from './commands/index';
import { EXIT, isUsageError, writeLine, type CliIO } from './io';
import { cliVersion } from './version';


function help(io: CliIO): void {
  writeLine(io.stdout, 'acr-doctor: troubleshoot Azure Container Registry from the terminal.');
  writeLine(io.stdout);
  writeLine(io.stdout, 'Usage: acr-doctor <command> [options]');
  writeLine(io.stdout);
  // Align on names up to 10 characters; a longer one (check-health) just runs past the column.
  const width = Math.max(...COMMANDS.map((c) => c.name.length).filter((n) => n <= 10), 8);
  for (const command of COMMANDS) writeLine(io.stdout, `  ${command.name.padEnd(width)}  ${command.summary}`);
  writeLine(io.stdout);
  writeLine(io.stdout, "Run 'acr-doctor <command> --help' for a command's options.");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    writeLine(io.stdout, cliVersion());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `acr-doctor: unknown command '${name}'. Run 'acr-doctor --help' to see the commands.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      writeLine(io.stderr, `acr-doctor ${name}: ${error.message}`);
      writeLine(io.stderr, command.usage);
      return EXIT.usage;
    }
    if (isAcrDoctorError(error)) {
      writeLine(io.stderr, `acr-doctor ${name}: ${error.toUserMessage()}`);
      return EXIT.failed;
    }
    writeLine(io.stderr, `acr-doctor ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, signal: controller.signal };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`acr-doctor: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
