// Mocha entry point loaded by the VS Code extension host (extensionTestsPath): desktop VS Code via
// @vscode/test-electron, or the code-server host. Writes a JSON summary beside itself so a runner
// that cannot see the extension host's exit code (the browser host) can read the result.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type MochaType from 'mocha';

export const RESULT_FILE = join(__dirname, 'result.json');

export function run(): Promise<void> {
  // mocha 12 is an ES module; require() of it yields the namespace, whose default is the class.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as { default?: typeof MochaType } & typeof MochaType;
  const Mocha = loaded.default ?? loaded;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  mocha.addFile(join(__dirname, 'explorer.test.js'));
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    let passes = 0;
    const runner = mocha.run((failed) => {
      writeFileSync(RESULT_FILE, JSON.stringify({ passes, failed, failures }, null, 2));
      if (failed > 0) reject(new Error(`${failed} VS Code test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passes++);
    runner.on('fail', (test, error: Error) => failures.push(`${test.fullTitle()}: ${error.message}`));
  });
}
