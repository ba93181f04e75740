import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { allCheckMeta } from '../../../src/core/checks/catalogue';
import { explainText, MESSAGE_FAMILIES } from '../../../src/core/explain/index';
import { NEAR_MISSES, WORDINGS } from './wordings';

const FAILURE_MESSAGES = resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'failure-messages.md');

describe('explain catalogue', () => {
  test('every row of failure-messages.md has a family, and every family at least two real wordings', () => {
    const rows = [...readFileSync(FAILURE_MESSAGES, 'utf8').matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    assert.equal(rows.length, 24);
    assert.deepEqual(MESSAGE_FAMILIES.map((f) => f.row), rows);
    for (const family of MESSAGE_FAMILIES) {
      const count = WORDINGS.filter((w) => w.family === family.id).length;
      assert.ok(count >= 2, `${family.id} has ${count} wordings`);
    }
  });

  test('ids are unique, causes are unique per family, and every check a cause names is implemented (FAQ-MAP ids and our own)', () => {
    // A check a cause names must be implemented, or the cause could never be decided (FAQ-MAP's ids all are: checks/catalogue.test.ts).
    const known = new Set(allCheckMeta().map((meta) => meta.id));
    assert.equal(new Set(MESSAGE_FAMILIES.map((f) => f.id)).size, MESSAGE_FAMILIES.length);
    for (const family of MESSAGE_FAMILIES) {
      assert.equal(new Set(family.causes.map((c) => c.id)).size, family.causes.length, family.id);
      assert.ok(family.causes.length > 0, family.id);
      for (const cause of family.causes) for (const check of cause.checks) assert.ok(known.has(check), `${family.id}/${cause.id}: unknown check ${check}`);
      for (const keyword of family.keywords) {
        assert.equal(keyword, keyword.toLowerCase(), `${family.id}: keywords are lower case`);
        assert.ok(keyword.length >= 11, `${family.id}: keyword '${keyword}' is shorter than 11 characters (the pre-filter's skip)`);
      }
      for (const id of family.supersedes ?? []) assert.ok(MESSAGE_FAMILIES.some((f) => f.id === id), `${family.id} supersedes unknown ${id}`);
    }
  });

  for (const wording of WORDINGS) {
    test(`${wording.family} (${wording.source}): recognised with exactly what it names`, () => {
      const found = explainText(wording.text);
      assert.deepEqual(found.map((r) => r.family.id), [wording.family], `recognised ${found.map((r) => r.family.id).join(', ') || 'nothing'} in: ${wording.text}`);
      assert.deepEqual(found[0].facts, wording.facts);
    });
  }

  for (const line of NEAR_MISSES) {
    test(`near miss is not recognised: ${line.slice(0, 60)}`, () => {
      assert.deepEqual(explainText(line).map((r) => r.family.id), []);
    });
  }
});

describe('cause order follows what the message says', () => {
  const causesOf = (text: string) => explainText(text)[0].causes.map((c) => c.id);

  test('a push denied after "The push refers to repository [docker.io/…]" is first of all an untagged image', () => {
    const log = 'The push refers to repository [docker.io/library/myapp]\n5f70bf18a086: Preparing\ndenied: requested access to the resource is denied\n';
    const [r] = explainText(log);
    assert.equal(r.line, 3);
    assert.deepEqual(r.facts, { loginServer: 'docker.io', repository: 'library/myapp' });
    assert.equal(r.causes[0].id, 'not-tagged-with-login-server');
  });

  test('a push denied by an ACR is first of all a missing push role', () => {
    const log = 'The push refers to repository [myreg.azurecr.io/web]\ndenied: requested access to the resource is denied\n';
    assert.equal(causesOf(log)[0], 'no-push-permission');
  });

  test('a refresh-token 429 is throttling, a 401 propagation first', () => {
    assert.equal(causesOf("Access to registry 'a.azurecr.io' was denied. Response code: 429. Please try running 'az login' again to refresh permissions.")[0], 'throttled');
    assert.equal(causesOf("Access to registry 'a.azurecr.io' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.")[0], 'role-propagation');
  });

  test('unauthorized with a mixed-case login server is the F25 case first; with a repository, a missing repository first', () => {
    assert.equal(causesOf('Error response from daemon: Get "https://MyReg.azurecr.io/v2/": unauthorized: authentication required')[0], 'mixed-case-login-server');
    assert.equal(causesOf('Error response from daemon: Head "https://myreg.azurecr.io/v2/app/manifests/1": unauthorized: authentication required')[0], 'repository-missing');
  });

  test('x509 on a layer download points at the blob host first', () => {
    assert.equal(causesOf('error pulling image configuration: download failed after attempts=6: x509: certificate signed by unknown authority')[0], 'only-blob-host');
  });
});
