// The registry commands end to end, in-process (main() with a captured CliIO),
// against real docker-registry 2.8 instances on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  MANIFEST_ACCEPT,
  pushImage,
  seedStandard,
  startAcrFront,
  startDockerRegistry,
  targetFor,
  type AcrFrontInternals,
  type RunningRegistry,
  type StandardSeed,
} from '../../fixtures/registry/index';
import { dockerConfigDir, runCli } from '../../support/cliHarness';

/** A plain registry (no auth), an htpasswd one, and an ACR-compatible front (untagged manifests are only listable there). */
let open: RunningRegistry;
let locked: RunningRegistry;
let front: AcrFrontInternals;
let seed: StandardSeed;
let acrSeed: StandardSeed;
const config = dockerConfigDir();
/** A Docker config holding an ACR refresh token for the front, as `az acr login` leaves it. */
let acrConfig: { dir: string; cleanup: () => void } | undefined;
const ENTRA_TOKEN = 'fixture-entra-access-token';
let acrRefreshToken = '';

before(async () => {
  [open, locked, front] = await Promise.all([
    startDockerRegistry({ auth: 'none' }),
    startDockerRegistry({ auth: 'htpasswd' }),
    startAcrFront({ entraTokens: { [ENTRA_TOKEN]: { tenant: 'fixture-tenant', oid: 'fixture-user' } } }),
  ]);
  [seed, acrSeed] = await Promise.all([seedStandard(targetFor(open), { repositories: 3, tags: 12 }), seedStandard(targetFor(front), { repositories: 3, tags: 12 })]);
  await pushImage(targetFor(locked), 'private/app', { tag: 'v1' });
  const exchange = await fetch(`${front.url}/oauth2/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'access_token', service: front.loginServerName, tenant: 'fixture-tenant', access_token: ENTRA_TOKEN }),
  });
  assert.equal(exchange.status, 200);
  const { refresh_token: refreshToken } = (await exchange.json()) as { refresh_token: string };
  acrRefreshToken = refreshToken;
  acrConfig = dockerConfigDir({ auths: { [front.host]: { auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'), identitytoken: refreshToken } } });
});

after(async () => {
  await Promise.all([open?.stop(), locked?.stop(), front?.stop()]);
  config.cleanup();
  acrConfig?.cleanup();
});

const cli = (argv: string[], stdin?: string) => runCli(argv, { dockerConfig: config.dir, stdin });
/** The CLI against the ACR front, logged in through the Docker config's identity token. */
const acrCli = (argv: string[]) => runCli(argv, { dockerConfig: acrConfig?.dir ?? '' });
const json = <T>(text: string): T => JSON.parse(text) as T;

/** Status of a manifest by digest, straight from the registry's storage API (not through our client). */
async function manifestStatus(registry: RunningRegistry | AcrFrontInternals, repo: string, digest: string): Promise<number> {
  const authorization = await targetFor(registry).authorize?.(`repository:${repo}:pull`);
  const response = await fetch(`${registry.url}/v2/${repo}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) },
  });
  return response.status;
}

describe('repos', () => {
  test('--format json lists every repository', async () => {
    const run = await cli(['repos', open.host, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json<{ repositories: string[] }>(run.stdout).repositories.sort(), [...seed.repositories].sort());
  });

  test('text: a header and one repository per line; no progress when stderr is not a TTY', async () => {
    const run = await cli(['repos', open.host]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'REPOSITORY');
    assert.deepEqual(lines.slice(1).sort(), [...seed.repositories].sort());
    assert.equal(run.stderr, '');
  });

  test('progress goes to stderr only when it is a TTY, never to stdout', async () => {
    const run = await runCli(['repos', open.host, '--format', 'json'], { dockerConfig: config.dir, stderrIsTTY: true });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /Listing repositories/);
    assert.doesNotThrow(() => JSON.parse(run.stdout));
  });

  test('an unreachable registry fails with exit 1 and a message', async () => {
    const run = await cli(['repos', '127.0.0.1:1']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /acr-doctor repos: \S/);
    assert.equal(run.stdout, '');
  });
});

