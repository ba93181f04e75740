// scripts/system-deps.mjs on presented machines: the package queries, privileges, terminal and
// apt-get are faked at its one Machine interface; the list of packages and the decisions are real.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type * as SystemDeps from '../../scripts/system-deps.mjs' with { 'resolution-mode': 'import' };
import type { Machine, SystemPackage } from '../../scripts/system-deps.mjs' with { 'resolution-mode': 'import' };

// An ES module (it runs before node_modules exists), so loaded dynamically from this CommonJS test.
let deps: typeof SystemDeps;
before(async () => {
  deps = await import('../../scripts/system-deps.mjs');
});
const ensureSystemPackages: (typeof deps)['ensureSystemPackages'] = (...args) => deps.ensureSystemPackages(...args);
const packagesFor: (typeof deps)['packagesFor'] = (...args) => deps.packagesFor(...args);
const realMachine: (typeof deps)['realMachine'] = (...args) => deps.realMachine(...args);

interface Presented extends Machine {
  calls: string[][];
  printed: string[];
  asked: string[];
}

/** A machine missing `missing` (Debian names); apt-get "installs" by adding to what is present. */
function machine(missing: string[], traits: Partial<Pick<Machine, 'hasApt' | 'isRoot' | 'canSudo' | 'isTty'>> & { answer?: boolean; aptFails?: boolean } = {}): Presented {
  const absent = new Set(missing);
  const calls: string[][] = [];
  const printed: string[] = [];
  const asked: string[] = [];
  return {
    calls,
    printed,
    asked,
    isInstalled: (pkg: SystemPackage) => !absent.has(pkg.name),
    hasApt: traits.hasApt ?? true,
    isRoot: traits.isRoot ?? false,
    canSudo: traits.canSudo ?? false,
    isTty: traits.isTty ?? false,
    ask: async (question: string) => {
      asked.push(question);
      return traits.answer ?? false;
    },
    run: (command: string, args: string[]) => {
      calls.push([command, ...args]);
      if (traits.aptFails) return 100;
      const apt = args.indexOf('apt-get');
      if (args[apt + 1] === 'install') for (const name of args.slice(apt + 2)) absent.delete(name);
      return 0;
    },
    print: (line: string) => printed.push(line),
  };
}

const CI = { CI: 'true' };

