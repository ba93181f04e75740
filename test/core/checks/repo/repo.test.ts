// repo.* against the ACR front: existence (ACR's 401 for a missing repository), near matches, locks, name format.
import { Secret } from '../../../../src/core/secret';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAllChecks } from '../../../../src/core/checks/engine';
import type { CheckResult } from '../../../../src/core/checks/types';
import type { AcrFrontInternals } from '../../../fixtures/registry/index';
import { USER, emptySystem, presentedNetwork, startSeededFront } from '../support';

let front: AcrFrontInternals;
before(async () => {
  front = await startSeededFront();
});
after(async () => {
  await front?.stop();
});

function run(repository: string, reference: string | undefined, only: string[], credential: 'basic' | 'anonymous' = 'basic'): Promise<Record<string, CheckResult>> {
  return runAllChecks({
    target: { registry: front.host, repository, reference },
    credential: credential === 'basic' ? { kind: 'basic', username: USER.username, password: new Secret(USER.password) } : { kind: 'anonymous' },
    system: emptySystem(),
    network: presentedNetwork({}),
    only,
  }).then((rs) => Object.fromEntries(rs.map((r) => [r.id, r])));
}

describe('repo.tag-exists', () => {
  test('an existing tag passes', async () => {
    const r = await run('app/web', '1.0', ['repo.tag-exists']);
    assert.equal(r['repo.tag-exists'].status, 'pass', r['repo.tag-exists'].summary);
  });
  test('a missing tag fails with the near match', async () => {
    const r = await run('app/web', '1.1', ['repo.tag-exists']);
    assert.equal(r['repo.tag-exists'].status, 'fail');
    assert.match(r['repo.tag-exists'].summary, /no tag "1\.1".*did you mean 1\.0\?/);
  });
  test('a missing repository (ACR answers 401, not 404) is told apart through the catalog, with a suggestion', async () => {
    const r = await run('app/webb', '1.0', ['repo.tag-exists']);
    assert.equal(r['repo.tag-exists'].status, 'fail', r['repo.tag-exists'].summary);
    assert.match(r['repo.tag-exists'].summary, /Repository app\/webb does not exist; did you mean app\/web\?/);
  });
  test('without catalog rights a 401 stays ambiguous and says so', async () => {
    const r = await run('app/webb', '1.0', ['repo.tag-exists'], 'anonymous');
    assert.equal(r['repo.tag-exists'].status, 'warn', r['repo.tag-exists'].summary);
    assert.match(r['repo.tag-exists'].summary, /cannot tell a missing repository from a missing permission/);
  });
});

describe('repo.locked', () => {
  test('unlocked passes; a write-locked repository warns; a read-locked tag fails, with the unlock commands', async () => {
    assert.equal((await run('app/web', '1.0', ['repo.locked']))['repo.locked'].status, 'pass');
    front.lockRepository('app/web', { writeEnabled: false });
    const w = (await run('app/web', '1.0', ['repo.locked']))['repo.locked'];
    assert.equal(w.status, 'warn', w.summary);
    assert.match(w.summary, /repository writeEnabled false/);
    front.lockTag('app/web', '1.0', { readEnabled: false });
    const f = (await run('app/web', '1.0', ['repo.locked']))['repo.locked'];
    assert.equal(f.status, 'fail', f.summary);
    assert.match(f.summary, /tag readEnabled false/);
    assert.ok(f.fixes?.some((x) => x.kind === 'command' && x.command.includes('--image app/web:1.0')));
    front.lockRepository('app/web', { writeEnabled: true });
    front.lockTag('app/web', '1.0', { readEnabled: true });
  });
});

describe('repo.name-format', () => {
  test('upper case is refused with the lowercase fix; dependents are skipped naming it', async () => {
    const r = await run('App/Web', '1.0', ['repo.name-format', 'repo.tag-exists']);
    assert.equal(r['repo.name-format'].status, 'fail');
    assert.ok(r['repo.name-format'].fixes?.some((f) => f.kind === 'command' && f.command.endsWith('/app/web:1.0')));
    assert.match(r['repo.tag-exists'].summary, /repo\.name-format failed/);
  });
});
