/** One benchmark's result, printed by bench/run.ts. Ratios are measured side by side in one run. */
export interface BenchResult {
  name: string;
  /** Named measurements, with units in the name (e.g. `ours_ms`, `floor_ms`, `bundle_kb`). */
  metrics: Record<string, number | string>;
  /** The headline ratio (ours ÷ baseline, or speedup), with the aim it is judged against. */
  ratio?: { label: string; value: number; aim: string; met: boolean };
}

/** Median of n runs of an async function, in ms; a warm-up run first. */
export async function medianMs(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
