/**
 * Fleet mode (`check-health --all`): the management-plane checks over 50 registries in the ARM
 * fixture (two subscriptions), at concurrency 8 against the same checks one registry after another
 * (concurrency 1), side by side. The fixture waits 20 ms before each answer to model a real network's
 * round trip; listing is the same on both sides (pages of 100, as ARM serves them).
 */
import { AzureClient, BUILT_IN_CLOUDS } from '../src/core/azure/index';
import { runFleet } from '../src/core/checks/fleet';
import { RecordingCredential, SUB_DEV, SUB_PROD, registryResource, startArmFixture } from '../test/fixtures/arm/server';
import type { BenchResult } from './types';

const REGISTRIES = 50;
const DELAY_MS = 20;

export async function fleetBench(): Promise<BenchResult> {
  const fx = await startArmFixture({ delayMs: DELAY_MS, pageSize: 100 });
  try {
    fx.state.registries.set(SUB_PROD, []);
    fx.state.registries.set(SUB_DEV, []);
    for (let i = 0; i < REGISTRIES; i++) {
      const sub = i % 2 === 0 ? SUB_PROD : SUB_DEV;
      fx.state.registries.get(sub)!.push(registryResource(sub, 'fleet-rg', `fleet${String(i).padStart(3, '0')}`, 'westeurope', i % 10 === 0 ? 'Classic' : 'Standard', {}));
    }
    const client = new AzureClient({ credential: new RecordingCredential(fx.token), cloud: { ...BUILT_IN_CLOUDS.AzureCloud, resourceManagerEndpoint: fx.url }, tlsOptions: { ca: fx.ca }, retryOptions: { maxRetries: 0 } });
    // DNS is not what is measured: every name answers a private address at once.
    const network = { resolve: async () => [{ address: '10.0.0.4', family: 4 as const }], connect: async () => ({ ms: 0 }), tlsHandshake: async () => ({ protocol: null, authorized: false, chain: [] }) };
    const system = { platform: process.platform, env: {}, homeDir: '/nonexistent', readFile: async () => undefined, exists: async () => false, listDir: async () => undefined, run: async () => ({ found: false, exitCode: null, stdout: '', stderr: '' }) };
    const fleet = async (concurrency: number) => {
      const start = performance.now();
      const report = await runFleet({ client, getToken: async () => ({ token: fx.token }), concurrency, system, network });
      if (report.rows.length !== REGISTRIES || report.rows.some((r) => r.problem)) throw new Error(`fleet run saw ${report.rows.length} registries, problems: ${report.rows.filter((r) => r.problem).map((r) => r.problem).join('; ')}`);
      return performance.now() - start;
    };
    await fleet(8); // warm-up: TLS sessions, JIT
    const requestsBefore = fx.requests.length;
    const sequential = await fleet(1);
    const requestsPerRun = fx.requests.length - requestsBefore;
    const parallel = await fleet(8);
    const speedup = sequential / parallel;
    return {
      name: `fleet mode: ${REGISTRIES} registries in the ARM fixture (${DELAY_MS} ms per answer)`,
      metrics: { one_after_another_ms: Math.round(sequential), concurrency_8_ms: Math.round(parallel), arm_requests_per_run: requestsPerRun, max_requests_in_flight: fx.maxInFlight },
      ratio: { label: 'speed-up of concurrency 8 over one registry after another', value: Math.round(speedup * 10) / 10, aim: '≥ 5×', met: speedup >= 5 },
    };
  } finally {
    await fx.stop();
  }
}
