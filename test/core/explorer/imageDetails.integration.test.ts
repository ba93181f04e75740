// "Show Config and Layers" against the real docker-registry: the config blob is read and verified, its
// history lines up with the layers, env values never appear, and hostile text is shown escaped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { imageDetailsDocument } from '../../../src/core/explorer/imageDetails';
import { DigestMismatchError, RegistryClient } from '../../../src/core/registry/index';
import { MEDIA, pushBlob, pushImage, pushIndex, putManifest, startDockerRegistry, targetFor, type SeedTarget } from '../../fixtures/registry/index';
import type { RunningRegistry } from '../../fixtures/registry/types';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const SECRET_VALUE = 'p4ss-in-env-9f1c';
let registry: RunningRegistry;
let t: SeedTarget;
let client: RegistryClient;

/** A config as `docker build` writes it: ENV and CMD steps make history entries without layers. */
function buildConfig(layers: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      created: '2026-11-20T10:00:00Z',
      config: {
        User: 'app',
        Env: ['PATH=/usr/local/bin:/usr/bin', `DB_PASSWORD=${SECRET_VALUE}`],
        Entrypoint: ['/app/server'],
        Cmd: ['--port', '8080'],
        WorkingDir: '/app',
        ExposedPorts: { '8080/tcp': {} },
        Labels: { 'org.opencontainers.image.source': 'https://example.test/app', 'evil\u202Elabel': 'café `tick` | pipe\u0007' },
      },
      rootfs: { type: 'layers', diff_ids: layers },
      history: [
        { created: '2026-11-20T09:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:base in /' },
        { created: '2026-11-20T09:01:00Z', created_by: `/bin/sh -c #(nop) ENV DB_PASSWORD=${SECRET_VALUE}`, empty_layer: true },
        { created: '2026-11-20T09:02:00Z', created_by: 'RUN /bin/sh -c apk add --no-cache curl # buildkit' },
        { created: '2026-11-20T09:03:00Z', created_by: 'CMD ["--port" "8080"]', empty_layer: true },
      ],
    }),
  );
}

before(async () => {
  registry = await startDockerRegistry({ auth: 'none' });
  t = targetFor(registry);
  client = new RegistryClient({ registry: registry.host, credential: { kind: 'anonymous' }, insecureHttp: true });
});
after(async () => registry?.stop());

describe('image config and layers', () => {
  test('config fields, layers with their history line, env names only', async () => {
    const layerBytes = [Buffer.from('base layer bytes'), Buffer.from('curl layer bytes, a little longer')];
    const layerDigests: string[] = [];
    for (const layer of layerBytes) layerDigests.push(await pushBlob(t, 'app/web', layer));
    const config = buildConfig(layerDigests);
    const configDigest = await pushBlob(t, 'app/web', config);
    const body = { schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: config.length }, layers: layerBytes.map((l, i) => ({ mediaType: MEDIA.ociLayer, digest: layerDigests[i], size: l.length })) };
    await putManifest(t, 'app/web', Buffer.from(JSON.stringify(body)), MEDIA.ociManifest, 'v1');

    const manifest = await client.getManifest('app/web', 'v1');
    const blob = await client.imageConfig('app/web', manifest);
    assert.equal(blob?.digest, configDigest);
    const doc = imageDetailsDocument({ reference: `${registry.host}/app/web:v1`, manifest, config: blob });
    assert.match(doc, /- Platform: linux\/arm64\/v8/);
    assert.match(doc, /- Entrypoint: `\["\/app\/server"\]`/);
    assert.match(doc, /- User: `app`/);
    assert.match(doc, /- Exposed ports: `8080\/tcp`/);
    assert.match(doc, /- Layers: 2, 49 B compressed/);
    // History entries without a layer (ENV, CMD) are skipped, so each layer shows the step that made it.
    const rows = doc.split('\n').filter((line) => /^\| [12] \|/.test(line));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /ADD file:base/);
    assert.match(rows[1], /apk add --no-cache curl/);
    // Env: names, never values (not even through the ENV history step, which made no layer row).
    assert.match(doc, /names only.*`PATH`, `DB_PASSWORD`/);
    assert.ok(!doc.includes(SECRET_VALUE), 'an env value reached the document');
    // Hostile label text: bidi override and BEL escaped, backticks fenced, pipes escaped; Unicode kept.
    assert.match(doc, /evil\\u\{202e\}label/);
    assert.match(doc, /`` café `tick` \\\| pipe\\u\{7\} ``/);
    assert.ok(!doc.includes('\u202E') && !doc.includes('\u0007'));
  });

  test('an index has no config: the document lists its platforms', async () => {
    const amd = await pushImage(t, 'app/multi', { architecture: 'amd64' });
    const arm = await pushImage(t, 'app/multi', { architecture: 'arm64' });
    await pushIndex(t, 'app/multi', [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm, platform: { os: 'linux', architecture: 'arm64' } }], 'latest');
    const manifest = await client.getManifest('app/multi', 'latest');
    assert.equal(await client.imageConfig('app/multi', manifest), undefined);
    const doc = imageDetailsDocument({ reference: 'app/multi:latest', manifest });
    assert.match(doc, /multi-platform index/);
    assert.match(doc, new RegExp(`- linux/amd64: \`${amd.digest}\``));
    assert.match(doc, new RegExp(`- linux/arm64: \`${arm.digest}\``));
  });

  test('a config whose bytes do not match its digest is refused, not shown', async () => {
    const pushed = await pushImage(t, 'app/tampered', { tag: 'v1' });
    // A proxy in front of the registry that rewrites blob bodies (same length, other bytes).
    const proxy: Server = createServer((req, res) => {
      const upstream = request({ host: '127.0.0.1', port: Number(registry.host.split(':')[1]), path: req.url, method: req.method, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          let bytes = Buffer.concat(chunks);
          if (req.url?.includes('/blobs/')) bytes = Buffer.from(bytes.toString('utf8').replace('linux', 'LINUX'));
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(bytes);
        });
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const viaProxy = new RegistryClient({ registry: `127.0.0.1:${(proxy.address() as AddressInfo).port}`, credential: { kind: 'anonymous' }, insecureHttp: true, maxRetries: 0 });
      const manifest = await viaProxy.getManifest('app/tampered', pushed.digest);
      await assert.rejects(viaProxy.imageConfig('app/tampered', manifest), DigestMismatchError);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
