/** One benchmark's result, printed by bench/run.ts. Ratios are measured side by side in one run. */
export interface BenchResult {
  name: string;
  /** Named measurements, with units in the name (e.g. `ours_ms`, `floor_ms`, `bundle_kb`). */
  metrics: Record<string, number | string>;
  /**
   * The headline ratio (ours ÷ baseline, or speedup). With an aim it is judged (`met`);
   * without one it is a figure to report, and no verdict is printed.
   */
  ratio?: { label: string; value: number } & ({ aim: string; met: boolean } | { aim?: undefined; met?: undefined });
}

/** The line printed under a result: the ratio, and a verdict only when there is an aim. */
export function ratioLine(ratio: NonNullable<BenchResult['ratio']>): string {
  const figure = `=> ${ratio.label}: ${ratio.value}`;
  return ratio.aim === undefined ? figure : `${figure}  (aim ${ratio.aim}: ${ratio.met ? 'met' : 'NOT met'})`;
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
