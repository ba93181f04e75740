// Scenario: the registry explorer, as a user. A real docker-registry behind the ACR-compatible
// front (so untagged manifests can be listed) seeded with >100 repositories, a multi-arch index
// and an untagged orphan, configured through acrDoctor.registries (credentials from a Docker
// config file, as `docker login` leaves them); and a closed port as a second registry.
// Open the ACR Doctor view, page the repositories, expand tags and platforms, clean up the
// untagged manifests of the multi-arch repository from the context menu, and check over HTTP
// that every tag still resolves to the same digest, the platform manifests stay and the orphan
// is gone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_ACCEPT, pushImage, startAcrFront, targetFor, type AcrFrontInternals, type SeedTarget } from '../../fixtures/registry/index';
import { freePort } from '../../fixtures/registry/process';
import { seedSuite, type SuiteSeed } from '../../core/registry/support/seed';
import { poll, Workbench } from '../workbench';

const user = { username: 'e2e-admin', password: `pw-${randomBytes(12).toString('hex')}` };

async function digestOf(t: SeedTarget, repo: string, reference: string): Promise<{ status: number; digest?: string }> {
  const authorization = await t.authorize?.(`repository:${repo}:pull`);
  const response = await fetch(new URL(`/v2/${repo}/manifests/${reference}`, t.url), { headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) }, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return { status: response.status, digest: response.headers.get('docker-content-digest') ?? undefined };
}

