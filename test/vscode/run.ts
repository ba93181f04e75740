// Runs the mocha suite in test/vscode/suite inside a real extension host, loading the extension
// from the repository (extensionDevelopmentPath) with a temp copy of examples/ as the workspace.
//
//   node --import tsx test/vscode/run.ts                 desktop VS Code via @vscode/test-electron
//   node --import tsx test/vscode/run.ts --code-server   the code-server host (browser workbench)
//
// Desktop VS Code must be downloaded; where that is impossible (no internet) this says so and
// exits 0 ("skipped"), since the same suite still runs in the code-server host.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT, runTag, startHost } from '../e2e/host';
import { pushImage, pushIndex, startDockerRegistry, targetFor } from '../fixtures/registry/index';
import { EXPLORER_FIXTURE_FILE, type ExplorerSuiteFixture } from './suite/explorerFixture';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/workbench';

// Under .vscode-test/ (git- and eslint-ignored, like the downloaded VS Code) rather than out/.
const OUT_DIR = join(REPO_ROOT, '.vscode-test', 'suite');
const TESTS_ENTRY = join(OUT_DIR, 'index.js');
const RESULT_FILE = join(OUT_DIR, 'result.json');
const VSCODE_VERSION = '1.100.3';
const SUITE_TIMEOUT_MS = 5 * 60_000;

interface SuiteResult {
  passes: number;
  failed: number;
  failures: string[];
}

function say(message: string): void {
  process.stderr.write(`[vscode-suite] ${message}\n`);
}

async function buildSuite(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'test/vscode/suite/index.ts'), join(REPO_ROOT, 'test/vscode/suite/extension.test.ts'), join(REPO_ROOT, 'test/vscode/suite/explorer.test.ts')],
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 5 * 60_000 });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

function sampleWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'acr-doctor-vscode-suite-'));
  cpSync(join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  return workspace;
}

/**
 * A real docker-registry on loopback with a single-platform and a multi-arch image, configured as an
 * "Other registry" of the workspace; the suite reads what was pushed from EXPLORER_FIXTURE_FILE.
 */
async function seedRegistry(workspace: string): Promise<{ stop(): Promise<void> }> {
  const registry = await startDockerRegistry({ auth: 'none' });
  const t = targetFor(registry);
  const single = await pushImage(t, 'suite/app', { tag: 'v1', layers: [Buffer.from('suite layer one'), Buffer.from('suite layer two')] });
  const amd = await pushImage(t, 'suite/multi', { architecture: 'amd64' });
  const arm = await pushImage(t, 'suite/multi', { architecture: 'arm64' });
  const index = await pushIndex(t, 'suite/multi', [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm, platform: { os: 'linux', architecture: 'arm64' } }], 'latest');
  const fixture: ExplorerSuiteFixture = { host: registry.host, single: { repository: 'suite/app', tag: 'v1', digest: single.digest }, multi: { repository: 'suite/multi', tag: 'latest', digest: index.digest, platforms: [amd.digest, arm.digest] } };
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'acrDoctor.registries': [{ host: registry.host, insecureHttp: true }] }, null, 2));
  writeFileSync(join(workspace, EXPLORER_FIXTURE_FILE), JSON.stringify(fixture, null, 2));
  return registry;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runDesktop(workspace: string): Promise<number> {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  let executable: string;
  try {
    executable = await withTimeout(downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: join(REPO_ROOT, '.vscode-test') }), 120_000, 'the VS Code download');
  } catch (error) {
    say(`skipped: cannot download VS Code ${VSCODE_VERSION} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
    say('This machine has no route to update.code.visualstudio.com. The same suite runs in the code-server host: npm run test:vscode -- --code-server (part of npm run test:e2e).');
    return 0;
  }
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TESTS_ENTRY,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      timeout: SUITE_TIMEOUT_MS,
    });
    return 0;
  } catch (error) {
    say(`the suite failed in desktop VS Code: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** code-server takes extensionDevelopmentPath/extensionTestsPath from the workbench URL's
 *  `payload` (as @vscode/test-web does); the remote extension host then runs the suite. */
async function runCodeServer(workspace: string): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    say(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install chromium`);
    return 1;
  }
  const install = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'host', 'install.mjs')], { stdio: 'inherit', timeout: 20 * 60_000 });
  if (install.status !== 0) return 1;
  const { chromium } = await import('playwright-core');
  const host = await startHost({ workspace, installVsix: false });
  const profile = mkdtempSync(join(tmpdir(), `acr-doctor-chromium-${runTag()}`));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    // The explorer's copy commands write the workbench clipboard, which is the browser's here.
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const authority = new URL(host.url).host;
    const remote = (path: string): string => `vscode-remote://${authority}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(TESTS_ENTRY)],
    ];
    const page = browser.pages()[0] ?? (await browser.newPage());
    // The extension host's console (mocha's spec reporter) is forwarded to the page's console.
    page.on('console', (message) => {
      // Mocha's spec lines arrive as "%c INFO color: #33f <format> <args>"; print them readably.
      const text = message.text();
      const line = /^%c INFO color: #\w+ (.*)$/s.exec(text)?.[1];
      if (line && /[✔✖]|passing|failing|pending|ACR Doctor in VS Code/.test(line)) process.stdout.write(`  ${formatMochaLine(line)}\n`);
    });
    await page.goto(`${host.workspaceUrl}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
    const deadline = Date.now() + SUITE_TIMEOUT_MS;
    while (!existsSync(RESULT_FILE)) {
      if (Date.now() > deadline) throw new Error(`the suite wrote no result within ${SUITE_TIMEOUT_MS / 1000} s`);
      await new Promise((done) => setTimeout(done, 250));
    }
    const result = JSON.parse(readFileSync(RESULT_FILE, 'utf8')) as SuiteResult;
    say(`code-server host: ${result.passes} passed, ${result.failed} failed`);
    for (const failure of result.failures) say(`  failed: ${failure}`);
    return result.failed === 0 && result.passes > 0 ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    await host.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** "✔ %s (%dms) title 71" -> "✔ title (71ms)": the console carries the format string and its
 *  arguments space-separated. */
function formatMochaLine(line: string): string {
  const timed = /^(\s*✔) %s \(%dms\) (.*) (\d+)$/.exec(line);
  if (timed) return `${timed[1]} ${timed[2]} (${timed[3]}ms)`;
  return line.replace(/%s%s|%s/g, '').replace(/^(\s*)%d passing \(%s\) (\d+) (\S+)$/, '$1$2 passing ($3)');
}

async function main(): Promise<void> {
  const inCodeServer = process.argv.includes('--code-server');
  await buildSuite();
  const workspace = sampleWorkspace();
  let registry: { stop(): Promise<void> } | undefined;
  try {
    registry = await seedRegistry(workspace);
    process.exitCode = inCodeServer ? await runCodeServer(workspace) : await runDesktop(workspace);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await registry?.stop().catch(() => undefined);
    rmSync(workspace, { recursive: true, force: true });
  }
  // The download client may keep sockets open; nothing else is left to wait for.
  process.exit();
}

void main();
