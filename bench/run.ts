/**
 * `npm run bench`: every performance target of the project, measured side by side in
 * one run and printed as ratios. Not part of `npm test` (these machines are noisy).
 */
import { execFileSync } from 'node:child_process';
import { activationBench } from './activation';
import { explainBench } from './explain';
import { runChecksBench } from './checks';
import { fleetBench } from './fleet';
import { armCorpusBench, dockerfileBench } from './lint';
import { runExplorerBench } from './explorer';
import { runRegistryBench } from './registry';
import { ratioLine, type BenchResult } from './types';

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  const only = process.argv.slice(2);
  const suites: Array<[string, () => Promise<BenchResult | BenchResult[]>]> = [
    ['lint', async () => [await dockerfileBench(), await armCorpusBench()]],
    ['activation', activationBench],
    ['registry', runRegistryBench],
    ['explorer', runExplorerBench],
    ['explain', explainBench],
    ['checks', runChecksBench],
    ['fleet', fleetBench],
  ];
  const results: BenchResult[] = [];
  for (const [name, run] of suites) {
    if (only.length && !only.includes(name)) continue;
    try {
      const out = await run();
      results.push(...(Array.isArray(out) ? out : [out]));
    } catch (error) {
      results.push({ name: `${name} (failed)`, metrics: { error: error instanceof Error ? error.message : String(error) } });
    }
  }
  for (const r of results) {
    console.log(`\n${r.name}`);
    for (const [k, v] of Object.entries(r.metrics)) console.log(`  ${k.padEnd(28)} ${v}`);
    if (r.ratio) console.log(`  ${ratioLine(r.ratio)}`);
  }
  if (process.env.BENCH_JSON) console.log(JSON.stringify(results));
}

void main();
