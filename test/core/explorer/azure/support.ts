/** An AzureClient on the loopback ARM fixture, logging into memory (so tests can read every log line). */
import { AzureClient, BUILT_IN_CLOUDS } from '../../../../src/core/azure/index';
import { createMemoryLogger } from '../../../../src/core/log';
import { RecordingCredential, type ArmFixture } from '../../../fixtures/arm/server';
import type { Clock } from '../../../../src/core/explorer/index';

export function armClient(fx: ArmFixture): { client: AzureClient; logger: ReturnType<typeof createMemoryLogger> } {
  const logger = createMemoryLogger('trace');
  const client = new AzureClient({
    credential: new RecordingCredential(fx.token),
    cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx.url },
    tlsOptions: { ca: fx.ca },
    logger,
    retryOptions: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
  });
  return { client, logger };
}

/** A clock whose sleep moves time on at once: a ten-minute wait takes no time, and its count is exact. */
export function fakeClock(): Clock & { sleeps: number } {
  let now = 1_000_000;
  const clock = {
    sleeps: 0,
    now: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      clock.sleeps++;
      now += ms;
    },
  };
  return clock;
}

/** Requests of the fixture since `from` that changed something (PATCH/PUT/POST other than listCredentials). */
export function writesSince(fx: ArmFixture, from: number): string[] {
  return fx.requests.slice(from).filter((r) => r.method === 'PATCH' || r.method === 'PUT').map((r) => `${r.method} ${r.path}`);
}
