import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../support/cliHarness';

const FIREWALL = `Error response from daemon: Get "https://prodacr.azurecr.io/v2/": denied: client with IP '20.61.12.4' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`;
const NOT_FOUND = 'Failed to pull image "prodacr.azurecr.io/team/api:v2": failed to resolve reference "prodacr.azurecr.io/team/api:v2": prodacr.azurecr.io/team/api:v2: not found';

describe('acr-doctor explain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-doctor-explain-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('TEXT: what it names, what it means, causes in order with their checks, the concrete next step and the check-health line', async () => {
    const run = await runCli(['explain', FIREWALL]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^line 1: denied: client with IP '…' is not allowed access$/m);
    assert.match(run.stdout, /names: prodacr\.azurecr\.io · client IP 20\.61\.12\.4/);
    assert.match(run.stdout, /1\. The client IP named in the message is not in the registry's IP rules\.\n {7}decided by: net\.firewall\n {7}next step: az acr network-rule add -n prodacr --ip-address 20\.61\.12\.4/);
    assert.match(run.stdout, /find out which: acr-doctor check-health prodacr\.azurecr\.io --only net\.firewall,tasks\.network-bypass,registry\.private-endpoints,net\.dns$/m);
  });

  test('stdin with -, and a log file with --file, give each message once with its line number', async () => {
    const log = `build step 1\n${FIREWALL}\n${FIREWALL}\nok\n${NOT_FOUND}\n`;
    const file = join(dir, 'ci.log');
    writeFileSync(file, log);
    for (const args of [['explain', '-'], ['explain', '--file', file]]) {
      const run = await runCli([...args, '--format', 'json'], { stdin: log, cwd: dir });
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { messages: Array<{ id: string; line: number; occurrences: number; facts: Record<string, string>; checkHealth?: string }> };
      assert.deepEqual(json.messages.map((m) => [m.id, m.line, m.occurrences]), [['firewall-ip-denied', 2, 2], ['manifest-unknown', 5, 1]]);
      assert.deepEqual(json.messages[1].facts, { loginServer: 'prodacr.azurecr.io', repository: 'team/api', reference: 'v2' });
      assert.equal(json.messages[1].checkHealth, 'acr-doctor check-health prodacr.azurecr.io --repository team/api:v2 --only repo.tag-exists,registry.retention,registry.soft-delete');
    }
  });

  test('piped input without "-" is read too', async () => {
    const run = await runCli(['explain'], { stdin: NOT_FOUND });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^line 1: manifest unknown/m);
  });

  test('markdown for a ticket keeps log text inside code blocks', async () => {
    const run = await runCli(['explain', '--format', 'markdown', 'unauthorized: authentication required <script>alert(1)</script>']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^## Line 1: unauthorized: authentication required$/m);
    assert.match(run.stdout, /```\nunauthorized: authentication required <script>alert\(1\)<\/script>\n```/);
    assert.doesNotMatch(run.stdout.replace(/```[\s\S]*?```/g, ''), /<script>/);
  });

  test('control characters from the log reach the terminal escaped, in the excerpt and in what it names', async () => {
    // ESC sequences are stripped before matching (colour codes in CI logs); a lone C1 CSI or BEL is shown escaped.
    const run = await runCli(['explain', '-'], { stdin: 'manifest unknown: manifest tagged by "v1\u001b]0;pwned\u0007" is not found \u009b2J \u0007\n' });
    assert.equal(run.code, 0, run.stderr);
    // eslint-disable-next-line no-control-regex -- asserting no control character got through
    assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(run.stdout, /\\u009b2J \\x07/);
    assert.match(run.stdout, /names: tag v1$/m);
  });

  test('nothing recognised: exit 1 with a next step', async () => {
    const run = await runCli(['explain', 'Login Succeeded']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /No known registry failure message found\..*check-health/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await runCli(['explain', '--format', 'sarif', 'x'])).code, 2);
    assert.equal((await runCli(['explain', '--file', join(dir, 'missing.log')])).code, 2);
    assert.equal((await runCli(['explain', '--file', dir])).code, 2, 'a folder is not a log file');
    assert.equal((await runCli(['explain', 'text', '--file', join(dir, 'ci.log')])).code, 2);
  });
});
