import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResult } from './types';

/**
 * Cold activation cost: a fresh node process requires dist/extension.js and runs activate().
 * Outside a VS Code host the `vscode` module is a permissive stub (every API returns a
 * disposable no-op), so this measures our bundle's own load and activation work only.
 */
const PROBE = String.raw`
const Module = require('module');
const stub = () => new Proxy(function () {}, {
  get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : p === 'dispose' ? () => {} : stub()),
  apply: () => stub(),
  construct: () => stub(),
  // VS Code objects take property writes (a status bar item's name, text, command); a function target's own 'name' would refuse them.
  set: () => true,
  defineProperty: () => true,
});
// Named namespaces: the bundle's ESM interop copies the module's own keys.
const vscode = {};
for (const name of ['window', 'workspace', 'languages', 'commands', 'l10n', 'env', 'authentication', 'extensions', 'tasks', 'Uri', 'Range', 'Position', 'Selection', 'Diagnostic', 'DiagnosticSeverity', 'CodeAction', 'CodeActionKind', 'WorkspaceEdit', 'EndOfLine', 'ConfigurationTarget', 'EventEmitter', 'Disposable', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'ProgressLocation', 'MarkdownString', 'CancellationTokenSource', 'ViewColumn', 'QuickPickItemKind', 'LogLevel']) vscode[name] = stub();
const load = Module._load;
Module._load = function (request) { return request === 'vscode' ? vscode : load.apply(this, arguments); };
const context = { subscriptions: [], extensionUri: stub(), globalState: stub(), workspaceState: stub(), secrets: stub(), extensionPath: process.cwd() };
const { performance } = require('perf_hooks');
const target = process.argv[1];
const t0 = performance.now();
const ext = target === 'empty' ? { activate() {} } : require(target);
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1 }));
`;

function probe(target: string): { require: number; activate: number } {
  const out = spawnSync(process.execPath, ['-e', PROBE, target], { encoding: 'utf8', timeout: 30_000 });
  if (out.status !== 0) throw new Error(`activation probe failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { require: number; activate: number };
}

const FIRST_LINT = String.raw`
const { performance } = require('perf_hooks');
const t0 = performance.now();
const engine = require(process.argv[1]);
engine.lintText({ fileName: 'Dockerfile', text: 'FROM MyOrg/App:latest\nRUN echo hi\n' });
process.stdout.write(JSON.stringify({ firstLint: performance.now() - t0 }));
`;

export async function activationBench(): Promise<BenchResult> {
  const bundle = resolve(__dirname, '..', 'dist', 'extension.js');
  const size = statSync(bundle).size;
  const runs: number[] = [];
  const requires: number[] = [];
  for (let i = 0; i < 9; i++) {
    const r = probe(bundle);
    runs.push(r.require + r.activate);
    requires.push(r.require);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const total = median(runs);
  // What the first lint after activation pays: loading the separately bundled engine.
  const engine = resolve(__dirname, '..', 'dist', 'lintEngine.js');
  const firstLints: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = spawnSync(process.execPath, ['-e', FIRST_LINT, engine], { encoding: 'utf8', timeout: 30_000 });
    if (out.status !== 0) throw new Error(`first-lint probe failed: ${out.stderr}`);
    firstLints.push((JSON.parse(out.stdout) as { firstLint: number }).firstLint);
  }
  return {
    name: 'Extension activation (require dist/extension.js + activate, cold process)',
    metrics: { activation_ms: Number(total.toFixed(1)), require_ms: Number(median(requires).toFixed(1)), bundle_kb: Math.round(size / 1024), lint_engine_kb: Math.round(statSync(engine).size / 1024), first_lint_after_activation_ms: Number(median(firstLints).toFixed(1)) },
    ratio: { label: 'activation ÷ 30 ms budget', value: Number((total / 30).toFixed(2)), aim: '< 1.0', met: total < 30 },
  };
}
