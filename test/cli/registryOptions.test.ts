// Usage errors, credential choice before any request, and the pure output helpers (src/cli/output.ts, progress.ts).
import assert from 'node:assert/strict';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { CredentialUnavailableError } from '@azure/identity';
import { defaultSignInSources, signInChain } from '../../src/cli/azureOptions';
import { builtInCloud } from '../../src/core/azure/index';
import { startDockerRegistry } from '../fixtures/registry/index';
import { after, describe, test } from 'node:test';
import { toManifestRows } from '../../src/cli/commands/manifests';
import { createProgress } from '../../src/cli/progress';
import { formatBytes, formatTable } from '../../src/cli/output';
import { parseCommandArgs, parseRegistryArgument, parseRepositoryArgument, registryClientOptions } from '../../src/cli/registryOptions';
import { UsageError } from '../../src/cli/io';
import type { ManifestInfo } from '../../src/core/registry/index';
import { dockerConfigDir, runCli } from '../support/cliHarness';

const config = dockerConfigDir();
after(() => config.cleanup());
const cli = (argv: string[], stdin?: string) => runCli(argv, { dockerConfig: config.dir, stdin });

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

describe('registry commands: usage errors exit 2 and say what to type', () => {
  const cases: Array<{ argv: string[]; message: RegExp }> = [
    { argv: ['repos'], message: /missing REGISTRY/ },
    { argv: ['tags', '127.0.0.1:5000'], message: /missing REPO/ },
    { argv: ['repos', 'https://myreg.azurecr.io'], message: /type 'myreg\.azurecr\.io'/ },
    { argv: ['repos', 'http://127.0.0.1:5000/v2/'], message: /type '127\.0\.0\.1:5000'.*--insecure-http/ },
    { argv: ['tags', 'myreg.azurecr.io/app', 'x'], message: /type 'myreg\.azurecr\.io' and give the repository 'app'/ },
    { argv: ['repos', 'bad host!'], message: /not a registry host\[:port\]/ },
    { argv: ['repos', 'a.example:99999'], message: /not a registry host/ },
    { argv: ['tags', 'a.example', 'app:v1'], message: /without a tag: type 'app'/ },
    { argv: ['tags', 'a.example', 'app@sha256:abc'], message: /without a digest: type 'app'/ },
    { argv: ['tags', 'a.example', 'MyApp'], message: /lower case: type 'myapp'/ },
    { argv: ['tags', 'a.example', 'app', '--order', 'oldest'], message: /--order must be 'name' or 'newest'/ },
    { argv: ['repos', 'a.example', '--format', 'xml'], message: /--format must be 'text' or 'json'/ },
    { argv: ['repos', 'a.example', '--username', 'u'], message: /--username needs --password-stdin/ },
    { argv: ['repos', 'a.example', '--password-stdin'], message: /--password-stdin needs --username/ },
    { argv: ['repos', 'a.example', '--anonymous', '--username', 'u', '--password-stdin'], message: /--anonymous cannot be combined/ },
    { argv: ['repos', 'a.example', '--bogus'], message: /Unknown option '--bogus'/ },
    { argv: ['repos', 'a.example', 'extra'], message: /unexpected argument 'extra'/ },
    { argv: ['cleanup', 'a.example', 'app'], message: /--untagged/ },
    { argv: ['cleanup', 'a.example', 'app', '--untagged', '--yes', '--dry-run'], message: /contradict/ },
  ];
  for (const { argv, message } of cases) {
    test(argv.join(' '), async () => {
      const run = await cli(argv);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      // One line that points to --help, not the whole usage.
      assert.match(run.stderr, new RegExp(`^acr-doctor ${argv[0]}: [^\\n]* Run 'acr-doctor ${argv[0]} --help' for the options\\.\\n$`));
      assert.equal(run.stdout, '');
    });
  }

  test('an empty password on stdin is a usage error, checked before any request', async () => {
    const run = await cli(['repos', '127.0.0.1:1', '--username', 'u', '--password-stdin'], '\n');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /empty password/);
  });

  test('--help prints the usage with the common options', async () => {
    const run = await cli(['manifests', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--untagged/);
    assert.match(run.stdout, /--password-stdin/);
  });
});

