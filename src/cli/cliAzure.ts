/**
 * The Azure commands and, through them, the Azure SDKs: bundled on their own as
 * dist/cliAzure.js so `lint` and the registry commands start without loading them.
 */
export { registriesCommand } from './commands/registries';
export { showCommand } from './commands/show';
