import type { BuildOptions } from 'esbuild';

export function buildOptions(options?: { production?: boolean }): { extension: BuildOptions; checks: BuildOptions; diagnosticsPage: BuildOptions; lintEngine: BuildOptions; azure: BuildOptions; cli: BuildOptions; cliExplain: BuildOptions; cliCommands: BuildOptions; cliAzure: BuildOptions };
export function copyWebviewAssets(): void;
