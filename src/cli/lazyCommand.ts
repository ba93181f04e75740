import type * as AzureCommands from './cliAzure';
import type { CliCommand } from './io';

let azure: typeof AzureCommands | undefined;

/** Loads the Azure command bundle once (dist/cliAzure.js; the .ts source when run through tsx). */
function azureCommands(): typeof AzureCommands {
  // Kept in src/cli/ so the relative path is the same from the source and from dist/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  azure ??= require('./cliAzure.js') as typeof AzureCommands;
  return azure;
}

/** A command whose module is only loaded when it is listed, asked for help, or run. */
function lazyCommand(name: string, load: () => CliCommand): CliCommand {
  return {
    name,
    get summary() {
      return load().summary;
    },
    get usage() {
      return load().usage;
    },
    run: (args, io) => load().run(args, io),
  };
}

export const lazyRegistriesCommand = lazyCommand('registries', () => azureCommands().registriesCommand);
export const lazyShowCommand = lazyCommand('show', () => azureCommands().showCommand);