describe('registry explorer', () => {
  let front: AcrFrontInternals;
  let seed: SuiteSeed;
  let orphan: string;
  let closed: string;
  let dockerConfigDir: string;
  let workbench: Workbench;
  let t: SeedTarget;

  before(async () => {
    front = await startAcrFront({ users: [user] });
    t = targetFor(front);
    seed = await seedSuite(t);
    // The untagged orphan sits beside the multi-arch image's untagged platform manifests.
    orphan = (await pushImage(t, seed.multi.repo, { layers: [Buffer.from('e2e orphan')] })).digest;
    closed = `127.0.0.1:${await freePort()}`;
    dockerConfigDir = mkdtempSync(join(tmpdir(), 'acr-doctor-e2e-docker-'));
    writeFileSync(join(dockerConfigDir, 'config.json'), JSON.stringify({ auths: { [front.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } }));
    // code-server (and its extension host) inherit this process's environment.
    process.env.DOCKER_CONFIG = dockerConfigDir;
    workbench = await Workbench.launch({
      scenario: 'explorer',
      settings: { 'acrDoctor.registries': [{ host: front.host, insecureHttp: false }, { host: closed, insecureHttp: false }], 'acrDoctor.explorer.pageSize': 100 },
    });
  });
  after(async () => {
    await front?.stop();
    if (dockerConfigDir) rmSync(dockerConfigDir, { recursive: true, force: true });
    await workbench?.close();
  });

  it('opens the ACR Doctor view and pages the repositories past 100 with "Load more…"', async () => {
    await workbench.step('open the Registries view', () => workbench.openView('acrDoctor.registries'));
    await workbench.step('expand Other registries → the registry → Repositories', () => workbench.expandTreeItem('Other registries', front.host, 'Repositories'));
    const more = workbench.treeItem('Load more…');
    await workbench.step('the first page ends with "Load more…" saying 100 are shown', async () => {
      await workbench.scrollToTreeItem('Load more…');
      const text = await more.innerText();
      assert.match(text, /100 repositories shown so far/);
      assert.ok(!(await workbench.treeItem(seed.multi.repo).isVisible()), 'suite/multi is on the second page');
    });
    await workbench.screenshot('repositories-first-page');
    await workbench.step('click "Load more…"', async () => {
      await more.click();
      await workbench.scrollToTreeItem(seed.multi.repo);
    });
    await workbench.screenshot('repositories-after-load-more');
  });

  it('expands a multi-arch tag to its platforms', async () => {
    await workbench.step('expand suite/multi → Tags → latest', async () => {
      for (const label of [seed.multi.repo, 'Tags', 'latest']) {
        await workbench.scrollToTreeItem(label);
        await workbench.expandTreeItem(label);
      }
    });
    await workbench.step('its platforms show', async () => {
      await workbench.scrollToTreeItem('linux/amd64');
      await workbench.scrollToTreeItem('linux/arm/v7');
    });
    await workbench.screenshot('multi-arch-platforms');
    await workbench.step('expand Untagged manifests: the two platform manifests and the orphan', async () => {
      await workbench.scrollToTreeItem('Untagged manifests');
      await workbench.expandTreeItem('Untagged manifests');
      await workbench.scrollToTreeItem(orphan.slice(0, 19));
    });
    await workbench.screenshot('untagged-manifests');
  });

  it('cleans up untagged manifests from the context menu: the orphan goes, every tag and platform stays', async () => {
    const before = await digestOf(t, seed.multi.repo, seed.multi.tag);
    assert.equal(before.digest, seed.multi.index);
    await workbench.step('context menu on suite/multi → Clean Up Untagged Manifests…', () => workbench.treeContextMenu(seed.multi.repo, 'Clean Up Untagged Manifests…'));
    const dialog = await workbench.step('the confirmation names what goes', () => workbench.answerDialog(/Delete 1 untagged manifest from/, 'Delete 1 manifest'));
    assert.match(dialog, new RegExp(orphan.slice(0, 19)));
    assert.match(dialog, /3 manifest\(s\) are kept/);
    await workbench.step('the cleanup reports what it deleted', () => workbench.waitForNotification(/Deleted 1 untagged manifest from suite\/multi/, 30_000));
    await workbench.screenshot('cleanup-done');
    await workbench.step('over HTTP: the tag resolves to the same digest, the platforms stay, the orphan is gone', async () => {
      assert.deepEqual(await digestOf(t, seed.multi.repo, seed.multi.tag), { status: 200, digest: seed.multi.index });
      for (const child of seed.multi.children) assert.equal((await digestOf(t, seed.multi.repo, child)).status, 200, `platform manifest ${child}`);
      assert.equal((await digestOf(t, seed.multi.repo, orphan)).status, 404);
      for (const tag of seed.bigTags.slice(0, 5)) assert.equal((await digestOf(t, seed.bigRepo, tag)).digest, seed.bigTagDigests.get(tag));
    });
  });

  it('a registry node\'s context menu opens the diagnostics panel on that registry', async () => {
    await workbench.step(`context menu on ${front.host} → Run Diagnostics…`, async () => {
      await workbench.scrollToTreeItem(front.host);
      await workbench.treeContextMenu(front.host, 'Run Diagnostics…');
    });
    const text = await workbench.step('the panel names the registry and streams its results', async () => {
      let shown = '';
      await poll('the diagnostics panel', 30_000, async () => {
        shown = await workbench.readWebviewText();
        return shown.includes(`Diagnostics: ${front.host}`) && /passed/.test(shown);
      });
      return shown;
    });
    assert.match(text, /DNS resolves the login server/);
    await workbench.screenshot('diagnostics-from-registry-node');
  });

  it('a closed port shows an error node with its next step', async () => {
    await workbench.step(`expand ${closed} → Repositories`, async () => {
      await (await workbench.scrollToTreeItem(front.host)).click();
      // Collapse the first registry so the second one is in view.
      await workbench.page.keyboard.press('ArrowLeft');
      await workbench.expandTreeItem(closed, 'Repositories');
    });
    const error = workbench.page.locator('.monaco-list-row[role="treeitem"]').filter({ hasText: /Could not list repositories/ }).first();
    await workbench.step('the error node names the failure and "Run diagnostics for this registry"', async () => {
      await error.waitFor({ state: 'visible' });
      await poll('the error node text', 10_000, async () => /ECONNREFUSED/.test(await error.innerText()) && /Run diagnostics for this registry/.test(await error.innerText()));
    });
    await workbench.screenshot('closed-port-error-node');
  });
});
