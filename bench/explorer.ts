/**
 * Registry explorer paging (issue 10): time to the first page of repositories and of tags
 * (150 repositories, 5,000 tags) against one direct request for the same page (aim ≤ 1.2×),
 * and time to all pages against the same requests made directly (aim ≤ 1.1×), on the real
 * docker-registry and on the ACR-compatible front. Page size 100 (the explorer's default).
 * Our client is warm (token and capabilities known, as in the explorer's client pool); the
 * direct side sends a ready token. Runs are interleaved so machine noise hits both sides.
 */
import { randomBytes } from 'node:crypto';
import { Secret } from '../src/core/secret';
import { RegistryClient, type RegistryCredential } from '../src/core/registry/index';
import { MANIFEST_ACCEPT, mapLimit, pushImage, putManifest, startAcrFront, startDockerRegistry, targetFor, type SeedTarget } from '../test/fixtures/registry/index';
import type { BenchResult } from './types';

const REPOSITORY_COUNT = 150;
const TAG_COUNT = 5_000;
const PAGE = 100;
const BIG_REPO = 'bench/big';
const RUNS = 15;

async function seed(t: SeedTarget): Promise<void> {
  const shared = Buffer.from('explorer bench shared layer');
  await pushImage(t, 'bench/base', { tag: 'v1', layers: [shared] });
  const repositories = Array.from({ length: REPOSITORY_COUNT - 2 }, (_, i) => `bench/repo-${String(i).padStart(3, '0')}`);
  await mapLimit(repositories, 8, (repo) => pushImage(t, repo, { tag: 'v1', layers: [shared], mountFrom: 'bench/base' }));
  const image = await pushImage(t, BIG_REPO, { layers: [shared], mountFrom: 'bench/base' });
  const authorization = await t.authorize?.(`repository:${BIG_REPO}:pull`);
  const body = Buffer.from(await (await fetch(new URL(`/v2/${BIG_REPO}/manifests/${image.digest}`, t.url), { headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) } })).arrayBuffer());
  const tags = Array.from({ length: TAG_COUNT }, (_, i) => `t${String(i).padStart(5, '0')}`);
  await mapLimit(tags, 16, (tag) => putManifest(t, BIG_REPO, body, image.mediaType, tag));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function interleaved(runs: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number; b: number; itemsA: number; itemsB: number }> {
  const itemsA = await a();
  const itemsB = await b();
  if (itemsA !== itemsB) throw new Error(`the two sides listed ${itemsA} and ${itemsB} items`);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, out] of (i % 2 === 0 ? [[a, ta], [b, tb]] : [[b, tb], [a, ta]]) as Array<[() => Promise<number>, number[]]>) {
      const start = performance.now();
      await fn();
      out.push(performance.now() - start);
    }
  }
  return { a: median(ta), b: median(tb), itemsA, itemsB };
}

/** Direct requests: follow Link with bare fetch (one page, or all). */
async function direct(baseUrl: string, firstPath: string, key: string, authorization: string | undefined, allPages: boolean): Promise<number> {
  let count = 0;
  let path: string | undefined = firstPath;
  for (let page = 0; path && page < 1000; page++) {
    const response: Response = await fetch(new URL(path, baseUrl), { headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) } });
    if (!response.ok) throw new Error(`direct ${path}: HTTP ${response.status}`);
    const body = (await response.json()) as Record<string, unknown[] | null>;
    count += (body[key] ?? []).length;
    if (!allPages) break;
    const link = response.headers.get('link');
    path = link ? /<([^>]+)>/.exec(link)?.[1] : undefined;
  }
  return count;
}

async function ours(list: (cursor?: string) => Promise<{ items: unknown[]; next?: string }>, allPages: boolean): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await list(cursor);
    count += result.items.length;
    cursor = result.next;
    if (!allPages || !cursor) break;
  }
  return count;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function measure(name: string, url: string, credential: RegistryCredential, tokenFor: (scope: string) => string | undefined, acr: boolean): Promise<BenchResult[]> {
  const client = new RegistryClient({ registry: new URL(url).host, credential });
  const tagsPath = acr ? `/acr/v1/${BIG_REPO}/_tags?n=${PAGE}&orderby=timedesc` : `/v2/${BIG_REPO}/tags/list?n=${PAGE}`;
  const tagsToken = tokenFor(acr ? `repository:${BIG_REPO}:metadata_read` : `repository:${BIG_REPO}:pull`);
  const catalogToken = tokenFor('registry:catalog:*');
  const repoPage = (cursor?: string) => client.paged.repositoryPage({ pageSize: PAGE, cursor });
  const tagPage = (cursor?: string) => client.paged.tagPage(BIG_REPO, { pageSize: PAGE, cursor, order: 'newest' });
  const results: BenchResult[] = [];
  const cases: Array<[string, () => Promise<number>, () => Promise<number>, number]> = [
    ['first page of repositories', () => ours(repoPage, false), () => direct(url, `/v2/_catalog?n=${PAGE}`, 'repositories', catalogToken, false), 1.2],
    ['first page of tags', () => ours(tagPage, false), () => direct(url, tagsPath, 'tags', tagsToken, false), 1.2],
    ['all pages of repositories', () => ours(repoPage, true), () => direct(url, `/v2/_catalog?n=${PAGE}`, 'repositories', catalogToken, true), 1.1],
    ['all pages of tags', () => ours(tagPage, true), () => direct(url, tagsPath, 'tags', tagsToken, true), 1.1],
  ];
  for (const [label, a, b, aim] of cases) {
    const { a: oursMs, b: directMs, itemsA } = await interleaved(label.startsWith('all') ? 7 : RUNS, a, b);
    const ratio = round(oursMs / directMs);
    results.push({ name: `explorer ${label} (${name})`, metrics: { items: itemsA, ours_ms: round(oursMs, 1), direct_ms: round(directMs, 1) }, ratio: { label: 'ours / direct', value: ratio, aim: `≤ ${aim}`, met: ratio <= aim } });
  }
  return results;
}

export async function runExplorerBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const plain = await startDockerRegistry({ auth: 'none' });
  try {
    await seed(targetFor(plain));
    results.push(...(await measure('docker-registry', plain.url, { kind: 'anonymous' }, () => undefined, false)));
  } finally {
    await plain.stop();
  }
  const user = { username: 'bench', password: randomBytes(12).toString('hex') };
  const front = await startAcrFront({ users: [user] });
  try {
    await seed(targetFor(front));
    results.push(...(await measure('ACR front', front.url, { kind: 'basic' as const, username: user.username, password: new Secret(user.password) }, (scope) => `Bearer ${front.mintAccessToken([scope])}`, true)));
  } finally {
    await front.stop();
  }
  return results;
}
