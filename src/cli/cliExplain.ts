/**
 * `acr-doctor explain`, bundled on its own as dist/cliExplain.js: reading a 50 MB log should not begin
 * by loading the registry client, the lint engine and 51 checks (see lazyCommand.ts).
 */
export { explainCommand } from './commands/explain';
