/** Bounded concurrency for work over many items (registry reads, fleet checks, cancelling task runs). */
import { throwIfAborted } from './errors';

/**
 * Maps `items` with at most `limit` calls in flight, results in input order.
 * The first failure stops new calls from starting and is rethrown once the
 * running ones settle (no unhandled rejections, no work after a failure); an
 * aborted signal starts no further item and throws CancelledError.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        throwIfAborted(signal);
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