describe('credentials', () => {
  test('an *.azurecr.io host without Docker credentials fails (exit 1) and says how to log in', async () => {
    const run = await cli(['repos', 'MyReg.azurecr.io']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No Docker credentials for myreg\.azurecr\.io/);
    assert.match(run.stderr, /signing in with your Azure identity failed: .*No Azure account is signed in/);
    assert.match(run.stderr, /az login/);
    assert.match(run.stderr, /az acr login -n myreg/);
    assert.match(run.stderr, /--username NAME --password-stdin/);
  });

  test('a mixed-case key in the Docker config is named in the failure (F25)', async () => {
    const mixed = dockerConfigDir({ auths: { 'MyReg.azurecr.io': { auth: Buffer.from('u:do-not-print').toString('base64') } } });
    try {
      const run = await runCli(['tags', 'myreg.azurecr.io', 'app'], { dockerConfig: mixed.dir });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /"MyReg\.azurecr\.io"/);
      assert.ok(!run.stderr.includes('do-not-print'));
    } finally {
      mixed.cleanup();
    }
  });
});

describe('argument parsing helpers', () => {
  test('REGISTRY is lower-cased host[:port], IPv6 allowed', () => {
    assert.equal(parseRegistryArgument('MyReg.AzureCR.io'), 'myreg.azurecr.io');
    assert.equal(parseRegistryArgument('127.0.0.1:5000'), '127.0.0.1:5000');
    assert.equal(parseRegistryArgument('[::1]:5000'), '[::1]:5000');
    assert.throws(() => parseRegistryArgument('host:0'), UsageError);
  });
  test('REPO accepts nested lower-case names', () => {
    assert.equal(parseRepositoryArgument('team/app-1/web_ui'), 'team/app-1/web_ui');
    assert.throws(() => parseRepositoryArgument('-app'), UsageError);
    assert.throws(() => parseRepositoryArgument('app//x'), UsageError);
  });
});

describe('output helpers', () => {
  test('formatTable aligns columns and does not pad the last one', () => {
    assert.equal(formatTable(['A', 'BB'], [['long-value', 'x'], ['s', 'yy']]), 'A           BB\nlong-value  x\ns           yy');
  });
  test('formatBytes', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1_234_567), '1.2 MB');
    assert.equal(formatBytes(undefined), '-');
  });
  test('toManifestRows inverts index references and referrer subjects into referencedBy', () => {
    const manifests: ManifestInfo[] = [
      { digest: 'sha256:index', tags: ['latest'], references: ['sha256:amd64', 'sha256:arm64'] },
      { digest: 'sha256:amd64', tags: [], references: [], platform: { os: 'linux', architecture: 'amd64' } },
      { digest: 'sha256:arm64', tags: [], references: [] },
      { digest: 'sha256:sig', tags: [], references: [], subject: 'sha256:index' },
      { digest: 'sha256:orphan', tags: [], references: [] },
    ];
    const rows = new Map(toManifestRows(manifests).map((row) => [row.digest, row]));
    assert.deepEqual(rows.get('sha256:amd64')?.referencedBy, ['sha256:index']);
    assert.deepEqual(rows.get('sha256:arm64')?.referencedBy, ['sha256:index']);
    assert.deepEqual(rows.get('sha256:index')?.referencedBy, ['sha256:sig']);
    assert.deepEqual(rows.get('sha256:orphan')?.referencedBy, []);
    assert.deepEqual(rows.get('sha256:amd64')?.platform, { os: 'linux', architecture: 'amd64' });
  });
});

describe('progress', () => {
  function stream(isTTY: boolean) {
    const written: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        callback();
      },
    });
    return { written, stream: Object.assign(sink, { isTTY }) };
  }
  test('writes nothing when stderr is not a TTY', () => {
    const { written, stream: s } = stream(false);
    const progress = createProgress(s, 'Listing');
    progress.update(1, 10);
    progress.done();
    assert.deepEqual(written, []);
  });
  test('redraws one line on a TTY, throttled, and erases it when done', () => {
    const { written, stream: s } = stream(true);
    let now = 0;
    const progress = createProgress(s, 'Listing', { now: () => now });
    progress.update(1, 10);
    progress.update(2, 10); // within 100 ms: skipped
    now = 150;
    progress.update(3, 10);
    progress.update(10, 10); // the final count is always drawn
    progress.done();
    assert.deepEqual(written, ['\r\x1b[2KListing 1/10', '\r\x1b[2KListing 3/10', '\r\x1b[2KListing 10/10', '\r\x1b[2K']);
  });
});

