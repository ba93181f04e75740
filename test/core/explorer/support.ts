/**
 * The explorer's data source over real registry clients: one pool per test server, the
 * way the extension builds it (a client per host and identity).
 */
import { ClientPool, ExplorerDataSource, type ConfiguredRegistry, type ExplorerNode, type ExplorerSettings } from '../../../src/core/explorer/index';
import { RegistryClient, type RegistryCredential } from '../../../src/core/registry/index';
import { createMemoryLogger, type Logger } from '../../../src/core/log';

type MemoryLogger = Logger & { lines: string[] };

export interface ExplorerHarness {
  explorer: ExplorerDataSource;
  pool: ClientPool<RegistryClient>;
  logger: MemoryLogger;
  settings: ExplorerSettings;
  configured: ConfiguredRegistry[];
}

export function explorerFor(registries: Array<ConfiguredRegistry & { credential: RegistryCredential }>, options: { maxPages?: number; settings?: Partial<ExplorerSettings> } = {}): ExplorerHarness {
  const logger = createMemoryLogger('trace');
  const credentials = new Map(registries.map((r) => [r.host.toLowerCase(), r.credential]));
  const pool = new ClientPool<RegistryClient>(
    (host) => new RegistryClient({ registry: host, credential: credentials.get(host.toLowerCase()) ?? { kind: 'anonymous' }, logger, retryBaseDelayMs: 5, maxRetries: 1, requestTimeoutMs: 10_000, maxPages: options.maxPages }),
  );
  const settings: ExplorerSettings = { pageSize: 100, tagOrder: 'newest', ...options.settings };
  const configured = registries.map(({ host, insecureHttp }) => ({ host, insecureHttp }));
  const explorer = new ExplorerDataSource({
    client: (target) => pool.get(target.host, 'configured'),
    configured: () => configured,
    settings: () => settings,
  });
  return { explorer, pool, logger, settings, configured };
}

/** Expands labels one level after another from the root (like a user clicking), returning the last node. */
export async function expand(explorer: ExplorerDataSource, ...labels: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const label of labels) {
    const children = await explorer.children(node);
    const found = children.find((child) => child.label === label);
    if (!found) throw new Error(`no child "${label}" under ${node?.id ?? 'the root'}; children: ${children.map((c) => `${c.type}:${c.label}`).join(', ')}`);
    node = found;
  }
  if (!node) throw new Error('expand needs at least one label');
  return node;
}

/** Clicks "Load more…" until the container has no more pages, at most `maxClicks` times; returns the item nodes. */
export async function loadAll(explorer: ExplorerDataSource, container: ExplorerNode, maxClicks = 50): Promise<ExplorerNode[]> {
  let children = await explorer.children(container);
  for (let clicks = 0; clicks < maxClicks && children.at(-1)?.type === 'loadMore'; clicks++) {
    await explorer.loadMore(container.id);
    children = await explorer.children(container);
  }
  return children;
}

export const items = (nodes: ExplorerNode[], type: ExplorerNode['type']): ExplorerNode[] => nodes.filter((n) => n.type === type);
