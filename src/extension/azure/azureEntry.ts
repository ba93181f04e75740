/**
 * The Azure side of the extension (SDKs included), bundled on its own as dist/azure.js and
 * loaded the first time an Azure command runs, so activation never pays for the SDKs.
 */
export { AzureAccount } from './azureAccount';
export { azureCommands, type AzureCommands } from './commands';
export { createAzureBrowser } from './azureBrowser';
export type { ExtensionAzureBrowser } from './azureBrowser';
