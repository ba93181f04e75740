import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

test('src/core never imports vscode', () => {
  const files = sources('src/core');
  assert.ok(files.length > 5, 'expected to scan the core sources');
  const offenders = files.filter((file) => IMPORTS_VSCODE.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('src/cli never imports vscode or the extension', () => {
  const offenders = sources('src/cli').filter((file) => {
    const text = readFileSync(file, 'utf8');
    return IMPORTS_VSCODE.test(text) || /from\s+['"]\.\.\/(\.\.\/)?extension/.test(text);
  });
  assert.deepEqual(offenders, []);
});

test('the boundary check recognises every import form', () => {
  for (const line of ["import * as vscode from 'vscode';", 'const v = require("vscode");', "await import('vscode')"]) {
    assert.match(line, IMPORTS_VSCODE);
  }
  assert.doesNotMatch("import { x } from './vscode-like';", IMPORTS_VSCODE);
});
