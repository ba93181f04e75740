import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { lintText } from '../../../src/core/lint/engine';

const repoRoot = resolve(__dirname, '..', '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'arm');

/**
 * Every finding we keep on the real-world corpus, by file: code@line. Each one is
 * justified in docs/decisions/arm.md; anything else is a false positive.
 */
const EXPECTED: Record<string, string[]> = {
  'avm__ptn__azd__container-apps-stack__main.json': ['ACR403@2489', 'ACR403@2682', 'ACR403@2820', 'ACR403@3004', 'ACR403@3137', 'ACR403@3318'],
  'avm__res__container-registry__registry__main.json': ['ACR403@1490'],
  'modules__container-registry__registry__cache-rules__main.json': ['ACR403@73'],
  'modules__container-registry__registry__main.json': ['ACR403@762', 'ACR403@984', 'ACR403@1132', 'ACR403@1324'],
  'modules__container-registry__registry__replication__main.json': ['ACR403@91'],
  'modules__container-registry__registry__webhook__main.json': ['ACR403@120'],
  'quickstarts__microsoft.containerregistry__container-registry-geo-replication__azuredeploy.json': ['ACR403@55', 'ACR403@71'],
  'quickstarts__microsoft.containerregistry__container-registry__azuredeploy.json': ['ACR403@51'],
};

test('the ARM corpus lints without throwing and with exactly the expected findings', () => {
  assert.ok(existsSync(corpusDir), `ARM corpus not found at ${corpusDir}: the corpus test needs /work/shared/corpus/arm (../shared/corpus/arm from the repo root)`);
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 10, `expected the ARM corpus in ${corpusDir}, found ${files.length} templates`);
  for (const file of files) {
    const text = readFileSync(resolve(corpusDir, file), 'utf8');
    const result = lintText({ fileName: file, text });
    assert.equal(result.kind, 'arm-template', `${file} is detected as an ARM template`);
    const got = result.findings.map((f) => `${f.code}@${f.range.start.line + 1}`);
    assert.deepEqual(got, EXPECTED[file] ?? [], `findings on ${file}`);
    for (const finding of result.findings) assert.equal(finding.severity, 'info', `${file}: only info-level findings are expected on the corpus`);
  }
});
