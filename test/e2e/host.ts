// Starts code-server (the real VS Code workbench and extension host, served to a browser) with
// ACR Doctor installed from the .vsix, in a throw-away user-data-dir. Used by the e2e scenarios
// and by `npm start`. Everything listens on 127.0.0.1 only; every wait is bounded.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder upwards from the working directory whose package.json
 *  is ACR Doctor's (npm scripts run from the root; __dirname is unreliable when tsx loads this
 *  file from an ES module such as scripts/start.mjs). */
export const REPO_ROOT = findRepoRoot(process.cwd());

function findRepoRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'acr-doctor') return dir;
    if (dirname(dir) === dir) throw new Error(`run this from inside the ACR Doctor repository (no acr-doctor package.json above ${from})`);
  }
}
export const CODE_SERVER_ENTRY = join(REPO_ROOT, 'test', 'host', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSIX_PATH = join(REPO_ROOT, 'dist', 'acr-doctor.vsix');
export const EXTENSION_ID = 'acr-doctor.acr-doctor';

/** User settings that keep the workbench quiet and deterministic: no trust prompt, welcome page,
 *  walkthroughs, telemetry, update checks or gallery recommendations, and no editor features
 *  (suggestions, auto-closing) that would change what a scenario types. */
export const HOST_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'files.insertFinalNewline': false,
  'files.trimTrailingWhitespace': false,
  'problems.defaultViewMode': 'table',
  // The JSON language server would fetch $schema URLs (ARM templates) from the internet.
  'json.schemaDownload.enable': false,
  'http.proxySupport': 'off',
};

export interface HostOptions {
  /** Folder the workbench opens. */
  workspace: string;
  /** 0 (default) lets the OS pick a free port. */
  port?: number;
  /** Extra user settings merged over HOST_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Keeps the temp directories after stop (for `npm start` nothing is kept anyway). */
  keepTemp?: boolean;
  /** Install dist/acr-doctor.vsix (default). Off when the extension comes from
   *  extensionDevelopmentPath instead (the mocha suite in the browser host). */
  installVsix?: boolean;
  /** Called with each line code-server prints. */
  onOutput?: (line: string) => void;
  /** Extra environment for code-server and so its extension host (e.g. NODE_EXTRA_CA_CERTS, DOCKER_CONFIG). */
  env?: Record<string, string>;
  /** Built-in extensions this host runs without, by folder name under code-server's
   *  lib/vscode/extensions (e.g. "microsoft-authentication"). code-server 4.100 has no
   *  --disable-extension, so the host gets a --builtin-extensions-dir of links to every other one. */
  omitBuiltinExtensions?: string[];
  /** Folders of test-only extensions (package.json + plain JS, e.g. test/e2e/fake-auth) to package
   *  with vsce and install beside ACR Doctor. Never part of dist/acr-doctor.vsix. */
  testExtensions?: string[];
  /** Preload test/e2e/loopbackGuard.cjs into code-server and every Node process it starts: name
   *  lookups and connections off loopback are refused and recorded in this file (JSON lines). */
  loopbackGuardLog?: string;
}

export const LOOPBACK_GUARD = join(REPO_ROOT, 'test', 'e2e', 'loopbackGuard.cjs');