describe('scripts/system-deps.mjs', () => {
  test('the list names each package once, for a known command, with a reason', () => {
    const names = deps.SYSTEM_PACKAGES.map((pkg) => pkg.name);
    assert.equal(new Set(names).size, names.length);
    for (const pkg of deps.SYSTEM_PACKAGES) {
      assert.ok(pkg.for.length > 0 && pkg.for.every((c) => ['start', 'test', 'bench'].includes(c)), pkg.name);
      assert.ok(pkg.why.length > 20, `${pkg.name} says why it is needed`);
    }
    // The packages the CI script used to install by hand are all here, each for the command that uses it.
    assert.deepEqual(packagesFor('bench').map((p) => p.name), ['docker-registry', 'skopeo']);
    // npm start seeds a local registry (docker-registry behind the ACR front, whose token certificates openssl makes).
    assert.deepEqual(packagesFor('start').map((p) => p.name), ['docker-registry', 'openssl', 'ripgrep', 'libkrb5-dev', 'make', 'g++', 'python3']);
    for (const name of ['docker-registry', 'apache2-utils', 'openssl', 'chromium', 'ripgrep', 'libkrb5-dev']) {
      assert.ok(packagesFor('test').some((p) => p.name === name), name);
    }
  });

  test('all present: nothing is printed, nothing is run, exit 0', async () => {
    const m = machine([], { isRoot: true });
    assert.equal(await ensureSystemPackages('test', m, CI), 0);
    assert.deepEqual(m.calls, []);
    assert.deepEqual(m.printed, []);
  });

  test('a package only another command needs is not installed', async () => {
    const m = machine(['skopeo'], { isRoot: true });
    assert.equal(await ensureSystemPackages('test', m, CI), 0);
    assert.deepEqual(m.calls, []);
  });

  test('some missing as root (CI, no terminal): says what and why, apt-get update once, installs, goes on', async () => {
    const m = machine(['ripgrep', 'chromium'], { isRoot: true, isTty: true });
    assert.equal(await ensureSystemPackages('test', m, CI), 0);
    assert.deepEqual(m.asked, [], 'CI=true never asks');
    assert.deepEqual(m.calls, [
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'ripgrep'],
    ]);
    const text = m.printed.join('\n');
    assert.match(text, /chromium: the end-to-end scenarios drive the VS Code workbench/);
    assert.match(text, /ripgrep: VS Code's search/);
    assert.match(text, /installed chromium ripgrep/);
  });

  test('some missing as root with no terminal and no CI: installs without asking', async () => {
    const m = machine(['libkrb5-dev'], { isRoot: true, isTty: false });
    assert.equal(await ensureSystemPackages('start', m, {}), 0);
    assert.deepEqual(m.asked, []);
    assert.equal(m.calls.length, 2);
    assert.deepEqual(m.calls[1].slice(-1), ['libkrb5-dev']);
  });

  test('some missing as root at a terminal: asks y/N first; no means the line to run and exit 2', async () => {
    const refused = machine(['docker-registry'], { isRoot: true, isTty: true, answer: false });
    assert.equal(await ensureSystemPackages('test', refused, {}), 2);
    assert.equal(refused.asked.length, 1);
    assert.match(refused.asked[0], /install docker-registry now with apt-get\? \[y\/N\]/);
    assert.deepEqual(refused.calls, []);
    assert.ok(refused.printed.includes('  apt-get install --no-install-recommends docker-registry'));

    const accepted = machine(['docker-registry'], { isRoot: true, isTty: true, answer: true });
    assert.equal(await ensureSystemPackages('test', accepted, {}), 0);
    assert.equal(accepted.calls.length, 2);
  });

  test('some missing as a normal user without sudo: prints the one apt-get line and exits 2', async () => {
    const m = machine(['ripgrep', 'libkrb5-dev'], { isRoot: false, canSudo: false, isTty: true });
    assert.equal(await ensureSystemPackages('start', m, {}), 2);
    assert.deepEqual(m.calls, []);
    assert.deepEqual(m.asked, []);
    const lines = m.printed.filter((line) => line.includes('apt-get install'));
    assert.deepEqual(lines, ['  sudo apt-get install --no-install-recommends ripgrep libkrb5-dev']);
  });

  test('some missing as a normal user with passwordless sudo: installs through sudo -n', async () => {
    const m = machine(['skopeo'], { isRoot: false, canSudo: true });
    assert.equal(await ensureSystemPackages('bench', m, CI), 0);
    assert.deepEqual(m.calls[0], ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq']);
    assert.deepEqual(m.calls[1], ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'skopeo']);
  });

  test('no apt (CI=true, no terminal): names what is needed in words, runs nothing, exits 2', async () => {
    const m = machine(['openssl', 'apache2-utils'], { hasApt: false, isRoot: true, isTty: false });
    assert.equal(await ensureSystemPackages('test', m, CI), 2);
    assert.deepEqual(m.calls, []);
    const text = m.printed.join('\n');
    assert.match(text, /htpasswd \(`htpasswd`; Debian package apache2-utils\): the test registries with Basic auth/);
    assert.match(text, /the OpenSSL command-line tool \(`openssl`; Debian package openssl\)/);
    assert.match(text, /system's package manager/);
    assert.doesNotMatch(text, /apt-get install/);
  });

  test('apt-get failing: exit 1 with the line to run by hand', async () => {
    const m = machine(['openssl'], { isRoot: true, aptFails: true });
    assert.equal(await ensureSystemPackages('test', m, CI), 1);
    assert.equal(m.calls.length, 1, 'no install after a failed update');
    assert.ok(m.printed.includes('  apt-get install --no-install-recommends openssl'));
  });

  test('the real machine finds a package by its probe on PATH or by its override', () => {
    const rg = deps.SYSTEM_PACKAGES.find((pkg) => pkg.name === 'ripgrep');
    const chromium = deps.SYSTEM_PACKAGES.find((pkg) => pkg.name === 'chromium');
    assert.ok(rg && chromium);
    assert.equal(realMachine({ PATH: '/nonexistent' }).isInstalled(rg), false);
    assert.equal(realMachine({ PATH: '/nonexistent', ACR_DOCTOR_CHROMIUM: process.execPath }).isInstalled(chromium), true);
    assert.equal(realMachine({ PATH: '/nonexistent', ACR_DOCTOR_CHROMIUM: '/nonexistent/chromium' }).isInstalled(chromium), false);
  });
});
