/**
 * Lint, the registry commands and check-health, with the check run `explain --check` shares: bundled
 * on their own as dist/cliCommands.js, so `explain` starts without the registry client, the lint
 * engine or the checks (see lazyCommand.ts).
 */
export { lintCommand } from './commands/lint';
export { reposCommand } from './commands/repos';
export { tagsCommand } from './commands/tags';
export { manifestsCommand } from './commands/manifests';
export { cleanupCommand } from './commands/cleanup';
export { checkHealthCommand } from './commands/checkHealth';
export { checkRecognitions } from './explainCheck';
