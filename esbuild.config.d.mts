import type { BuildOptions } from 'esbuild';

export function buildOptions(options?: { production?: boolean }): { extension: BuildOptions; lintEngine: BuildOptions; azure: BuildOptions; cli: BuildOptions; cliAzure: BuildOptions };
