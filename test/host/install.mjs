#!/usr/bin/env node
// Installs the test host (code-server = VS Code in the browser) into test/host/node_modules.
// Idempotent: a stamp records the lockfile hash and node version of the last complete install,
// so a second run costs a few milliseconds. Usage: node test/host/install.mjs [--force]
//
// Why not a plain `npm ci`: npm 11 blocks dependency install scripts unless approved, and
// code-server's postinstall runs two nested `npm install`s (lib/vscode, lib/vscode/extensions)
// whose native modules (node-pty, kerberos, spdlog, ...) need their scripts. npm refuses
// --allow-scripts from the command line or environment for project installs, so we:
//   1. `npm ci` here; package.json's allowScripts approves argon2 and denies code-server's
//      postinstall (we run it ourselves, step 3, with a known environment);
//   2. write a project .npmrc into each nested folder naming exactly the native modules Linux
//      needs (the Windows-only ones stay skipped);
//   3. run code-server's postinstall.sh with the npm user agent it parses for the node version.
// @vscode/ripgrep's postinstall downloads rg from GitHub; we satisfy it from its cache file
// holding Debian's /usr/bin/rg, so no step needs the internet beyond the npm registry.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST_DIR = dirname(fileURLToPath(import.meta.url));
const CACHE_DIR = join(HOST_DIR, '.cache');
const STAMP = join(CACHE_DIR, 'install-stamp.json');
const CODE_SERVER_DIR = join(HOST_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

/** Native modules of VS Code's server that must build on Linux (Windows-only ones excluded). */
const NESTED_ALLOWED_SCRIPTS = ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'];
/** @vscode/ripgrep 1.15.11 looks for this archive before downloading. */
const RIPGREP_CACHE = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');

class InstallError extends Error {}

function log(message) {
  process.stderr.write(`[test-host] ${message}\n`);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/** Each missing prerequisite names the Debian package that provides it. */
function checkPrerequisites() {
  const problems = [];
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) problems.push(`code-server 4.100.3 needs Node.js 20 but this is ${process.version}; run the tests with Node 20.`);
  if (!onPath('rg')) problems.push('ripgrep (rg) is missing: VS Code search needs it and no download is possible. Install it: apt-get install ripgrep');
  if (!onPath('krb5-config')) problems.push('Kerberos headers are missing: VS Code\'s kerberos module compiles against them. Install them: apt-get install libkrb5-dev');
  for (const [tool, pkg] of [['make', 'make'], ['g++', 'g++'], ['python3', 'python3']]) {
    if (!onPath(tool)) problems.push(`${tool} is missing: native modules (node-pty, spdlog, kerberos) are compiled at install. Install it: apt-get install ${pkg}`);
  }
  if (problems.length) throw new InstallError(`cannot install the test host:\n  - ${problems.join('\n  - ')}`);
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(HOST_DIR, 'package-lock.json'))).update(process.versions.node.split('.')[0]).digest('hex');
}

function lockedVersion() {
  const lock = JSON.parse(readFileSync(join(HOST_DIR, 'package-lock.json'), 'utf8'));
  return lock.packages['node_modules/code-server'].version;
}

export function isInstalled() {
  if (!existsSync(STAMP) || !existsSync(CODE_SERVER_ENTRY)) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    const installed = JSON.parse(readFileSync(join(CODE_SERVER_DIR, 'package.json'), 'utf8')).version;
    return stamp.lockHash === lockHash() && installed === lockedVersion();
  } catch {
    return false;
  }
}

function run(command, args, options) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  // Bounded: a hung registry or compiler must not hang CI forever.
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').filter((line) => !line.includes('Unknown') ).slice(-40).join('\n');
    throw new InstallError(`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}). Last output:\n${output}`);
  }
  return result;
}

function seedRipgrepCache() {
  if (existsSync(RIPGREP_CACHE)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const stage = mkdtempSync(join(tmpdir(), 'acr-doctor-rg-'));
  try {
    copyFileSync(rg, join(stage, 'rg'));
    mkdirSync(dirname(RIPGREP_CACHE), { recursive: true });
    run('tar', ['czf', RIPGREP_CACHE, '-C', stage, 'rg'], {});
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function npmVersion() {
  return run('npm', ['--version'], {}).stdout.trim();
}

export function installHost({ force = false } = {}) {
  if (!force && isInstalled()) {
    log(`code-server ${lockedVersion()} already installed (test/host/node_modules)`);
    return CODE_SERVER_ENTRY;
  }
  checkPrerequisites();
  const started = Date.now();
  rmSync(STAMP, { force: true });
  seedRipgrepCache();
  const env = { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // node-gyp compiles against the running Node's headers; where they are installed beside it
  // (/usr/include/node for a packaged Node), use them instead of downloading from nodejs.org.
  const nodePrefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodePrefix;
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HOST_DIR, env });
  for (const nested of ['lib/vscode', 'lib/vscode/extensions']) {
    writeFileSync(join(CODE_SERVER_DIR, nested, '.npmrc'), `allow-scripts=${NESTED_ALLOWED_SCRIPTS.join(',')}\n`);
  }
  // postinstall.sh reads the node major from the npm user agent, as npm would set it.
  const userAgent = `npm/${npmVersion()} node/${process.version} ${process.platform} ${process.arch}`;
  run('sh', ['./postinstall.sh'], { cwd: CODE_SERVER_DIR, env: { ...env, npm_config_user_agent: userAgent } });
  const missing = ['node-pty/build/Release/pty.node', '@vscode/spdlog/build/Release/spdlog.node', '@vscode/ripgrep/bin/rg'].filter((file) => !existsSync(join(CODE_SERVER_DIR, 'lib/vscode/node_modules', file)));
  if (missing.length) throw new InstallError(`code-server installed but these native parts are missing: ${missing.join(', ')}`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ lockHash: lockHash(), version: lockedVersion(), node: process.version, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
  log(`installed code-server ${lockedVersion()} in ${Math.round((Date.now() - started) / 1000)} s`);
  return CODE_SERVER_ENTRY;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    installHost({ force: process.argv.includes('--force') });
  } catch (error) {
    log(error instanceof InstallError ? error.message : String(error?.stack ?? error));
    process.exit(1);
  }
}
