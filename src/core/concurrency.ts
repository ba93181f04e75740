/** Bounded concurrency for work over many items (fleet checks, cancelling task runs). */
import { CancelledError } from './errors';

/** Runs `work` over `items`, at most `limit` at once; results in input order. An aborted signal starts no further item and throws CancelledError. */
export async function mapBounded<T, U>(items: readonly T[], limit: number, signal: AbortSignal | undefined, work: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (signal?.aborted) throw new CancelledError();
      const index = next++;
      out[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
