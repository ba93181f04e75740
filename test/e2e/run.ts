// `npm run test:e2e`: installs the code-server host if needed, packages the extension
// (so the .vsix itself is what gets tested), then runs the Playwright scenarios with node's test
// runner. Its summary lines are the last thing printed. Every step is bounded; processes a
// scenario left behind (matched by this run's id in their command line) are ended by pid.
//
// Usage: node --import tsx test/e2e/run.ts [scenario-file-or-name ...]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './host';
import { CHROMIUM_PATH, RESULTS_DIR } from './workbench';

const SCENARIO_DIR = join(REPO_ROOT, 'test', 'e2e', 'scenarios');
const SUITE_TIMEOUT_MS = 15 * 60_000;
const RUN_ID = randomBytes(4).toString('hex');

function say(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function fail(message: string): never {
  say(message);
  process.exit(1);
}

function timed<T>(label: string, action: () => T): T {
  const started = Date.now();
  const result = action();
  say(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function installHost(): void {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'host', 'install.mjs')], { stdio: 'inherit', timeout: 20 * 60_000 });
  if (result.status !== 0) fail('the code-server test host could not be installed (see above).');
}

function packageExtension(): void {
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 5 * 60_000 });
  if (result.status !== 0) fail(`\`npm run package\` failed, so there is no .vsix to test:\n${result.stdout}${result.stderr}`);
}

function scenarioFiles(filters: string[]): string[] {
  const all = readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => join(SCENARIO_DIR, name));
  // Matched against the file name only: the repository's own path may contain a filter word.
  const chosen = filters.length ? all.filter((file) => filters.some((filter) => relative(SCENARIO_DIR, file).includes(filter))) : all;
  if (chosen.length === 0) fail(`no scenario matches ${JSON.stringify(filters)} in ${relative(REPO_ROOT, SCENARIO_DIR)}`);
  return chosen;
}

/** Processes whose command line carries this run's id: code-server, its extension host, Chromium. */
function leftoverProcesses(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(`acr-doctor-host-${RUN_ID}`) || cmdline.includes(`acr-doctor-chromium-${RUN_ID}`)) pids.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

async function runScenarios(files: string[]): Promise<number> {
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files.map((file) => relative(REPO_ROOT, file))];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ACR_DOCTOR_E2E_RUN: RUN_ID } });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const timer = setTimeout(() => {
    say(`the scenarios did not finish within ${SUITE_TIMEOUT_MS / 60_000} min; stopping them.`);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, SUITE_TIMEOUT_MS);
  const code = await new Promise<number>((done) => child.once('exit', (status, signal) => done(status ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  return code;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) fail(`Chromium is missing at ${CHROMIUM_PATH}: the scenarios drive the workbench with it. Install it: apt-get install chromium (or set ACR_DOCTOR_CHROMIUM to another Chromium binary).`);
  const files = scenarioFiles(process.argv.slice(2));
  timed('host install (skipped when up to date)', installHost);
  timed('npm run package', packageExtension);
  // Screenshots of this run only, so "last screenshot" paths are never stale.
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  say(`running ${files.length} scenario file(s), run id ${RUN_ID}; screenshots go to ${relative(REPO_ROOT, join(REPO_ROOT, 'test-results', 'e2e'))}/`);
  let code = await runScenarios(files);
  const leftovers = leftoverProcesses();
  if (leftovers.length) {
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    say(`ended ${leftovers.length} process(es) a scenario left running (pids ${leftovers.join(', ')}); a scenario is missing its cleanup.`);
    code ||= 1;
  }
  process.exit(code);
}

void main();