describe('tags', () => {
  test('--format json: every tag with its digest', async () => {
    const run = await cli(['tags', open.host, seed.bigRepo, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const tags = json<{ tags: Array<{ name: string; digest?: string }> }>(run.stdout).tags;
    assert.deepEqual(tags.map((t) => t.name), [...seed.bigRepoTags].sort(), 'every tag, sorted by name');
    for (const tag of tags) assert.match(tag.digest ?? '', /^sha256:[0-9a-f]{64}$/, tag.name);
    assert.ok(new Set(tags.map((t) => t.digest)).size > 1, 'the big repo spreads its tags over several images');
  });

  test('on a TTY, resolving digests shows progress on stderr; stdout stays pure JSON', async () => {
    const run = await runCli(['tags', open.host, seed.bigRepo, '--format', 'json'], { dockerConfig: config.dir, stderrIsTTY: true });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`Resolving digests of ${seed.bigRepo} ${seed.bigRepoTags.length}/${seed.bigRepoTags.length}`));
    assert.equal(json<{ tags: unknown[] }>(run.stdout).tags.length, seed.bigRepoTags.length);
  });

  test('--no-digests skips per-tag lookups on a plain registry', async () => {
    const run = await cli(['tags', open.host, seed.bigRepo, '--format', 'json', '--no-digests']);
    assert.equal(run.code, 0, run.stderr);
    const tags = json<{ tags: Array<{ name: string; digest?: string }> }>(run.stdout).tags;
    assert.equal(tags.length, seed.bigRepoTags.length);
    assert.ok(tags.every((t) => t.digest === undefined));
  });

  test('text: aligned TAG / DIGEST columns', async () => {
    const run = await cli(['tags', open.host, seed.multiArch.repo]);
    assert.equal(run.code, 0, run.stderr);
    const [header, row] = run.stdout.trimEnd().split('\n');
    assert.match(header, /^TAG\s+DIGEST\s+UPDATED$/);
    assert.equal(row.indexOf(seed.multiArch.index), header.indexOf('DIGEST'));
    assert.ok(row.startsWith('latest '));
  });

  test('an unknown repository fails with exit 1 and names it', async () => {
    const run = await cli(['tags', open.host, 'no/such-repo']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no\/such-repo/);
  });
});

