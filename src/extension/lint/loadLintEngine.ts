import type * as LintEngine from './lintEngine';

export type LintEngineModule = typeof LintEngine;

let engine: LintEngineModule | undefined;

/** Loads dist/lintEngine.js once, on first use (never during activation). */
export function lintEngine(): LintEngineModule {
  // A plain require of a sibling bundle; esbuild leaves it external (esbuild.config.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require('./lintEngine.js') as LintEngineModule;
  return engine;
}
