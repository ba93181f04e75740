/**
 * The CLI's bundles, loaded when a command needs them, so a command starts by loading only its own
 * code: dist/cli.js is main and the command table; dist/cliExplain.js `explain`; dist/cliCommands.js
 * lint, the registry commands and check-health (and the check run `explain --check` shares);
 * dist/cliAzure.js the Azure commands and SDKs. Run through tsx, the same requires load the .ts sources.
 */
import type * as AzureCommands from './cliAzure';
import type * as Commands from './cliCommands';
import type * as ExplainCommands from './cliExplain';
import type { CliCommand } from './io';

/** Loads a bundle once. */
function bundle<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

// Kept in src/cli/ so the relative paths are the same from the source and from dist/.
/* eslint-disable @typescript-eslint/no-require-imports */
const azureCommands = bundle(() => require('./cliAzure.js') as typeof AzureCommands);
const commands = bundle(() => require('./cliCommands.js') as typeof Commands);
const explainCommands = bundle(() => require('./cliExplain.js') as typeof ExplainCommands);
/* eslint-enable @typescript-eslint/no-require-imports */

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

export const lazyLintCommand = lazyCommand('lint', () => commands().lintCommand);
export const lazyReposCommand = lazyCommand('repos', () => commands().reposCommand);
export const lazyTagsCommand = lazyCommand('tags', () => commands().tagsCommand);
export const lazyManifestsCommand = lazyCommand('manifests', () => commands().manifestsCommand);
export const lazyCleanupCommand = lazyCommand('cleanup', () => commands().cleanupCommand);
export const lazyCheckHealthCommand = lazyCommand('check-health', () => commands().checkHealthCommand);
export const lazyExplainCommand = lazyCommand('explain', () => explainCommands().explainCommand);

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

/** `explain --check`: the check run lives with check-health's, so `explain` alone does not load it. */
export function checkRecognitions(...args: Parameters<typeof Commands.checkRecognitions>): ReturnType<typeof Commands.checkRecognitions> {
  return commands().checkRecognitions(...args);
}
