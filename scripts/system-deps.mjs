#!/usr/bin/env node
// The system packages ACR Doctor's own commands need, for which command and why, and the step
// that installs the missing ones before `npm start`, `npm test` and `npm run bench` go on.
// Dependency-free on purpose: it runs before node_modules may exist (.ci/run, a fresh clone).
//
// Usage: node scripts/system-deps.mjs start|test|bench
// Exit: 0 all present (or installed now); 2 something is missing and this process may not install
// it (the message says the one line to run); 1 apt-get itself failed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';

/**
 * Every Debian package a command needs. `probe` is what the command actually uses (a program on
 * PATH or an absolute path), so a package installed some other way, or on another distribution,
 * counts too; `override` names the environment variable that points the tests elsewhere.
 * One entry per package: add a line when a command starts needing another one.
 */
export const SYSTEM_PACKAGES = [
  { name: 'docker-registry', probe: '/usr/bin/docker-registry', override: 'ACR_DOCTOR_REGISTRY_BINARY', for: ['start', 'test', 'bench'], what: 'the Docker Distribution registry server (2.8)', why: 'npm start seeds a local registry for the Registries view, and the integration tests and the registry benchmark run against a real registry on loopback' },
  { name: 'apache2-utils', probe: 'htpasswd', for: ['test'], what: 'htpasswd', why: 'the test registries with Basic auth get their bcrypt password file from it' },
  { name: 'openssl', probe: 'openssl', for: ['start', 'test'], what: 'the OpenSSL command-line tool', why: "the registry and ARM fixtures (npm start's seeded registry too) make their TLS and token-signing certificates per run (node cannot create certificates)" },
  { name: 'chromium', probe: '/usr/bin/chromium', override: 'ACR_DOCTOR_CHROMIUM', for: ['test'], what: 'the Chromium browser', why: 'the end-to-end scenarios drive the VS Code workbench with it' },
  { name: 'ripgrep', probe: 'rg', for: ['start', 'test'], what: 'ripgrep', why: "VS Code's search in the code-server host needs it, and its npm package would otherwise download it from GitHub" },
  { name: 'libkrb5-dev', probe: 'krb5-config', for: ['start', 'test'], what: 'the Kerberos development headers', why: "VS Code's kerberos module compiles against its headers when the code-server host is installed" },
  { name: 'make', probe: 'make', for: ['start', 'test'], what: 'make', why: "the code-server host's native modules (node-pty, spdlog, kerberos) are compiled when it is installed" },
  { name: 'g++', probe: 'g++', for: ['start', 'test'], what: 'a C++ compiler', why: "the code-server host's native modules (node-pty, spdlog, kerberos) are compiled when it is installed" },
  { name: 'python3', probe: 'python3', for: ['start', 'test'], what: 'Python 3', why: 'node-gyp, which compiles the code-server host\'s native modules, runs on it' },
  { name: 'skopeo', probe: '/usr/bin/skopeo', for: ['bench'], what: 'skopeo', why: 'the registry benchmark measures the CLI side by side with `skopeo list-tags`' },
];

export const COMMANDS = ['start', 'test', 'bench'];

/** The packages `command` needs, in list order. */
export function packagesFor(command) {
  return SYSTEM_PACKAGES.filter((pkg) => pkg.for.includes(command));
}

/** CI systems set CI=true (GitHub, GitLab, Azure Pipelines set it to true or 1). */
function isCi(env) {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}

function installLine(names, sudo) {
  return `${sudo ? 'sudo ' : ''}apt-get install --no-install-recommends ${names.join(' ')}`;
}

/**
 * Makes sure the packages `command` needs are present, installing the missing ones with apt-get
 * when this process may (root, or passwordless sudo). Everything it learns about the machine
 * comes through `machine`, so a test can present any machine:
 *   isInstalled(pkg) → boolean   hasApt, isRoot, canSudo, isTty → boolean
 *   ask(question) → Promise<boolean>   run(command, args) → exit status   print(line)
 * Returns the exit code: 0 ready, 2 the user has to install something, 1 apt-get failed.
 */
