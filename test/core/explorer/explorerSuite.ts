/**
 * The explorer's core against a real registry, run unchanged against the plain
 * docker-registry and the ACR-compatible front (explorer*.integration.test.ts): the
 * resumable pages of the registry client and the data source's tree built on them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolError, RegistryClient, type RegistryCredential } from '../../../src/core/registry/index';
import type { SeedTarget } from '../../fixtures/registry/index';
import { createMemoryLogger } from '../../../src/core/log';
import { seedSuite, type SuiteSeed } from '../registry/support/seed';
import { expand, explorerFor, items, loadAll } from './support';

export interface ExplorerServer {
  host: string;
  credential: RegistryCredential;
  target: SeedTarget;
  acr: boolean;
  stop(): Promise<void>;
}

export function registerExplorerSuite(name: string, start: () => Promise<ExplorerServer>): void {
  describe(`explorer against ${name}`, () => {
    let server: ExplorerServer;
    let seed: SuiteSeed;
    const client = () => new RegistryClient({ registry: server.host, credential: server.credential, retryBaseDelayMs: 5 });

    before(async () => {
      server = await start();
      seed = await seedSuite(server.target);
    });
    after(async () => {
      await server?.stop();
    });

    test('repository pages: past 100 with cursors, in order, each once; the last page has no cursor', async () => {
      const c = client();
      const names: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await c.paged.repositoryPage({ pageSize: 40, cursor });
        names.push(...page.items);
        cursor = page.next;
        pages++;
      } while (cursor && pages < 20);
      assert.deepEqual(names, seed.repositories);
      assert.ok(names.length > 100);
      assert.equal(pages, Math.ceil(seed.repositories.length / 40));
    });

    test('a cursor resumes on another client (nothing kept open), and gives the same page twice', async () => {
      const first = await client().paged.repositoryPage({ pageSize: 30 });
      assert.ok(first.next);
      const again = await client().paged.repositoryPage({ pageSize: 30, cursor: first.next });
      const twice = await client().paged.repositoryPage({ pageSize: 30, cursor: first.next });
      assert.deepEqual(again.items, seed.repositories.slice(30, 60));
      assert.deepEqual(twice.items, again.items);
      // A cursor of one listing is refused by another.
      await assert.rejects(client().paged.tagPage(seed.bigRepo, { cursor: first.next }), ProtocolError);
      await assert.rejects(client().paged.repositoryPage({ cursor: 'not-a-cursor' }), ProtocolError);
    });

    test('repository prefix filter starts at the prefix and stops after it', async () => {
      const page = await client().paged.repositoryPage({ prefix: 'suite/many-01', pageSize: 100 });
      assert.deepEqual(page.items, seed.repositories.filter((r) => r.startsWith('suite/many-01')));
      assert.equal(page.items.length, 10);
      assert.equal(page.next, undefined, 'a page that ran past the prefix ends the listing');
      const none = await client().paged.repositoryPage({ prefix: 'zzz', pageSize: 100 });
      assert.deepEqual(none.items, []);
    });

    test('tag pages: every tag once over several pages; newest first on ACR, the registry\'s own order (with the reason) elsewhere', async () => {
      const c = client();
      const tags: string[] = [];
      let cursor: string | undefined;
      let order: string | undefined;
      let note: string | undefined;
      const updated: string[] = [];
      for (let i = 0; i < 10; i++) {
        const page = await c.paged.tagPage(seed.bigRepo, { pageSize: 25, cursor, order: 'newest' });
        tags.push(...page.items.map((t) => t.name));
        updated.push(...page.items.map((t) => t.lastUpdateTime ?? ''));
        order = page.order;
        note = page.orderNote;
        if (server.acr) assert.ok(page.items.every((t) => t.digest && t.lastUpdateTime && t.changeableAttributes), 'ACR tags carry digest, dates and locks from the one listing call');
        cursor = page.next;
        if (!cursor) break;
      }
      assert.deepEqual([...tags].sort(), seed.bigTags);
      assert.equal(new Set(tags).size, tags.length);
      if (server.acr) {
        assert.equal(order, 'newest');
        const times = updated.map((t) => Date.parse(t));
        assert.ok(times.every((time, i) => i === 0 || time <= times[i - 1]), 'newest first across pages');
        assert.equal(note, undefined);
      } else {
        assert.equal(order, 'registry');
        assert.match(note ?? '', /registry's own order/);
      }
    });

    test('a new client learns whether the registry is ACR after its first repository page, so the first tag page is one listing request', async () => {
      const logger = createMemoryLogger('trace');
      const c = new RegistryClient({ registry: server.host, credential: server.credential, retryBaseDelayMs: 5, logger });
      const requested = (from = 0) => logger.lines.slice(from).filter((line) => line.startsWith('[trace] HTTP ')).map((line) => /^\[trace\] HTTP (\S+ \S+) -> (\d+)/.exec(line)?.slice(1).join(' ') ?? line);
      const probe = (line: string) => line.includes('/acr/v1/_catalog?n=1');
      const page = await c.paged.repositoryPage({ pageSize: 100 });
      assert.equal(page.items.length, 100);
      assert.ok(requested().every((line) => !probe(line) && /\/v2\/_catalog\?n=100 (200|401)$|\/oauth2\/token\?/.test(line)), `the first page is only its own request (and its auth): ${requested().join(', ')}`);
      // The probe runs unawaited after that page; wait (bounded) for its answer, as a user's click on Tags would.
      for (let i = 0; i < 500 && !requested().some(probe); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(requested().filter(probe).map((line) => line.split(' ').at(-1)), [server.acr ? '200' : '404'], 'one ACR probe, started by the repository page');
      const since = logger.lines.length;
      const tags = await c.paged.tagPage(seed.bigRepo, { pageSize: 25, order: 'newest' });
      assert.equal(tags.source, server.acr ? 'acr' : 'v2');
      const listing = requested(since).filter((line) => !line.includes('/oauth2/token'));
      assert.deepEqual(listing, [server.acr ? `GET http://${server.host}/acr/v1/${seed.bigRepo}/_tags?n=25&orderby=timedesc 200` : `GET http://${server.host}/v2/${seed.bigRepo}/tags/list?n=25 200`]);
    });

    test('manifest pages: ACR lists the untagged orphans; plain v2 says why it cannot', async () => {
      const page = await client().paged.manifestPage(seed.orphans.repo);
      if (server.acr) {
        assert.ok(page.listable);
        const untagged = page.items.filter((m) => m.tags.length === 0).map((m) => m.digest);
        assert.deepEqual(untagged.sort(), [...seed.orphans.orphans].sort());
      } else {
        assert.equal(page.listable, false);
        assert.match(page.listable ? '' : page.reason, /cannot list manifests/);
      }
    });

    test('tree: Other registries → registry → Repositories pages past 100 with "Load more…" saying how many are shown', async () => {
      const { explorer, logger } = explorerFor([{ host: server.host, insecureHttp: false, credential: server.credential }]);
      const repositories = await expand(explorer, 'Other registries', server.host, 'Repositories');
      const first = await explorer.children(repositories);
      assert.equal(items(first, 'repository').length, 100);
      const more = first.at(-1);
      assert.equal(more?.type, 'loadMore');
      assert.equal(more?.label, 'Load more…');
      assert.equal(more?.description, '100 repositories shown so far');
      // Expanding again (collapse + expand) shows the loaded page without a request.
      const before = logger.lines.length;
      explorer.collapse(repositories.id);
      assert.deepEqual((await explorer.children(repositories)).map((n) => n.id), first.map((n) => n.id));
      assert.equal(logger.lines.filter((l) => l.includes('_catalog')).length, logger.lines.slice(0, before).filter((l) => l.includes('_catalog')).length);
      const all = await loadAll(explorer, repositories);
      assert.deepEqual(items(all, 'repository').map((n) => n.repository), seed.repositories);
      assert.notEqual(all.at(-1)?.type, 'loadMore');
      // Stable ids: a refresh of the node gives the same ids again.
      const ids = all.map((n) => n.id);
      explorer.refresh(repositories.id);
      const reloaded = await loadAll(explorer, repositories);
      assert.deepEqual(reloaded.map((n) => n.id), ids);
    });

    test('tree: tags of the big repository, then a multi-arch tag expands to its platforms', async () => {
      const { explorer } = explorerFor([{ host: server.host, insecureHttp: false, credential: server.credential }]);
      const repositories = await expand(explorer, 'Other registries', server.host, 'Repositories');
      await loadAll(explorer, repositories);
      const tags = await expand(explorer, 'Other registries', server.host, 'Repositories', seed.bigRepo, 'Tags');
      const allTags = items(await loadAll(explorer, tags), 'tag');
      assert.deepEqual(allTags.map((t) => t.tag).sort(), seed.bigTags);
      if (server.acr) {
        assert.ok(allTags.every((t) => t.digest && /sha256:[0-9a-f]{12}/.test(t.description ?? '')), 'ACR tag descriptions show the digest');
        assert.match(allTags[0].tooltip ?? '', /Updated: .* \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
      }
      const latest = await expand(explorer, 'Other registries', server.host, 'Repositories', seed.multi.repo, 'Tags', 'latest');
      const platforms = await explorer.children(latest);
      assert.deepEqual(items(platforms, 'platform').map((p) => [p.label, p.digest]), [
        ['linux/amd64', seed.multi.children[0]],
        ['linux/arm/v7', seed.multi.children[1]],
      ]);
      // Details load when asked (hover), from the manifest; the view leaves such a tooltip to be resolved then.
      assert.equal(explorer.hasDetails(latest), true);
      assert.equal(explorer.hasDetails(platforms[0]!), true);
      const details = await explorer.details(latest);
      assert.match(details ?? '', /Platforms:\*\* linux\/amd64, linux\/arm\/v7/);
    });

    test('tree: a signed image shows its signature as a referrer', async () => {
      const { explorer } = explorerFor([{ host: server.host, insecureHttp: false, credential: server.credential }]);
      await loadAll(explorer, await expand(explorer, 'Other registries', server.host, 'Repositories'));
      const signed = await expand(explorer, 'Other registries', server.host, 'Repositories', seed.signed.repo, 'Tags', seed.signed.tag);
      const children = await explorer.children(signed);
      assert.deepEqual(items(children, 'referrer').map((r) => [r.label, r.digest]), [['signature', seed.signed.referrer]]);
    });

    test('tree: the Untagged manifests group lists orphans on ACR and says why not on plain v2', async () => {
      const { explorer } = explorerFor([{ host: server.host, insecureHttp: false, credential: server.credential }]);
      await loadAll(explorer, await expand(explorer, 'Other registries', server.host, 'Repositories'));
      const untagged = await expand(explorer, 'Other registries', server.host, 'Repositories', seed.orphans.repo, 'Untagged manifests');
      const children = await explorer.children(untagged);
      if (server.acr) {
        assert.deepEqual(items(children, 'manifest').map((m) => m.digest).sort(), [...seed.orphans.orphans].sort());
        assert.ok(children.every((m) => m.contextValue.includes('untagged')));
      } else {
        assert.equal(children.length, 1);
        assert.equal(children[0].type, 'message');
        assert.equal(children[0].label, 'Untagged manifests cannot be listed on this registry');
        assert.match(children[0].tooltip ?? '', /cannot list manifests/);
      }
    });
  });
}
