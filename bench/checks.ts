/**
 * check-health: the whole run against the local ACR front (healthy, with a repository), side by
 * side with the same checks one at a time. The sequential run gives each check's own time without
 * contention: its slowest check is the floor of a parallel run, its total is what a sequential tool
 * (az) pays. Rounds alternate so both see the same machine load.
 */
import { createServer, connect, type Socket } from 'node:net';
import { runAllChecks, type RunOptions } from '../src/core/checks/engine';
import { nodeNetwork } from '../src/core/checks/nodeNetwork';
import type { SystemProbe } from '../src/core/checks/types';
import { Secret } from '../src/core/secret';
import { pushImage, startAcrFront, targetFor } from '../test/fixtures/registry/index';
import type { BenchResult } from './types';

const ROUNDS = 5;
const USER = { username: 'bench', password: 'bench-password' };

const emptyMachine: SystemProbe = {
  platform: 'linux',
  env: {},
  homeDir: '/nonexistent',
  readFile: async () => undefined,
  exists: async () => false,
  listDir: async () => undefined,
  run: async () => ({ found: false, exitCode: null, stdout: '', stderr: '' }),
};

/**
 * A loopback TCP proxy that holds every chunk `delayMs` in each direction: a WAN round trip of
 * 2 × delayMs, like a registry in another region. Order is kept (equal delays fire in order).
 */
async function startDelayProxy(targetPort: number, delayMs: number): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.end(), delayMs));
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function measure(registry: string, label: string): Promise<BenchResult> {
  {
    const options = (concurrency: number): RunOptions => ({
      target: { registry, repository: 'bench/app', reference: '1.0' },
      credential: { kind: 'basic', username: USER.username, password: new Secret(USER.password) },
      system: emptyMachine,
      network: nodeNetwork,
      azureUnavailableReason: 'bench: no Azure',
      concurrency,
    });
    await runAllChecks(options(8)); // warm-up
    const wall: number[] = [];
    const slowest: number[] = [];
    // Each check run on its own, from nothing (its dependencies and shared facts included): the longest
    // of these is the floor no parallel run can beat, since it is one chain of waits.
    const alone: number[] = [];
    let aloneId = '';
    const sums: number[] = [];
    let slowestId = '';
    let ran = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sequential = await runAllChecks(options(1));
      const ranChecks = sequential.filter((r) => r.status !== 'skip');
      const top = ranChecks.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
      slowest.push(top.durationMs);
      slowestId = top.id;
      sums.push(ranChecks.reduce((total, r) => total + r.durationMs, 0));
      ran = ranChecks.length;
      let longest = 0;
      for (const { id } of ranChecks) {
        const t0 = performance.now();
        await runAllChecks({ ...options(8), only: [id] });
        const ms = performance.now() - t0;
        if (ms > longest) [longest, aloneId] = [ms, id];
      }
      alone.push(longest);
      const started = performance.now();
      await runAllChecks(options(8));
      wall.push(performance.now() - started);
    }
    const wallMs = median(wall);
    const slowestMs = median(slowest);
    const sumMs = median(sums);
    const aloneMs = median(alone);
    const ratio = Math.round((wallMs / Math.max(1, aloneMs)) * 100) / 100;
    return {
      name: `check-health ${label}: whole run vs slowest single check run alone (${ran} checks ran, median of ${ROUNDS})`,
      metrics: {
        parallel_wall_ms: Math.round(wallMs),
        slowest_check_alone_ms: `${Math.round(aloneMs)} (${aloneId}, with what it depends on)`,
        slowest_check_in_sequence_ms: `${Math.round(slowestMs)} (${slowestId}, shared facts already fetched)`,
        wall_vs_slowest_in_sequence: Math.round((wallMs / Math.max(1, slowestMs)) * 100) / 100,
        sum_of_checks_ms: Math.round(sumMs),
        wall_vs_sum: Math.round((wallMs / Math.max(1, sumMs)) * 100) / 100,
      },
      ratio: { label: 'wall ÷ slowest single check run alone', value: ratio, aim: '≤ 1.3', met: ratio <= 1.3 },
    };
  }
}

export async function runChecksBench(): Promise<BenchResult[]> {
  const front = await startAcrFront({ users: [USER] });
  try {
    await pushImage(targetFor(front), 'bench/app', { tag: '1.0', layers: [Buffer.alloc(4 * 1024 * 1024, 3)] });
    const plain = await measure(front.host, 'on loopback');
    // The front checks the `service` it was addressed by, so the proxy keeps the front's host name: the
    // front names itself 127.0.0.1:<front port>; the proxy listens elsewhere, so give the front its own name.
    const wanFront = await startAcrFront({ users: [USER] });
    const proxy = await startDelayProxy(Number(wanFront.host.split(':')[1]), 10);
    try {
      await pushImage(targetFor(wanFront), 'bench/app', { tag: '1.0', layers: [Buffer.alloc(4 * 1024 * 1024, 3)] });
      const wan = await measure(`127.0.0.1:${proxy.port}`, 'over a 20 ms round trip');
      return [plain, wan];
    } finally {
      await proxy.stop();
      await wanFront.stop();
    }
  } finally {
    await front.stop();
  }
}
