import type { CliCommand } from '../io';
import { lintCommand } from './lint';

/**
 * The command table. One file per command under this folder; add yours here.
 * Order is the order of `acr-doctor --help`.
 */
export const COMMANDS: CliCommand[] = [
  lintCommand,
];
