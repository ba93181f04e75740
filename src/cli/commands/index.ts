import type { CliCommand } from '../io';
import { lazyCheckHealthCommand, lazyCleanupCommand, lazyExplainCommand, lazyLintCommand, lazyManifestsCommand, lazyRegistriesCommand, lazyReposCommand, lazyShowCommand, lazyTagsCommand } from '../lazyCommand';

/**
 * The command table. One file per command under this folder; add yours here, through lazyCommand.ts
 * (each is loaded from its bundle only when it runs). Order is the order of `acr-doctor --help`.
 */
export const COMMANDS: CliCommand[] = [
  lazyLintCommand,
  lazyReposCommand,
  lazyTagsCommand,
  lazyManifestsCommand,
  lazyCleanupCommand,
  lazyCheckHealthCommand,
  lazyExplainCommand,
  // They pull in the Azure SDKs.
  lazyRegistriesCommand,
  lazyShowCommand,
];
