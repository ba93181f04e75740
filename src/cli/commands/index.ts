import type { CliCommand } from '../io';
import { lintCommand } from './lint';
import { reposCommand } from './repos';
import { tagsCommand } from './tags';
import { manifestsCommand } from './manifests';
import { cleanupCommand } from './cleanup';
import { checkHealthCommand } from './checkHealth';
import { explainCommand } from './explain';
import { lazyRegistriesCommand, lazyShowCommand } from '../lazyCommand';

/**
 * The command table. One file per command under this folder; add yours here.
 * Order is the order of `acr-doctor --help`.
 */
export const COMMANDS: CliCommand[] = [
  lintCommand,
  reposCommand,
  tagsCommand,
  manifestsCommand,
  cleanupCommand,
  checkHealthCommand,
  explainCommand,
  // Loaded on use: they pull in the Azure SDKs.
  lazyRegistriesCommand,
  lazyShowCommand,
];