export async function ensureSystemPackages(command, machine, env = {}) {
  if (!COMMANDS.includes(command)) throw new Error(`system-deps: unknown command "${command}"; expected one of ${COMMANDS.join(', ')}.`);
  const say = (line) => machine.print(`npm ${command}: ${line}`);
  const missing = packagesFor(command).filter((pkg) => !machine.isInstalled(pkg));
  if (missing.length === 0) return 0;

  const names = missing.map((pkg) => pkg.name);
  if (!machine.hasApt) {
    say('this machine lacks what it needs, and has no apt-get to install it:');
    for (const pkg of missing) machine.print(`  - ${pkg.what} (\`${pkg.probe}\`; Debian package ${pkg.name}): ${pkg.why}.`);
    say(`install them with your system's package manager, then run npm ${command} again.`);
    return 2;
  }

  say(`${missing.length === 1 ? 'one Debian package is' : `${missing.length} Debian packages are`} missing:`);
  for (const pkg of missing) machine.print(`  - ${pkg.name}: ${pkg.why}.`);
  const asRoot = machine.isRoot;
  if (!asRoot && !machine.canSudo) {
    say(`install ${missing.length === 1 ? 'it' : 'them'} as root, then run npm ${command} again:`);
    machine.print(`  ${installLine(names, true)}`);
    return 2;
  }
  // A person at a terminal decides; CI and piped runs (no one to ask) install straight away.
  if (machine.isTty && !isCi(env)) {
    const yes = await machine.ask(`npm ${command}: install ${names.join(' ')} now with apt-get${asRoot ? '' : ' (through sudo)'}? [y/N] `);
    if (!yes) {
      say(`not installed. Install ${missing.length === 1 ? 'it' : 'them'}, then run npm ${command} again:`);
      machine.print(`  ${installLine(names, !asRoot)}`);
      return 2;
    }
  }
  say(`installing ${names.join(' ')} with apt-get${asRoot ? '' : ' (through sudo)'} ...`);
  // `env` carries DEBIAN_FRONTEND through sudo, which resets the environment.
  const prefix = asRoot ? [] : ['-n', 'env'];
  const launcher = asRoot ? 'env' : 'sudo';
  const apt = (...args) => machine.run(launcher, [...prefix, 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  if (apt('update', '-qq') !== 0 || apt('install', '-y', '-qq', '--no-install-recommends', ...names) !== 0) {
    say(`apt-get could not install ${names.join(' ')} (see its output above). Fix that, or run:`);
    machine.print(`  ${installLine(names, !asRoot)}`);
    return 1;
  }
  const stillMissing = missing.filter((pkg) => !machine.isInstalled(pkg));
  if (stillMissing.length) {
    say(`apt-get finished but ${stillMissing.map((pkg) => `\`${pkg.probe}\` (${pkg.name})`).join(', ')} is still not there.`);
    return 1;
  }
  say(`installed ${names.join(' ')}.`);
  return 0;
}

function onPath(program, env) {
  const candidates = isAbsolute(program) ? [program] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** This machine, as ensureSystemPackages sees it. */
export function realMachine(env = process.env) {
  let canSudo;
  return {
    isInstalled: (pkg) => onPath((pkg.override && env[pkg.override]) || pkg.probe, env),
    hasApt: process.platform === 'linux' && onPath('apt-get', env),
    isRoot: process.getuid?.() === 0,
    // Asked only when needed: `sudo -n true` fails at once instead of prompting for a password.
    get canSudo() {
      canSudo ??= onPath('sudo', env) && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
      return canSudo;
    },
    isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async ask(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
    run: (command, args) => spawnSync(command, args, { stdio: 'inherit', timeout: 30 * 60_000 }).status ?? 1,
    print: (line) => console.error(line),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const command = process.argv[2];
  if (!COMMANDS.includes(command)) {
    console.error(`usage: node scripts/system-deps.mjs ${COMMANDS.join('|')}`);
    process.exit(2);
  }
  // No top-level await: the tests load this module from CommonJS.
  ensureSystemPackages(command, realMachine(), process.env).then((code) => {
    process.exitCode = code;
  });
}
