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

/** Azure sign-in for a registry (ACR token exchange), loading the Azure bundle only when needed. */
export function azureRegistryCredential(...args: Parameters<typeof AzureCommands.azureRegistryCredential>): ReturnType<typeof AzureCommands.azureRegistryCredential> {
  return azureCommands().azureRegistryCredential(...args);
}

export const lazyRegistriesCommand = lazyCommand('registries', () => azureCommands().registriesCommand);
export const lazyShowCommand = lazyCommand('show', () => azureCommands().showCommand);
/** `check-health --all` (fleet mode) signs in like `registries`. */
export const lazyFleetCommand = lazyCommand('check-health --all', () => azureCommands().fleetCommand);

/** Azure access for check-health, loading the Azure bundle only when the registry is an ACR. */
export function checksAzureFor(...args: Parameters<typeof AzureCommands.checksAzureFor>): ReturnType<typeof AzureCommands.checksAzureFor> {
  return azureCommands().checksAzureFor(...args);
}