describe('--timeout and retry waits', () => {
  test('--timeout must be seconds above 0', async () => {
    for (const value of ['0', '-1', 'soon', '']) {
      const run = await cli(['repos', '127.0.0.1:1', '--anonymous', `--timeout=${value}`]);
      assert.equal(run.code, 2, value);
      assert.match(run.stderr, /--timeout is a number of seconds greater than 0/);
    }
  });

  test('a registry that accepts and never answers fails within --timeout per request, with a timeout error', { timeout: 60_000 }, async () => {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const run = await cli(['repos', `127.0.0.1:${(silent.address() as AddressInfo).port}`, '--anonymous', '--timeout', '0.3']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /took longer than 300 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('the client gets --timeout as requestTimeoutMs, and a retry wait is said on stderr', async () => {
    const { common } = parseCommandArgs(['--timeout', '12.5', '--anonymous'], {});
    const captured = { stdout: new Sink(), stderr: new Sink() };
    const io = { ...captured, stdin: Readable.from([]), cwd: '/', env: {}, signal: new AbortController().signal };
    const options = registryClientOptions('127.0.0.1:5000', { kind: 'anonymous' }, common, io);
    assert.equal(options.requestTimeoutMs, 12_500);
    assert.equal(parseCommandArgs([], {}).common.requestTimeoutMs, 30_000, 'default 30 s');
    options.onRetryWait?.({ url: 'http://127.0.0.1:5000/v2/_catalog', attempt: 2, waitMs: 1500, reason: 'HTTP 503 Service Unavailable' });
    assert.equal(captured.stderr.text, 'note: HTTP 503 Service Unavailable; retrying http://127.0.0.1:5000/v2/_catalog in 1.5 s (attempt 2, --timeout 12.5 s in all).\n');
    assert.equal(captured.stdout.text, '');
  });
});

describe('--trace and --verbose', () => {
  test('are one flag with one log line format', async () => {
    const registry = await startDockerRegistry({ auth: 'none' });
    try {
      const traced = await cli(['repos', registry.host, '--trace']);
      const verbose = await cli(['repos', registry.host, '--verbose']);
      assert.equal(verbose.code, 0, verbose.stderr);
      assert.match(traced.stderr, /^\[trace\] HTTP GET http:\/\/127\.0\.0\.1:\d+\/v2\/_catalog/m);
      const shape = (text: string) => text.split('\n').map((line) => line.replace(/\d+(\.\d+)? ?ms/g, 'N ms').replace(/date: [^,}]*/g, 'date'));
      assert.deepEqual(shape(verbose.stderr), shape(traced.stderr));
    } finally {
      await registry.stop();
    }
  });
});

describe('Azure sign-in', () => {
  test('when no sign-in source works, the message names each one tried and how to use it', async () => {
    const sources = defaultSignInSources(builtInCloud('AzureCloud'), undefined, {}).map((source) =>
      source.credential ? { ...source, credential: { getToken: () => Promise.reject(new CredentialUnavailableError(`${source.label} is unavailable. More text the SDK adds.`)) } } : source,
    );
    const run = await runCli(['repos', 'myreg.azurecr.io', '--azure-identity'], { dockerConfig: config.dir, azureCredential: () => signInChain(sources) });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stderr, /ChainedTokenCredential authentication failed/);
    assert.match(run.stderr, /Tried, in order: environment: environment is unavailable \(to use it, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
    assert.match(run.stderr, /; workload identity: not configured \(to use it, set AZURE_FEDERATED_TOKEN_FILE and AZURE_CLIENT_ID/);
    assert.match(run.stderr, /; managed identity: managed identity is unavailable \(to use it, run on an Azure VM/);
    assert.match(run.stderr, /; Azure CLI: Azure CLI is unavailable \(to use it, run `az login`\)\./);
    assert.doesNotMatch(run.stderr, /More text the SDK adds/);
  });
});
