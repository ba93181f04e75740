// What a registry sends is untrusted input to a destructive command: a listing entry whose digest is not
// a digest, an index naming such a child, a Docker-Content-Digest that is not one (or does not verify),
// an index that cannot be read, an /acr/v1 answer without its list key. Each is reported, never used in
// a URL or a plan, and never turns into a delete. Real docker-registry behind the ACR front; the hostile
// answers are the front's injected faults.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DigestMismatchError, ProtocolError, RegistryClient } from '../../../src/core/registry';
import { Secret } from '../../../src/core/secret';
import {
  MANIFEST_ACCEPT,
  MEDIA,
  pushImage,
  pushIndex,
  sha256Digest,
  startAcrFront,
  startDockerRegistry,
  targetFor,
  type AcrFrontInternals,
  type RunningRegistry,
} from '../../fixtures/registry/index';
import { dockerConfigDir, runCli } from '../../support/cliHarness';

const ADMIN = { username: 'hostile-admin', password: 'hostile-admin-password' };
const HEX = 'a'.repeat(64);
const INVALID = ['../../x', 'sha256:../..', `sha256:${HEX}?x=1#`];

interface CleanupJson {
  plan: Array<{ digest: string; action: 'keep' | 'delete'; reason: string }>;
  deleted: string[];
  rejected?: Array<{ where: string; value: string }>;
}

let front: AcrFrontInternals;
let plain: RunningRegistry;
let docker: { dir: string; cleanup: () => void };