export interface RunningHost {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** URL that opens the workspace folder. */
  workspaceUrl: string;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export class HostError extends Error {}

/** The e2e runner sets ACR_DOCTOR_E2E_RUN to a random id; temp dirs (and so the command lines of
 *  code-server and Chromium) carry it, so the runner can find and end exactly what its run
 *  started if a scenario process dies without cleaning up. */
export function runTag(): string {
  const run = process.env.ACR_DOCTOR_E2E_RUN;
  return run && /^[A-Za-z0-9]+$/.test(run) ? `${run}-` : '';
}

/** Installs the .vsix into a fresh extensions dir and starts code-server on loopback. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new HostError('code-server is not installed: run `node test/host/install.mjs` first (the e2e runner and `npm start` do this for you).');
  const installVsix = options.installVsix ?? true;
  if (installVsix && !existsSync(VSIX_PATH)) throw new HostError(`${VSIX_PATH} is missing: run \`npm run package\` first.`);
  const root = mkdtempSync(join(tmpdir(), `acr-doctor-host-${runTag()}`));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const configFile = join(root, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...HOST_SETTINGS, ...options.settings }, null, 2));
  // An explicit config file stops code-server writing ~/.config/code-server/config.yaml.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  // XDG dirs point into the temp root so nothing in $HOME is read or written.
  // EXTENSIONS_GALLERY={} leaves the product without a gallery: no requests to open-vsx.org.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data'), XDG_CACHE_HOME: join(root, 'xdg-cache'), EXTENSIONS_GALLERY: '{}', ...options.env };
  if (options.loopbackGuardLog) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(LOOPBACK_GUARD)}`.trim();
    env.ACR_DOCTOR_E2E_LOOPBACK_LOG = options.loopbackGuardLog;
  }
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configFile];

  const vsixes = installVsix ? [VSIX_PATH] : [];
  try {
    for (const folder of options.testExtensions ?? []) vsixes.push(packageTestExtension(folder, root));
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  for (const vsix of vsixes) {
    const install = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
      rmSync(root, { recursive: true, force: true });
      throw new HostError(`code-server could not install ${vsix} (exit ${install.status ?? install.signal}):\n${install.stdout}${install.stderr}`);
    }
  }

  const builtins = options.omitBuiltinExtensions?.length ? ['--builtin-extensions-dir', builtinExtensionsWithout(options.omitBuiltinExtensions, join(root, 'builtin-extensions'))] : [];
  const args = [CODE_SERVER_ENTRY, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${options.port ?? 0}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', ...builtins, options.workspace];
  // detached: code-server gets its own process group, so stop() can end it together with the
  // extension host, pty host and file watcher it spawns (no orphans).
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    if (options.onOutput) for (const line of text.split('\n')) if (line.trim()) options.onOutput(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const stop = makeStopper(child, root, options.keepTemp ?? false);
  stoppers.add(stop);

  try {
    const url = await waitForListening(child, () => output, 60_000);
    return {
      url,
      workspaceUrl: `${url}?folder=${encodeURIComponent(options.workspace)}`,
      userDataDir,
      extensionsDir,
      output: () => output,
      stop: async () => {
        stoppers.delete(stop);
        await stop();
      },
    };
  } catch (error) {
    stoppers.delete(stop);
    await stop();
    throw error;
  }
}

/** A folder of symbolic links to code-server's built-in extensions except `omit` (each must exist:
 *  a renamed built-in would otherwise stay in silently). */
function builtinExtensionsWithout(omit: string[], dir: string): string {
  const source = join(dirname(dirname(dirname(CODE_SERVER_ENTRY))), 'lib', 'vscode', 'extensions');
  const entries = readdirSync(source);
  for (const name of omit) if (!entries.includes(name)) throw new HostError(`code-server has no built-in extension folder ${name} in ${source}.`);
  mkdirSync(dir, { recursive: true });
  for (const entry of entries) if (!omit.includes(entry)) symlinkSync(join(source, entry), join(dir, entry));
  return dir;
}

/** Packages a test-only extension folder into `<outDir>/<name>.vsix` with the repository's vsce
 *  (no dependencies, no repository or licence needed), so code-server installs it like any other. */
function packageTestExtension(folder: string, outDir: string): string {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string };
  if (!manifest.name) throw new HostError(`${folder}/package.json has no name.`);
  const out = join(outDir, `${manifest.name}.vsix`);
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0 || !existsSync(out)) throw new HostError(`vsce could not package the test extension ${folder} (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return out;
}

/** code-server prints "HTTP server listening on http://127.0.0.1:PORT/" once it accepts requests. */
function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setInterval(check, 100);
    const deadline = setTimeout(() => finish(new HostError(`code-server did not start listening within ${timeoutMs / 1000} s. Output:\n${output()}`)), timeoutMs);
    child.once('exit', (code, signal) => finish(new HostError(`code-server exited (${code ?? signal}) before listening. Output:\n${output()}`)));
    function check(): void {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output());
      if (match) finish(undefined, match[1]);
    }
    function finish(error?: Error, url?: string): void {
      clearInterval(timer);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolvePromise(url!);
    }
  });
}

const stoppers = new Set<() => Promise<void>>();
/** Last resort for a crashed runner: kill whatever is still running (synchronously, on exit). */
const killOnExit: Array<() => void> = [];
process.once('exit', () => {
  for (const kill of killOnExit) kill();
});

function makeStopper(child: ChildProcess, root: string, keepTemp: boolean): () => Promise<void> {
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  killOnExit.push(() => killGroup('SIGKILL'));
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        killGroup('SIGTERM');
        const graceful = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
        if (!graceful) {
          killGroup('SIGKILL');
          await Promise.race([exited, delay(2_000)]);
        }
      }
      // Children of the group (extension host, watcher) may outlive the leader by a moment.
      killGroup('SIGKILL');
      if (!keepTemp) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };
}

/** Stops every host this process started (for signal handlers). */
export async function stopAllHosts(): Promise<void> {
  await Promise.all([...stoppers].map((stop) => stop()));
  stoppers.clear();
}

export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** The extension host logs of this user-data-dir, newest session first ("remoteexthost.log"
 *  under logs/<session>/exthost<N>/ for code-server; "exthost.log" for desktop VS Code). */
export function extensionHostLogs(userDataDir: string): string[] {
  const logsDir = join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return [];
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (depth < 3) walk(path, depth + 1);
      } else if (/^(remote)?exthost\d*\.log$/.test(entry)) {
        found.push(path);
      }
    }
  };
  walk(logsDir, 0);
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

export function readExtensionHostLog(userDataDir: string): string {
  return extensionHostLogs(userDataDir)
    .map((path) => `--- ${path}\n${readFileSync(path, 'utf8')}`)
    .join('\n');
}