describe('manifests', () => {
  interface Row { digest: string; mediaType?: string; size?: number; tags: string[]; platform?: { os: string; architecture: string; variant?: string }; referencedBy: string[] }

  test('--format json: a tagged index, its untagged platform children referenced by it', async () => {
    const run = await acrCli(['manifests', front.host, acrSeed.multiArch.repo, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const rows = json<{ manifests: Row[] }>(run.stdout).manifests;
    const byDigest = new Map(rows.map((row) => [row.digest, row]));
    assert.deepEqual(byDigest.get(acrSeed.multiArch.index)?.tags, ['latest']);
    for (const child of acrSeed.multiArch.children) {
      const row = byDigest.get(child);
      assert.ok(row, `child ${child} listed`);
      assert.deepEqual(row.tags, []);
      assert.deepEqual(row.referencedBy, [acrSeed.multiArch.index]);
      assert.equal(row.platform?.os, 'linux');
      assert.ok(row.size && row.size > 0);
      assert.ok(row.mediaType);
    }
    const allowed = new Set(['digest', 'mediaType', 'size', 'tags', 'platform', 'referencedBy']);
    for (const row of rows) assert.deepEqual(Object.keys(row).filter((key) => !allowed.has(key)), [], 'only the documented fields');
  });

  test('--untagged lists only untagged manifests; a signature references its subject', async () => {
    const run = await acrCli(['manifests', front.host, acrSeed.signed.repo, '--untagged', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const rows = json<{ manifests: Row[] }>(run.stdout).manifests;
    assert.deepEqual(rows.map((row) => row.digest), [acrSeed.signed.referrer]);
    const all = json<{ manifests: Row[] }>((await acrCli(['manifests', front.host, acrSeed.signed.repo, '--format', 'json'])).stdout).manifests;
    assert.deepEqual(all.find((row) => row.digest === acrSeed.signed.subject)?.referencedBy, [acrSeed.signed.referrer]);
  });

  test('on a plain registry: index children are listed, and a note says untagged orphans are invisible', async () => {
    const run = await cli(['manifests', open.host, seed.orphans.repo, '--untagged', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /note: .*only manifests reachable from a tag are listed/);
    assert.doesNotThrow(() => JSON.parse(run.stdout));
    const children = json<{ manifests: Row[] }>((await cli(['manifests', open.host, seed.multiArch.repo, '--untagged', '--format', 'json'])).stdout).manifests;
    assert.deepEqual(children.map((row) => row.digest).sort(), [...seed.multiArch.children].sort());
  });

  test('text: columns with <untagged> and short referencing digests', async () => {
    const run = await acrCli(['manifests', front.host, acrSeed.multiArch.repo]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^DIGEST\s+TAGS\s+TYPE\s+PLATFORM\s+SIZE\s+REFERENCED BY$/);
    assert.equal(lines.length, 1 + 1 + acrSeed.multiArch.children.length);
    assert.equal(lines.filter((line) => line.includes('<untagged>')).length, acrSeed.multiArch.children.length);
    assert.ok(lines.some((line) => line.includes('linux/arm64')));
    assert.ok(lines.some((line) => line.endsWith(acrSeed.multiArch.index.slice(0, 'sha256:'.length + 12))));
  });
});

describe('cleanup', () => {
  interface Plan { plan: Array<{ digest: string; action: 'delete' | 'keep'; reason: string }>; deleted: string[] }

  test('dry run (the default) plans the orphans and deletes nothing', async () => {
    const run = await acrCli(['cleanup', front.host, acrSeed.orphans.repo, '--untagged', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const out = json<Plan>(run.stdout);
    assert.deepEqual(out.deleted, []);
    assert.deepEqual(out.plan.filter((d) => d.action === 'delete').map((d) => d.digest).sort(), [...acrSeed.orphans.digests].sort());
    for (const decision of out.plan) assert.ok(decision.reason.length > 0);
    for (const digest of acrSeed.orphans.digests) assert.equal(await manifestStatus(front, acrSeed.orphans.repo, digest), 200);

    const text = await acrCli(['cleanup', front.host, acrSeed.orphans.repo, '--untagged', '--dry-run']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^ACTION\s+DIGEST\s+REASON/);
    assert.match(text.stdout, new RegExp(`Dry run: nothing was deleted.*acr-doctor cleanup ${front.host.replace(/\./g, '\\.')} seed/orphans --untagged --yes`));
    for (const digest of acrSeed.orphans.digests) assert.equal(await manifestStatus(front, acrSeed.orphans.repo, digest), 200);
  });

  test('--yes never deletes platform manifests of a tagged index or a kept image\'s signature', async () => {
    for (const repo of [acrSeed.multiArch.repo, acrSeed.signed.repo]) {
      const run = await acrCli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const out = json<Plan>(run.stdout);
      assert.deepEqual(out.deleted, [], repo);
      assert.ok(out.plan.every((d) => d.action === 'keep'), repo);
    }
    for (const child of acrSeed.multiArch.children) assert.equal(await manifestStatus(front, acrSeed.multiArch.repo, child), 200);
    assert.equal(await manifestStatus(front, acrSeed.signed.repo, acrSeed.signed.referrer), 200);
  });

  test('--yes deletes exactly the orphans, reports each, and keeps the tagged image', async () => {
    const authorization = (await targetFor(front).authorize?.(`repository:${acrSeed.orphans.repo}:pull`)) ?? '';
    const tagged = await fetch(`${front.url}/v2/${acrSeed.orphans.repo}/manifests/v1`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT, authorization } });
    const taggedDigest = tagged.headers.get('docker-content-digest');
    assert.ok(taggedDigest);
    const run = await acrCli(['cleanup', front.host, acrSeed.orphans.repo, '--untagged', '--yes']);
    assert.equal(run.code, 0, run.stderr);
    for (const digest of acrSeed.orphans.digests) {
      assert.match(run.stdout, new RegExp(`deleted ${digest}`));
      assert.equal(await manifestStatus(front, acrSeed.orphans.repo, digest), 404);
    }
    assert.match(run.stdout, /Deleted 2 of 2 manifest\(s\)\./);
    assert.equal(await manifestStatus(front, acrSeed.orphans.repo, taggedDigest), 200);

    const again = await acrCli(['cleanup', front.host, acrSeed.orphans.repo, '--untagged', '--yes', '--format', 'json']);
    assert.equal(again.code, 0);
    assert.deepEqual(json<Plan>(again.stdout).deleted, []);
  });
});

describe('cleanup when the registry refuses a delete', () => {
  test('exit 1, the failure on stderr, and `failed` in the JSON; nothing reported as deleted', async () => {
    const repo = 'refuse/orphans';
    await pushImage(targetFor(front), repo, { tag: 'v1' });
    const orphan = await pushImage(targetFor(front), repo, {});
    front.addFault({
      method: 'DELETE',
      pathPrefix: `/v2/${repo}/manifests/`,
      times: 10,
      respond: { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'delete refused by policy' }] }) },
    });
    try {
      const run = await acrCli(['cleanup', front.host, repo, '--untagged', '--yes', '--format', 'json']);
      assert.equal(run.code, 1, run.stderr);
      const out = json<{ plan: Array<{ digest: string; action: string }>; deleted: string[]; failed: Array<{ digest: string; code: string; message: string }> }>(run.stdout);
      assert.deepEqual(out.deleted, []);
      assert.deepEqual(out.failed.map((f) => f.digest), [orphan.digest]);
      assert.match(out.failed[0].code, /^REGISTRY_/);
      assert.match(run.stderr, new RegExp(`could not delete ${orphan.digest}`));
      assert.equal(await manifestStatus(front, repo, orphan.digest), 200);
    } finally {
      front.clearFaults();
    }
  });
});

describe('credentials against an htpasswd registry', () => {
  test('--username with --password-stdin', async () => {
    const user = locked.users[0];
    const run = await cli(['repos', locked.host, '--format', 'json', '--username', user.username, '--password-stdin'], `${user.password}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json<{ repositories: string[] }>(run.stdout).repositories, ['private/app']);
  });

  test('the Docker config auths entry is used when no flag is given', async () => {
    const user = locked.users[0];
    const withAuth = dockerConfigDir({ auths: { [locked.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } });
    try {
      const run = await runCli(['tags', locked.host, 'private/app', '--format', 'json'], { dockerConfig: withAuth.dir });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(json<{ tags: Array<{ name: string }> }>(run.stdout).tags.map((t) => t.name), ['v1']);
    } finally {
      withAuth.cleanup();
    }
  });

  test('a wrong password fails with exit 1 and never echoes the password; --trace redacts', async () => {
    const run = await cli(['repos', locked.host, '--username', locked.users[0].username, '--password-stdin', '--trace'], 'wrong-password-123\n');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /acr-doctor repos: /);
    assert.ok(!run.stderr.includes('wrong-password-123'));
    assert.ok(!run.stderr.includes(Buffer.from(`${locked.users[0].username}:wrong-password-123`).toString('base64')));
    assert.match(run.stderr, /\[(trace|debug)\]/, 'the trace shows the requests');
  });

  test('no credentials at all: anonymous, refused with exit 1', async () => {
    const run = await cli(['repos', locked.host]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /acr-doctor repos: \S/);
  });
});

describe('credentials against the ACR front', () => {
  test('tags --order newest on ACR: digests and times come from the listing, newest first', async () => {
    const run = await acrCli(['tags', front.host, acrSeed.bigRepo, '--order', 'newest', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const tags = json<{ tags: Array<{ name: string; digest?: string; lastUpdateTime?: string }> }>(run.stdout).tags;
    assert.deepEqual(tags.map((t) => t.name).sort(), [...acrSeed.bigRepoTags].sort());
    const times = tags.map((t) => Date.parse(t.lastUpdateTime ?? ''));
    assert.ok(times.every((time) => Number.isFinite(time)));
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] >= times[i], `${tags[i - 1].name} before ${tags[i].name}`);
    assert.ok(tags.every((t) => /^sha256:[0-9a-f]{64}$/.test(t.digest ?? '')));
  });

  test('--username 00000000-… --password-stdin takes the password as an ACR refresh token', async () => {
    const run = await runCli(['tags', front.host, acrSeed.signed.repo, '--format', 'json', '--username', '00000000-0000-0000-0000-000000000000', '--password-stdin'], {
      dockerConfig: config.dir,
      stdin: `${acrRefreshToken}\n`,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(json<{ tags: Array<{ name: string; digest: string }> }>(run.stdout).tags.map((t) => [t.name, t.digest]), [[acrSeed.signed.tag, acrSeed.signed.subject]]);
  });

  test('--azure-identity: the Azure sign-in feeds ACR\'s token exchange (as az acr login does); no token is printed', async () => {
    const asked: string[] = [];
    const run = await runCli(['repos', front.host, '--azure-identity', '--format', 'json', '--trace'], {
      dockerConfig: config.dir,
      azureCredential: (cloudName) => ({
        getToken: async (scopes) => {
          asked.push(`${cloudName} ${String(scopes)}`);
          return { token: ENTRA_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
        },
      }),
    });
    assert.equal(run.code, 0, run.stderr);
    const listed = json<{ repositories: string[] }>(run.stdout).repositories;
    for (const repo of acrSeed.repositories) assert.ok(listed.includes(repo), `${repo} missing`);
    assert.deepEqual(asked, ['AzureCloud https://management.azure.com/.default'], 'one Entra token, for ARM\'s audience, shared by the check and the exchange');
    assert.match(run.stderr, /--azure-identity, via ACR's token exchange/);
    assert.ok(!run.stderr.includes(ENTRA_TOKEN) && !run.stdout.includes(ENTRA_TOKEN));
    assert.equal(front.requests.filter((r) => r.path.startsWith('/oauth2/exchange')).length >= 1, true);
  });

  test('--azure-identity with no Azure sign-in fails before any registry request', async () => {
    const before = front.requests.length;
    const run = await runCli(['repos', front.host, '--azure-identity'], { dockerConfig: config.dir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No Azure account is signed in/);
    assert.equal(front.requests.length, before, 'no request reached the registry');
  });

  test('the identity token from the Docker config is never printed, even with --trace', async () => {
    const run = await acrCli(['repos', front.host, '--trace']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /identity \(refresh\) token from /);
    assert.ok(!run.stderr.includes(acrRefreshToken));
    assert.ok(!run.stdout.includes(acrRefreshToken));
  });
});
