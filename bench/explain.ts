import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MESSAGE_FAMILIES, explainText } from '../src/core/explain/index';
import type { BenchResult } from './types';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');

/** A CI log of about `megabytes` MB: build chatter with a registry failure every ~2,000 lines. */
function syntheticLog(megabytes: number): string {
  const chatter = [
    '2026-11-30T10:00:00.1234567Z #12 [build 4/9] RUN npm ci --omit=dev',
    '2026-11-30T10:00:01.1234567Z #12 12.34 added 412 packages, and audited 413 packages in 11s',
    '2026-11-30T10:00:02.1234567Z Step 7/12 : COPY --from=build /src/dist /app',
    '2026-11-30T10:00:03.1234567Z 5f70bf18a086: Layer already exists',
    '2026-11-30T10:00:04.1234567Z   ✓ compiles the service (1423 ms)',
  ];
  const failures = [
    `Error response from daemon: Get "https://prodacr.azurecr.io/v2/": denied: client with IP '20.61.12.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`,
    'Error response from daemon: Head "https://prodacr.azurecr.io/v2/app/manifests/1": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.',
    'Error response from daemon: toomanyrequests: Too many requests. Please visit https://aka.ms/acr/skus#sku-feature-matrix for more information.',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = i % 2000 === 1999 ? failures[(i / 2000) % failures.length | 0] : chatter[i % chatter.length];
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `acr-doctor explain --file` on a 50 MB log against `grep -c` with the same keywords (fixed strings,
 * case-insensitive), both as whole processes, interleaved; plus how time grows from a 100 KB to a 1 MB
 * adversarial line (linear: about 10×).
 */
export async function explainBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-bench-explain-'));
  try {
    const log = join(dir, 'ci.log');
    writeFileSync(log, syntheticLog(50));
    const keywords = join(dir, 'keywords.txt');
    writeFileSync(keywords, `${[...new Set(MESSAGE_FAMILIES.flatMap((f) => f.keywords))].join('\n')}\n`);
    const ours: number[] = [];
    const grep: number[] = [];
    let recognised = 0;
    for (let i = 0; i < 5; i++) {
      ours.push(
        timeMs(() => {
          const out = spawnSync(process.execPath, [CLI, 'explain', '--file', log, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
          recognised = (JSON.parse(out.stdout) as { messages: unknown[] }).messages.length;
        }),
      );
      grep.push(timeMs(() => spawnSync('grep', ['-c', '-i', '-F', '-f', keywords, log], { encoding: 'utf8' })));
    }
    const linesMatched = Number(execFileSync('grep', ['-c', '-i', '-F', '-f', keywords, log], { encoding: 'utf8' }).trim());

    const adversarial = (n: number) => `${'dial tcp '.repeat(n / 18)}lookup ${'a.'.repeat(n / 4)} unauthorized: authentication required ${'x.azurecr.io/'.repeat(n / 26)}`;
    const small = adversarial(100_000);
    const large = adversarial(1_000_000);
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      smallMs.push(timeMs(() => explainText(small)));
      largeMs.push(timeMs(() => explainText(large)));
    }
    const ratio = median(ours) / median(grep);
    return {
      name: 'explain: 50 MB CI log, acr-doctor explain --file vs grep -c -i -F of the same keywords',
      metrics: {
        log_mb: 50,
        lines_grep_matched: linesMatched,
        messages_recognised: recognised,
        explain_ms: Math.round(median(ours)),
        grep_ms: Math.round(median(grep)),
        mb_per_s: Number((50 / (median(ours) / 1000)).toFixed(1)),
        'adversarial 1 MB ÷ 100 KB line': Number((median(largeMs) / median(smallMs)).toFixed(1)),
      },
      ratio: { label: 'explain time ÷ grep -c time', value: Number(ratio.toFixed(2)), aim: '≤ 3', met: ratio <= 3 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
