import { EXIT, type CliCommand, type CliIO } from '../io';
import { printJson, printLine, printTable } from '../output';
import { createProgress } from '../progress';
import { expectPositionals, openRegistry, parseCommandArgs, parseRegistryArgument, REGISTRY_OPTIONS_USAGE } from '../registryOptions';

export const reposCommand: CliCommand = {
  name: 'repos',
  summary: 'List the repositories of a registry.',
  usage: ['Usage: acr-doctor repos REGISTRY [options]', '', 'Options:', REGISTRY_OPTIONS_USAGE].join('\n'),
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, common } = parseCommandArgs(args, {});
    const [registryArgument] = expectPositionals(positionals, ['REGISTRY']);
    const registry = parseRegistryArgument(registryArgument);
    const client = await openRegistry(registry, common, io);

    const progress = createProgress(io.stderr, 'Listing repositories');
    const repositories: string[] = [];
    try {
      for await (const name of client.repositories({ signal: io.signal })) {
        repositories.push(name);
        progress.update(repositories.length);
      }
    } finally {
      progress.done();
    }

    if (common.format === 'json') {
      printJson(io, { repositories });
    } else if (repositories.length === 0) {
      printLine(io, `${registry} has no repositories.`);
    } else {
      printTable(io, ['REPOSITORY'], repositories.map((name) => [name]));
    }
    return EXIT.ok;
  },
};
