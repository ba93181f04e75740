// Bundles the extension and the CLI, each an entry point plus bundles it loads when needed. `vscode` is
// provided by the host; everything else is bundled so the .vsix ships without node_modules (fast
// activation, small size).
// Run directly to build; tests import `buildOptions` to build a copy elsewhere.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What one CLI bundle requires of another at run time (never bundled into it). */
const CLI_BUNDLES = ['vscode', './cliAzure.js', './cliCommands.js', './cliExplain.js'];

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @param {{ production?: boolean }} [options] @returns {{ extension: esbuild.BuildOptions, cli: esbuild.BuildOptions }} */
export function buildOptions({ production = true } = {}) {
  /** @type {esbuild.BuildOptions} */
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // jsonc-parser's UMD `main` hides its requires from the bundler; its ESM build does not.
    mainFields: ['module', 'main'],
    sourcemap: production ? false : 'inline',
    minify: production,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    define: { ACR_DOCTOR_VERSION: JSON.stringify(version) },
    absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  };
  return {
    extension: { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './lintEngine.js', './azure.js', './explainEngine.js', './explorer.js', './checks.js'] },
    // The diagnostics panel's host side (engine and checks), loaded when a diagnostics command first runs.
    checks: { ...common, entryPoints: ['src/extension/checks/checksEntry.ts'], outfile: 'dist/checks.js', external: ['vscode'] },
    // The panel's page: runs in the webview (a browser), loaded from media/ under the panel's CSP.
    diagnosticsPage: {
      ...common,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      mainFields: ['module', 'browser', 'main'],
      entryPoints: ['src/webview/diagnostics/main.ts'],
      outfile: 'media/diagnostics.js',
      define: {},
    },
    explorer: { ...common, entryPoints: ['src/extension/explorer/explorerEntry.ts'], outfile: 'dist/explorer.js', external: ['vscode'] },
    azure: { ...common, entryPoints: ['src/extension/azure/azureEntry.ts'], outfile: 'dist/azure.js', external: ['vscode'] },
    lintEngine: { ...common, entryPoints: ['src/extension/lint/lintEngine.ts'], outfile: 'dist/lintEngine.js' },
    explainEngine: { ...common, entryPoints: ['src/extension/explain/explainEngine.ts'], outfile: 'dist/explainEngine.js' },
    // The CLI: main and the command table, each command's bundle loaded when it runs (src/cli/lazyCommand.ts).
    cli: { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: CLI_BUNDLES, banner: { js: '#!/usr/bin/env node' } },
    cliExplain: { ...common, entryPoints: ['src/cli/cliExplain.ts'], outfile: 'dist/cliExplain.js', external: CLI_BUNDLES },
    cliCommands: { ...common, entryPoints: ['src/cli/cliCommands.ts'], outfile: 'dist/cliCommands.js', external: CLI_BUNDLES },
    cliAzure: { ...common, entryPoints: ['src/cli/cliAzure.ts'], outfile: 'dist/cliAzure.js', external: CLI_BUNDLES },
  };
}

/** The codicon font and its stylesheet, next to the page that uses them (localResourceRoots is media/ only). */
export function copyWebviewAssets() {
  const root = fileURLToPath(new URL('.', import.meta.url));
  mkdirSync(`${root}media`, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`${root}node_modules/@vscode/codicons/dist/${file}`, `${root}media/${file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  copyWebviewAssets();
  const watch = process.argv.includes('--watch');
  const builds = Object.values(buildOptions({ production: !process.argv.includes('--dev') }));
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
