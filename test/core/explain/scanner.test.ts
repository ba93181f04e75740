import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ExplainScanner, explainText, locateMessages, MESSAGE_FAMILIES } from '../../../src/core/explain/index';
import { WORDINGS } from './wordings';

/** A GitHub Actions log of a deploy job that fails three ways, with timestamps, groups and colour codes. */
function ciLog(): string {
  const lines: string[] = [];
  const stamp = (i: number) => `2026-11-30T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.1234567Z`;
  let i = 0;
  const add = (text: string) => lines.push(`${stamp(i++)} ${text}`);
  add('##[group]Run azure/login@v2');
  for (let k = 0; k < 40; k++) add(`Step ${k}: npm ci output line ${k} (added 12 packages)`);
  add('##[endgroup]');
  add('##[group]Run docker push');
  add('The push refers to repository [docker.io/library/webapp]');
  add('5f70bf18a086: Preparing');
  add('\u001b[31mdenied: requested access to the resource is denied\u001b[0m'); // line 46
  add('##[error]Process completed with exit code 1.');
  for (let k = 0; k < 30; k++) add(`retrying in ${k}s`);
  add(`Error response from daemon: Get "https://prodacr.azurecr.io/v2/": denied: client with IP '20.61.12.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`); // line 78
  add(`Error response from daemon: Get "https://prodacr.azurecr.io/v2/": denied: client with IP '20.61.12.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`);
  add('  Warning  Failed  12s  kubelet  Failed to pull image "prodacr.azurecr.io/team/api:v2": rpc error: code = NotFound desc = failed to pull and unpack image "prodacr.azurecr.io/team/api:v2": failed to resolve reference "prodacr.azurecr.io/team/api:v2": prodacr.azurecr.io/team/api:v2: not found'); // line 80
  add('##[error]Process completed with exit code 1.');
  return `${lines.join('\n')}\n`;
}

describe('explain scanner', () => {
  test('a CI log with several failures is explained in order, each once, with its line and count', () => {
    const found = explainText(ciLog());
    assert.deepEqual(
      found.map((r) => [r.line, r.family.id, r.occurrences]),
      [
        [46, 'push-denied', 1],
        [78, 'firewall-ip-denied', 2],
        [80, 'manifest-unknown', 1],
      ],
    );
    assert.deepEqual(found[0].facts, { loginServer: 'docker.io', repository: 'library/webapp' }, 'colour codes stripped, context read');
    assert.equal(found[0].causes[0].id, 'not-tagged-with-login-server');
    assert.deepEqual(found[1].facts, { loginServer: 'prodacr.azurecr.io', clientIp: '20.61.12.4' });
    assert.deepEqual(found[2].facts, { loginServer: 'prodacr.azurecr.io', repository: 'team/api', reference: 'v2' });
  });

  test('streamed in chunks of any size, the result is the same as for the whole text', () => {
    const log = ciLog();
    const whole = JSON.stringify(explainText(log).map((r) => [r.line, r.family.id, r.occurrences, r.facts]));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const scanner = new ExplainScanner();
        let at = 0;
        for (let k = 0; at < log.length; k++) {
          const size = sizes[k % sizes.length];
          scanner.push(log.slice(at, at + size));
          at += size;
        }
        assert.equal(JSON.stringify(scanner.end().map((r) => [r.line, r.family.id, r.occurrences, r.facts])), whole);
      }),
      { numRuns: 150 },
    );
  });

  test('CRLF line ends and a last line without a newline are read like any other', () => {
    const text = 'ok\r\nstill ok\r\nError response from daemon: manifest for myreg.azurecr.io/app:v9 not found: manifest unknown';
    const [r] = explainText(text);
    assert.equal(r.line, 3);
    assert.equal(r.family.id, 'manifest-unknown');
    assert.deepEqual(r.facts, { loginServer: 'myreg.azurecr.io', repository: 'app', reference: 'v9' });
  });

  test('a message inside a 1 MB line is found, and the excerpt stays short', () => {
    const filler = 'x'.repeat(600_000);
    const [r] = explainText(`${filler} toomanyrequests: Too many requests ${filler}\nnext`);
    assert.equal(r.family.id, 'too-many-requests');
    assert.equal(r.line, 1);
    assert.ok(r.excerpt.length <= 402, `excerpt of ${r.excerpt.length} characters`);
  });

  test('a line longer than the cap is scanned in pieces without losing the line count', () => {
    const scanner = new ExplainScanner();
    scanner.push('first\n');
    for (let k = 0; k < 5; k++) scanner.push('y'.repeat(512 * 1024));
    scanner.push('\nblob upload unknown to registry\n');
    assert.deepEqual(scanner.end().map((r) => [r.line, r.family.id]), [[3, 'blob-upload-unknown']]);
  });

  // A hang guard, not a speed target (npm run bench measures speed): catastrophic backtracking on a 1 MB
  // line would take hours, so the test timeout catches it.
  test('no input makes the matcher throw, and adversarial 1 MB lines finish', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(...WORDINGS.map((w) => w.text)), fc.nat(2000), (noise, wording, cut) => {
        explainText(noise);
        explainText(`${noise.slice(0, cut)}${wording}${noise.slice(cut)}`);
        explainText(wording.slice(0, cut % (wording.length + 1)));
      }),
      { numRuns: 300 },
    );
    const pieces = ['a', '.', '-', '/', ':', '0', ' ', "'", '"', 'lookup ', 'dial tcp ', 'client with IP \'', 'x.azurecr.io', 'certificate is valid for ', '/v2/', 'scope=repository:'];
    for (const family of MESSAGE_FAMILIES) for (const keyword of family.keywords) pieces.push(keyword);
    for (const piece of pieces) {
      const line = piece.repeat(Math.ceil(1_000_000 / piece.length));
      explainText(line);
      explainText(`${line.slice(0, 500_000)} unauthorized: authentication required ${line.slice(0, 500_000)}`);
    }
  });
});

describe('locateMessages (terminal links)', () => {
  test('each recognised message of a line with its exact span; the specific message hides the generic one', () => {
    const line = 'Failed to pull image "r.azurecr.io/a:1": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized';
    const spans = locateMessages(line);
    assert.deepEqual(spans.map((s) => [s.familyId, line.slice(s.start, s.start + s.length)]), [['anonymous-token-401', 'failed to fetch anonymous token']]);
  });

  test('every wording is located in its line, and near misses are not', () => {
    for (const wording of WORDINGS) {
      const first = wording.text.split('\n').find((l) => locateMessages(l).length > 0);
      assert.ok(first, `${wording.family}: no line of the wording is located`);
    }
    assert.deepEqual(locateMessages('Login Succeeded'), []);
    assert.deepEqual(locateMessages('git@github.com: Permission denied (publickey).'), []);
  });
});
