// `npm start`: build and package the extension, install the code-server host if needed, and
// serve VS Code with ACR Doctor and a copy of the sample workspace on 127.0.0.1. Ctrl-C stops
// everything this started.
//
// Usage: npm start [-- FOLDER] [--port N]     (default: a temp copy of examples/, a free port)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function step(label, command, args) {
  console.log(`npm start: ${label} ...`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', timeout: 20 * 60_000 });
  if (result.status !== 0) fail(`${label} failed (see above). Fix that, then run npm start again.`);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string' } } });
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not "${values.port}".`);

step('building and packaging the extension (npm run package)', 'npm', ['run', 'package']);
// install.mjs names any missing Debian package (ripgrep, libkrb5-dev, a compiler) with its apt-get line.
step('installing the VS Code host (code-server, first run only)', process.execPath, [join(root, 'test', 'host', 'install.mjs')]);

let workspace;
let tempWorkspace;
if (positionals[0]) {
  workspace = resolve(positionals[0]);
} else {
  // A copy, so trying the quick fixes never changes the committed samples.
  tempWorkspace = mkdtempSync(join(tmpdir(), 'acr-doctor-sample-'));
  cpSync(join(root, 'examples'), tempWorkspace, { recursive: true });
  workspace = tempWorkspace;
}

const { startHost, stopAllHosts } = await tsImport('../test/e2e/host.ts', import.meta.url);
let host;
try {
  host = await startHost({ workspace, port });
} catch (error) {
  if (tempWorkspace) rmSync(tempWorkspace, { recursive: true, force: true });
  fail(error instanceof Error ? error.message : String(error));
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nnpm start: stopping code-server ...');
  await stopAllHosts();
  if (tempWorkspace) rmSync(tempWorkspace, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);

console.log('');
console.log('  VS Code with ACR Doctor is running. Open this URL in your browser:');
console.log('');
console.log(`    ${host.workspaceUrl}`);
console.log('');
console.log(`  Workspace: ${workspace}${tempWorkspace ? ' (a copy of examples/, deleted on exit)' : ''}`);
console.log('  Open a file there and look at the Problems panel; Ctrl+. on a finding shows its fixes.');
console.log('  Press Ctrl-C to stop.');
