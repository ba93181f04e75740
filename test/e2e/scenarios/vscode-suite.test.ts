// The desktop mocha suite (test/vscode) run inside the code-server host: the extension loaded
// from the repository via extensionDevelopmentPath, the suite via extensionTestsPath (passed in
// the workbench URL's payload), checked against the real `vscode` API.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../host';

it('the test/vscode mocha suite passes in the code-server extension host', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/vscode/run.ts'), '--code-server'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 6 * 60_000 });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `the suite failed (exit ${result.status ?? result.signal}):\n${output}`);
  const summary = /code-server host: (\d+) passed, (\d+) failed/.exec(output);
  assert.ok(summary, `no result line in:\n${output}`);
  assert.ok(Number(summary[1]) >= 5, `only ${summary[1]} tests ran`);
  assert.equal(summary[2], '0');
});