before(async () => {
  [front, plain] = await Promise.all([startAcrFront({ users: [ADMIN] }), startDockerRegistry({ auth: 'none' })]);
  docker = dockerConfigDir({ auths: { [front.host]: { auth: Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64') } } });
});
after(async () => {
  await Promise.all([front?.stop(), plain?.stop()]);
  docker?.cleanup();
});

const cli = (argv: string[]) => runCli(argv, { dockerConfig: docker.dir });
const client = () => new RegistryClient({ registry: front.host, credential: { kind: 'basic', username: ADMIN.username, password: new Secret(ADMIN.password) }, retryBaseDelayMs: 1 });

async function status(repo: string, reference: string): Promise<number> {
  const authorization = await targetFor(front).authorize?.(`repository:${repo}:pull`);
  const response = await fetch(`${front.url}/v2/${repo}/manifests/${reference}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) } });
  return response.status;
}

/** The front's real listing of `repo` (as recorded: no references), to build a hostile one from. */
async function realListing(repo: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${front.url}/acr/v1/${repo}/_manifests?n=1000`, { headers: { authorization: `Bearer ${front.mintAccessToken([`repository:${repo}:metadata_read`])}` } });
  assert.equal(response.status, 200);
  return ((await response.json()) as { manifests: Record<string, unknown>[] }).manifests;
}

function serveListing(repo: string, manifests: unknown[]): void {
  front.addFault({
    method: 'GET',
    pathRegex: new RegExp(`^/acr/v1/${repo.replace('/', '/')}/_manifests\\?`),
    times: 50,
    respond: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ registry: front.host, imageName: repo, manifests }) },
  });
}

/** No request the CLI made carries one of the invalid values (raw or percent-encoded) or a dot segment. */
function assertNoInvalidInRequests(since: number): void {
  for (const request of front.requests.slice(since)) {
    const decoded = decodeURIComponent(request.path);
    for (const value of INVALID) assert.ok(!decoded.includes(value), `${request.method} ${request.path}`);
    assert.ok(!/\/\.\.?(\/|$)/.test(decoded) && !decoded.includes('?x=1'), `${request.method} ${request.path}`);
  }
}

describe('cleanup with untrusted digests from the registry', () => {
  test('listing entries whose digest is not a digest are reported, never requested or planned, and block untagged deletes', async () => {
    const repo = 'hostile/listing';
    await pushImage(targetFor(front), repo, { tag: 'v1', layers: [Buffer.from('hostile listing tagged')] });
    const orphan = await pushImage(targetFor(front), repo, { layers: [Buffer.from('hostile listing orphan')] });
    const entries = await realListing(repo);
    const shape = entries[0];
    serveListing(repo, [...entries, ...INVALID.map((digest) => ({ ...shape, digest, tags: undefined }))]);
    const since = front.requests.length;
    try {
      const run = await cli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as CleanupJson;
      assert.deepEqual(out.deleted, []);
      assert.deepEqual(out.plan.map((d) => d.digest).sort(), entries.map((e) => String(e.digest)).sort(), 'only valid digests are in the plan');
      assert.match(out.plan.find((d) => d.digest === orphan.digest)?.reason ?? '', /not a digest.*could be an index holding this manifest/);
      assert.deepEqual(out.rejected?.map((r) => r.value), INVALID.map((value) => JSON.stringify(value)));
      for (const value of INVALID) assert.ok(run.stderr.includes(`not a digest (${JSON.stringify(value)})`), run.stderr);
      assertNoInvalidInRequests(since);
    } finally {
      front.clearFaults();
    }
    assert.equal(await status(repo, orphan.digest), 200);
  });

  test('an index naming a child whose digest is not a digest is unreadable: it and every untagged manifest stay', async () => {
    const repo = 'hostile/index';
    const child = await pushImage(targetFor(front), repo, { layers: [Buffer.from('hostile index child')] });
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [{ mediaType: MEDIA.ociManifest, digest: 'sha256:../..', size: 10 }, { mediaType: MEDIA.ociManifest, digest: child.digest, size: child.size }] });
    const index = sha256Digest(body);
    const [childEntry] = await realListing(repo);
    const { architecture: _a, os: _o, ...indexShape } = childEntry;
    serveListing(repo, [childEntry, { ...indexShape, digest: index, mediaType: MEDIA.ociIndex, tags: ['latest'] }]);
    front.addFault({ method: 'GET', pathPrefix: `/v2/${repo}/manifests/${index}`, times: 50, respond: { status: 200, headers: { 'content-type': MEDIA.ociIndex, 'docker-content-digest': index }, body } });
    const since = front.requests.length;
    try {
      const run = await cli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as CleanupJson;
      assert.deepEqual(out.deleted, []);
      assert.match(out.plan.find((d) => d.digest === index)?.reason ?? '', /could not be read \(.*not a digest \("sha256:\.\.\/\.\."\)/);
      assert.match(out.plan.find((d) => d.digest === child.digest)?.reason ?? '', /could hold this manifest, so no untagged manifest is deleted/);
      assert.match(run.stderr, /note: 1 untagged manifest\(s\) are kept only because something that could hold them could not be read/);
      assertNoInvalidInRequests(since);
    } finally {
      front.clearFaults();
    }
    assert.equal(await status(repo, child.digest), 200);
  });

  test('a tagged index that cannot be read (HTTP 500) keeps its untagged platform manifests and every other untagged one', async () => {
    const repo = 'hostile/unreadable';
    const amd = await pushImage(targetFor(front), repo, { layers: [Buffer.from('unreadable amd64')] });
    const index = await pushIndex(targetFor(front), repo, [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }], 'latest');
    const orphan = await pushImage(targetFor(front), repo, { layers: [Buffer.from('unreadable orphan')] });
    front.addFault({ method: 'GET', pathPrefix: `/v2/${repo}/manifests/${index.digest}`, times: 50, respond: { status: 500, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"code":"UNKNOWN","message":"storage backend unavailable"}]}' } });
    try {
      const run = await cli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as CleanupJson;
      assert.deepEqual(out.deleted, []);
      assert.match(out.plan.find((d) => d.digest === index.digest)?.reason ?? '', /could not be read \(.*HTTP 500/);
      for (const digest of [amd.digest, orphan.digest]) assert.match(out.plan.find((d) => d.digest === digest)?.reason ?? '', /could hold this manifest/);
    } finally {
      front.clearFaults();
    }
    for (const digest of [amd.digest, orphan.digest]) assert.equal(await status(repo, digest), 200);
    // Once the index reads again, the same command keeps its child by name and deletes the orphan.
    const again = JSON.parse((await cli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json'])).stdout) as CleanupJson;
    assert.deepEqual(again.deleted, [orphan.digest]);
    assert.equal(await status(repo, amd.digest), 200);
  });

  test('Docker-Content-Digest: not a digest is a ProtocolError; a sha512 that does not verify is a DigestMismatchError', async () => {
    const repo = 'hostile/header';
    const image = await pushImage(targetFor(front), repo, { tag: 'v1', layers: [Buffer.from('hostile header')] });
    const authorization = await targetFor(front).authorize?.(`repository:${repo}:pull`);
    const body = Buffer.from(await (await fetch(`${front.url}/v2/${repo}/manifests/${image.digest}`, { headers: { accept: MANIFEST_ACCEPT, authorization: authorization ?? '' } })).arrayBuffer()).toString('utf8');
    const serve = (header: string) =>
      front.addFault({ method: 'GET', pathPrefix: `/v2/${repo}/manifests/v1`, times: 1, respond: { status: 200, headers: { 'content-type': image.mediaType, 'docker-content-digest': header }, body } });
    try {
      serve('md5:0123');
      await assert.rejects(client().getManifest(repo, 'v1'), (error: unknown) => error instanceof ProtocolError && /Docker-Content-Digest header that is not a digest \("md5:0123"\)/.test(error.message));
      serve(`sha512:${'b'.repeat(128)}`);
      await assert.rejects(client().getManifest(repo, 'v1'), DigestMismatchError);
      serve('sha256:../..');
      await assert.rejects(client().getManifest(repo, 'v1'), /not a digest/);
    } finally {
      front.clearFaults();
    }
    assert.equal((await client().getManifest(repo, 'v1')).digest, image.digest);
  });
});

describe('an /acr/v1 answer without its list key is a protocol error naming the URL', () => {
  test('tags: a page without "tags" fails instead of printing no tags', async () => {
    const repo = 'hostile/nokey';
    await pushImage(targetFor(front), repo, { tag: 'v1', layers: [Buffer.from('no key')] });
    front.addFault({ method: 'GET', pathRegex: /^\/acr\/v1\/hostile\/nokey\/_tags\?/, times: 50, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registry: front.host, imageName: repo }) } });
    try {
      const run = await cli(['tags', front.host, repo, '--format', 'json']);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, new RegExp(`GET http://${front.host.replace(/\./g, '\\.')}/acr/v1/hostile/nokey/_tags\\?n=\\d+ has no "tags" list`));
      assert.equal(run.stdout, '');
    } finally {
      front.clearFaults();
    }
  });

  test('cleanup: a _manifests page without "manifests" fails and deletes nothing', async () => {
    const repo = 'hostile/nomanifests';
    const orphan = await pushImage(targetFor(front), repo, { layers: [Buffer.from('no manifests key')] });
    front.addFault({ method: 'GET', pathRegex: /^\/acr\/v1\/hostile\/nomanifests\/_manifests\?/, times: 50, respond: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"registry":"x","imageName":"hostile/nomanifests"}' } });
    try {
      const run = await cli(['cleanup', front.host, repo, '--untagged', '--yes']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /\/acr\/v1\/hostile\/nomanifests\/_manifests\?n=100 has no "manifests" list/);
    } finally {
      front.clearFaults();
    }
    assert.equal(await status(repo, orphan.digest), 200);
  });
});

describe('manifests errors say "listing manifests"', () => {
  test('on a plain registry, an unknown repository', async () => {
    const run = await runCli(['manifests', plain.host, 'no/such-repo'], { dockerConfig: docker.dir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^acr-doctor manifests: .*while listing manifests of no\/such-repo/m);
  });

  test('behind the ACR front, an index that cannot be read is named on stderr', async () => {
    const repo = 'hostile/listed';
    const amd = await pushImage(targetFor(front), repo, { layers: [Buffer.from('listed amd64')] });
    const index = await pushIndex(targetFor(front), repo, [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }], 'latest');
    front.addFault({ method: 'GET', pathPrefix: `/v2/${repo}/manifests/${index.digest}`, times: 50, respond: { status: 500, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"code":"UNKNOWN","message":"down"}]}' } });
    try {
      const run = await cli(['manifests', front.host, repo, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`warning: listing manifests of ${repo}: ${index.digest} could not be read \\(.*listing manifests of ${repo}`));
    } finally {
      front.clearFaults();
    }
  });
});
