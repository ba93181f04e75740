/**
 * The explorer when things go wrong, against the ACR-compatible front (faults injected in
 * front of a real docker-registry) and a closed port: every failure becomes an error node
 * with its next step, loaded pages stay, one registry's failure leaves the others alone.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Secret } from '../../../src/core/secret';
import { freePort } from '../../fixtures/registry/process';
import { pushImage, startAcrFront, targetFor, type AcrFrontInternals } from '../../fixtures/registry/index';
import { expand, explorerFor, items, loadAll } from './support';

const user = { username: 'faults-admin', password: `pw-${randomBytes(12).toString('hex')}` };
let front: AcrFrontInternals;
const REPOS = 35;

before(async () => {
  front = await startAcrFront({ users: [user] });
  const t = targetFor(front);
  const layer = Buffer.from('faults shared layer');
  for (let i = 0; i < REPOS; i++) await pushImage(t, `faults/repo-${String(i).padStart(2, '0')}`, { tag: 'v1', layers: [layer] });
  for (let i = 0; i < 12; i++) await pushImage(t, 'faults/tagged', { tag: `t${String(i).padStart(2, '0')}`, layers: [layer, Buffer.from(`tag ${i}`)] });
});
after(async () => {
  await front?.stop();
});

const good = () => ({ host: front.host, insecureHttp: false, credential: { kind: 'basic' as const, username: user.username, password: new Secret(user.password) } });

describe('explorer error nodes', () => {
  test('401 (wrong password) → an error node whose next step is entering credentials', async () => {
    const { explorer } = explorerFor([{ ...good(), credential: { kind: 'basic', username: user.username, password: new Secret('wrong') } }]);
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const children = await explorer.children(repositories);
    assert.equal(children.length, 1);
    const [error] = children;
    assert.equal(error.type, 'error');
    assert.match(error.label, /^Could not list repositories: Authentication failed while .* \(HTTP 401\)\./);
    assert.equal(error.actions?.[0].kind, 'enterCredentials');
    assert.deepEqual(error.actions?.map((a) => a.kind), ['enterCredentials', 'runDiagnostics', 'showLog']);
    assert.match(error.tooltip ?? '', /Next step/);
    assert.ok(!JSON.stringify(error).includes('wrong'), 'the password never reaches a node');
  });

  test('one registry down (closed port) while another works: an error node with "Run diagnostics" beside a listed registry', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const { explorer } = explorerFor([good(), { host: closed, insecureHttp: false, credential: { kind: 'anonymous' } }]);
    const registries = await explorer.children(await expand(explorer, 'Other registries'));
    assert.deepEqual(registries.map((r) => r.label), [front.host, closed]);
    const down = await explorer.children(await expand(explorer, 'Other registries', closed, 'Repositories'));
    assert.equal(down[0].type, 'error');
    assert.match(down[0].label, /ECONNREFUSED/);
    assert.equal(down[0].actions?.[0].kind, 'runDiagnostics');
    assert.equal(down[0].description, 'Run diagnostics for this registry');
    const up = await explorer.children(await expand(explorer, 'Other registries', front.host, 'Repositories'));
    assert.equal(items(up, 'repository').length, REPOS + 1);
  });

  test('malformed JSON → an error node; Retry after the registry recovers lists the page', async () => {
    const { explorer } = explorerFor([good()]);
    front.addFault({ pathPrefix: '/v2/_catalog', respond: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"repositories": [' } });
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const children = await explorer.children(repositories);
    assert.equal(children.length, 1);
    assert.equal(children[0].type, 'error');
    assert.match(children[0].label, /malformed JSON/);
    assert.equal(children[0].actions?.[0].kind, 'retry');
    await explorer.loadMore(repositories.id);
    assert.equal(items(await explorer.children(repositories), 'repository').length, REPOS + 1);
  });

  test('a Link loop stops with an error node after the page that looped; its items stay', async () => {
    const { explorer } = explorerFor([good()], { settings: { pageSize: 10 } });
    front.addFault({ pathPrefix: '/v2/_catalog', times: 5, respond: { repeatLink: true } });
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const children = await explorer.children(repositories);
    front.clearFaults();
    assert.equal(items(children, 'repository').length, 10);
    const last = children.at(-1);
    assert.equal(last?.type, 'error');
    assert.match(last?.label ?? '', /sent a next-page link it had already sent/);
  });

  test('many pages: the page limit stops with a message, and what was loaded stays', async () => {
    const { explorer } = explorerFor([good()], { maxPages: 3, settings: { pageSize: 5 } });
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const children = await loadAll(explorer, repositories, 10);
    assert.equal(items(children, 'repository').length, 15);
    const last = children.at(-1);
    assert.equal(last?.type, 'error');
    assert.match(last?.label ?? '', /Stopped listing repositories after 3 pages/);
    assert.match(last?.tooltip ?? '', /Everything up to here is shown/);
  });

  test('one /acr/v1 request per tag page; refreshing Tags leaves the loaded repositories alone', async () => {
    const { explorer } = explorerFor([good()], { settings: { pageSize: 5 } });
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    await loadAll(explorer, repositories);
    const tags = await expand(explorer, 'Other registries', front.host, 'Repositories', 'faults/tagged', 'Tags');
    const start = front.requests.length;
    const all = await loadAll(explorer, tags);
    assert.equal(items(all, 'tag').length, 12);
    const tagCalls = front.requests.slice(start).filter((r) => r.path.startsWith('/acr/v1/faults/tagged/_tags') && r.status === 200);
    assert.equal(tagCalls.length, 3, 'three pages of five, one call each');
    assert.ok(front.requests.slice(start).every((r) => !/\/manifests\//.test(r.path)), 'no per-tag manifest read before the page shows');
    explorer.refresh(tags.id);
    const catalogBefore = front.requests.filter((r) => r.path.startsWith('/v2/_catalog')).length;
    await explorer.children(repositories);
    assert.equal(front.requests.filter((r) => r.path.startsWith('/v2/_catalog')).length, catalogBefore, 'the repositories were not reloaded');
    assert.equal(items(await explorer.children(tags), 'tag').length, 5, 'Tags starts again from its first page');
  });

  test('collapsing aborts a load in flight; expanding again loads it', async () => {
    const { explorer } = explorerFor([good()]);
    const repositories = await expand(explorer, 'Other registries', front.host, 'Repositories');
    const pending = explorer.children(repositories);
    explorer.collapse(repositories.id);
    await pending.catch(() => undefined);
    const children = await explorer.children(repositories);
    assert.equal(items(children, 'repository').length, REPOS + 1);
  });
});
