// `npm start`: build and package the extension, install the code-server host if needed, and
// serve VS Code with ACR Doctor and a copy of the sample workspace on 127.0.0.1. Ctrl-C, a
// SIGTERM/SIGHUP from a supervisor, or npm going away stops everything this started and removes
// its temp folders (scripts/supervise.mjs).
//
// Usage: npm start [-- FOLDER] [--port N]     (default: a temp copy of examples/, a free port)
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { createSupervisor } from './supervise.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

const supervisor = createSupervisor();
supervisor.watch();

async function fail(message) {
  console.error(`npm start: ${message}`);
  await supervisor.stop(undefined, 1);
}

// Asynchronous, so a signal during the build is handled (a blocking spawnSync would leave the build running).
async function step(label, command, args) {
  console.log(`npm start: ${label} ...`);
  const status = await supervisor.run(command, args, { cwd: root });
  if (status !== 0) await fail(`${label} failed (see above). Fix that, then run npm start again.`);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: 'string' } } });
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) await fail(`--port must be a port number, not "${values.port}".`);

await step('building and packaging the extension (npm run package)', 'npm', ['run', 'package']);
// install.mjs names any missing Debian package (ripgrep, libkrb5-dev, a compiler) with its apt-get line.
await step('installing the VS Code host (code-server, first run only)', process.execPath, [join(root, 'test', 'host', 'install.mjs')]);

let workspace;
let tempWorkspace;
if (positionals[0]) {
  workspace = resolve(positionals[0]);
} else {
  // A copy, so trying the quick fixes never changes the committed samples.
  tempWorkspace = supervisor.tempDir('acr-doctor-sample-');
  cpSync(join(root, 'examples'), tempWorkspace, { recursive: true });
  workspace = tempWorkspace;
}

// A seeded local registry for the ACR Doctor view: Debian's docker-registry behind the ACR-compatible
// front (so the tree shows ACR extras: dates, locks, untagged manifests), >100 repositories, a
// multi-arch image, orphans and a signature. Its credentials go to a temp Docker config, as
// `docker login` would leave them; it stops with everything else.
console.log('npm start: starting a seeded local registry (docker-registry behind the ACR-compatible front) ...');
// The fixture modules themselves (tsx cannot load the index's `export *` of a types-only module here).
const { startAcrFront } = await tsImport('../test/fixtures/registry/acrFront.ts', import.meta.url);
const { seedStandard, targetFor } = await tsImport('../test/fixtures/registry/seed.ts', import.meta.url);
const registryUser = { username: 'acr-doctor-demo', password: randomBytes(16).toString('hex') };
let front;
try {
  front = await startAcrFront({ users: [registryUser] });
  supervisor.onStop(() => front.stop());
  await seedStandard(targetFor(front));
} catch (error) {
  await fail(`the local registry could not start: ${error instanceof Error ? error.message : String(error)}`);
}
const dockerConfig = supervisor.tempDir('acr-doctor-docker-');
writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [front.host]: { auth: Buffer.from(`${registryUser.username}:${registryUser.password}`).toString('base64') } } }), { mode: 0o600 });
// code-server and its extension host inherit this environment.
process.env.DOCKER_CONFIG = dockerConfig;
const registrySettings = { 'acrDoctor.registries': [{ host: front.host, insecureHttp: false }] };
if (tempWorkspace) {
  // The copy's workspace settings name the registry; a folder of yours is never written to.
  const settingsFile = join(tempWorkspace, '.vscode', 'settings.json');
  mkdirSync(join(tempWorkspace, '.vscode'), { recursive: true });
  const existing = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
  writeFileSync(settingsFile, JSON.stringify({ ...existing, ...registrySettings }, null, 2));
}

const { startHost, stopAllHosts } = await tsImport('../test/e2e/host.ts', import.meta.url);
// code-server runs in its own process group (host.ts); stopAllHosts ends that group and its temp root.
supervisor.onStop(stopAllHosts);
let host;
try {
  host = await startHost({ workspace, port, settings: tempWorkspace ? undefined : registrySettings });
} catch (error) {
  await fail(error instanceof Error ? error.message : String(error));
}

console.log('');
console.log('  VS Code with ACR Doctor is running. Open this URL in your browser:');
console.log('');
console.log(`    ${host.workspaceUrl}`);
console.log('');
console.log(`  Workspace: ${workspace}${tempWorkspace ? ' (a copy of examples/, deleted on exit)' : ''}`);
console.log('  Open a file there and look at the Problems panel; Ctrl+. on a finding shows its fixes.');
console.log(`  The ACR Doctor view (activity bar) shows a seeded local registry at ${front.host} under "Other registries".`);
console.log('  Press Ctrl-C to stop.');
