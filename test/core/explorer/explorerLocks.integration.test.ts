// The explorer's lock display over real registries: a repository's lock is read when it is expanded or
// hovered (one GET /acr/v1/NAME, none when the repositories are listed), and a tag's lock shows after its
// Tags container is reloaded. Against the ACR front and a plain docker-registry (no locks there).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ClientPool, ExplorerDataSource, type ExplorerNode } from '../../../src/core/explorer/index';
import { RegistryClient, type RegistryCredential } from '../../../src/core/registry/index';
import { Secret } from '../../../src/core/secret';
import { pushImage, startAcrFront, startDockerRegistry, targetFor, type AcrFrontInternals, type RunningRegistry } from '../../fixtures/registry/index';
import { expand, items } from './support';

function harness(host: string, credential: RegistryCredential) {
  const changed: ExplorerNode[] = [];
  const waiters: Array<() => void> = [];
  const pool = new ClientPool<RegistryClient>((h) => new RegistryClient({ registry: h, credential, retryBaseDelayMs: 5, maxRetries: 1, requestTimeoutMs: 10_000 }));
  const explorer = new ExplorerDataSource({
    client: (target) => pool.get(target.host, 'configured'),
    configured: () => [{ host, insecureHttp: false }],
    settings: () => ({ pageSize: 100, tagOrder: 'newest' }),
    onNodeChanged: (node) => {
      changed.push(node);
      for (const wake of waiters.splice(0)) wake();
    },
  });
  /** Resolves once onNodeChanged was called `count` times, or after `ms` (bounded: never hangs). */
  const changes = async (count: number, ms = 5000): Promise<ExplorerNode[]> => {
    const deadline = Date.now() + ms;
    while (changed.length < count && Date.now() < deadline) await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, Math.max(1, deadline - Date.now()));
    });
    return changed;
  };
  return { explorer, changed, changes };
}

describe('explorer lock display on the ACR front', () => {
  const user = { username: 'locks-explorer', password: `pw-${randomBytes(12).toString('hex')}` };
  let front: AcrFrontInternals;
  const credential = (): RegistryCredential => ({ kind: 'basic', username: user.username, password: new Secret(user.password) });
  before(async () => {
    front = await startAcrFront({ users: [user] });
    const t = targetFor(front);
    await pushImage(t, 'shown/locked', { tag: 'v1' });
    await pushImage(t, 'shown/locked', { tag: 'v2' });
    await pushImage(t, 'shown/open', { tag: 'v1' });
    front.lockRepository('shown/locked', { writeEnabled: false });
  });
  after(async () => {
    await front?.stop();
  });

  test('listing repositories reads no lock; expanding one reads it once and redraws the node with its lock', async () => {
    const { explorer, changes } = harness(front.host, credential());
    const start = front.requests.length;
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const listed = items(await explorer.children(repositories), 'repository');
    assert.deepEqual(listed.map((n) => [n.label, n.contextValue, n.icon]), [['shown/locked', 'repository', 'repository'], ['shown/open', 'repository', 'repository']]);
    assert.equal(front.requests.slice(start).filter((r) => /^\/acr\/v1\/shown/.test(r.path)).length, 0, 'no lock read per repository up front');

    const locked = listed[0] as ExplorerNode;
    await explorer.children(locked);
    const [redrawn] = await changes(1);
    assert.equal(redrawn, locked, 'the same node object, updated in place');
    assert.deepEqual([locked.description, locked.icon, locked.contextValue], ['locked: no write', 'locked', 'repository acr locked']);
    assert.match(locked.tooltip ?? '', /Lock: locked: no write \(covers every image in it\)/);
    assert.deepEqual(front.requests.slice(start).filter((r) => r.method === 'GET' && r.path === '/acr/v1/shown%2Flocked' && r.status === 200).length, 1);
  });

  test('hovering an unlocked repository reads its lock into the tooltip and marks it as ACR', async () => {
    const { explorer } = harness(front.host, credential());
    const open = await expand(explorer, 'Other registries', front.host, 'Repositories', 'shown/open');
    const tooltip = await explorer.details(open);
    assert.match(tooltip ?? '', /Lock: unlocked$/);
    assert.equal(open.contextValue, 'repository acr');
    assert.equal(open.icon, 'repository');
  });

  test('after a tag is locked, reloading only its Tags container shows the lock icon and text; the order and dates stay', async () => {
    const { explorer } = harness(front.host, credential());
    const tags = await expand(explorer, 'Other registries', front.host, 'Repositories', 'shown/open', 'Tags');
    const before = items(await explorer.children(tags), 'tag');
    assert.deepEqual(before.map((n) => [n.label, n.icon, n.contextValue]), [['v1', 'tag', 'tag acr']]);
    const client = new RegistryClient({ registry: front.host, credential: credential() });
    await client.updateChangeableAttributes({ kind: 'tag', repository: 'shown/open', tag: 'v1' }, { writeEnabled: false });
    explorer.refresh(tags.id);
    const afterLock = items(await explorer.children(tags), 'tag');
    assert.deepEqual(afterLock.map((n) => [n.label, n.icon, n.contextValue]), [['v1', 'locked', 'tag acr locked']]);
    assert.match(afterLock[0]?.description ?? '', /locked: no write/);
    assert.equal(afterLock[0]?.tagInfo?.lastUpdateTime, before[0]?.tagInfo?.lastUpdateTime, 'a lock is not an update of the tag (acr-v1-tag-patch.json)');
    await client.updateChangeableAttributes({ kind: 'tag', repository: 'shown/open', tag: 'v1' }, { writeEnabled: true, deleteEnabled: true });
  });

  test('noteRepositoryLock updates a shown repository after a command changed it', async () => {
    const { explorer } = harness(front.host, credential());
    const open = await expand(explorer, 'Other registries', front.host, 'Repositories', 'shown/open');
    const updated = explorer.noteRepositoryLock(open.id, { writeEnabled: true, deleteEnabled: false, readEnabled: true, listEnabled: true });
    assert.equal(updated, open);
    assert.deepEqual([open.description, open.icon, open.contextValue], ['locked: no delete', 'locked', 'repository acr locked']);
    assert.equal(explorer.noteRepositoryLock('no/such/id', {}), undefined);
  });
});

describe('explorer lock display on a plain docker-registry', () => {
  let registry: RunningRegistry;
  before(async () => {
    registry = await startDockerRegistry({ auth: 'none' });
    await pushImage(targetFor(registry), 'plain/app', { tag: 'v1' });
  });
  after(async () => {
    await registry?.stop();
  });

  test('no lock is read or shown: the node stays as listed, and the tooltip says nothing of locks (plain v2 has none)', async () => {
    const { explorer, changes } = harness(registry.host, { kind: 'anonymous' });
    const repo = await expand(explorer, 'Other registries', registry.host, 'Repositories', 'plain/app');
    await explorer.children(repo);
    assert.deepEqual(await changes(1, 300), [], 'never redrawn');
    assert.equal(repo.contextValue, 'repository');
    const details = (await explorer.details(repo)) ?? '';
    assert.equal(details, repo.tooltip);
    assert.doesNotMatch(details, /Lock/);
    const tags = items(await explorer.children(await expand(explorer, 'Other registries', registry.host, 'Repositories', 'plain/app', 'Tags')), 'tag');
    assert.deepEqual(tags.map((n) => n.contextValue), ['tag']);
  });
});
