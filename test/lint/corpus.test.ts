import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { lintText } from '../../src/core/lint/engine';
import type { FileKind } from '../../src/core/lint/types';

const corpusDir = resolve(__dirname, 'corpus');

/**
 * Every finding we keep on the real public files in test/lint/corpus (provenance in its PROVENANCE.md),
 * by file: code@line. Each is judged right:
 * - ACR106 on `gcr.io/distroless/base` and `…/python3-debian12`: untagged, so they pull "latest".
 * - ACR308 (hint) on each daemon.json: debug is off; a hint offering the troubleshooting switch, by design.
 * Anything else is a false positive.
 */
const EXPECTED: Record<string, string[]> = {
  'dockerfile/distroless__examples__go.Dockerfile': ['ACR106@19'],
  'dockerfile/distroless__examples__java.Dockerfile': [],
  'dockerfile/distroless__examples__nodejs__node-express.Dockerfile': [],
  'dockerfile/distroless__examples__python3-requirements.Dockerfile': ['ACR106@17'],
  'dockerignore/moby.dockerignore': [],
  'daemon-json/amazon-eks-ami__files__daemon.json': ['ACR308@1'],
  'daemon-json/amazon-eks-ami__files__docker-daemon.json': ['ACR308@1'],
  'daemon-json/amazon-eks-ami__files__dockerd.json': ['ACR308@1'],
};

test('the real-world Dockerfile, .dockerignore and daemon.json corpus lints with exactly the judged findings', () => {
  const files = (['dockerfile', 'dockerignore', 'daemon-json'] as FileKind[]).flatMap((kind) => readdirSync(resolve(corpusDir, kind)).map((name) => ({ kind, path: `${kind}/${name}` })));
  assert.deepEqual(files.map((f) => f.path).sort(), Object.keys(EXPECTED).sort(), 'every corpus file has its expected findings listed');
  for (const { kind, path } of files) {
    const { findings } = lintText({ fileName: path, text: readFileSync(resolve(corpusDir, path), 'utf8'), kind });
    assert.deepEqual(findings.map((f) => `${f.code}@${f.range.start.line + 1}`), EXPECTED[path], `findings on ${path}`);
    assert.ok(!findings.some((f) => f.severity === 'error'), `${path}: no error-level finding on working public files`);
  }
});
