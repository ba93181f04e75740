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

/** Every module path a file imports (static, type-only, dynamic, require). */
function importedPaths(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** Subsystems whose index.ts is the public API: adapters import that, never a file inside. */
const PUBLIC_API = /(?:^|\/)core\/(registry|azure)\/(.+)$/;

function internalImports(file: string): string[] {
  return importedPaths(readFileSync(file, 'utf8')).filter((path) => {
    const match = PUBLIC_API.exec(path);
    return match !== null && match[2] !== 'index';
  });
}

test('adapters (src/cli, src/extension, bench) import core/registry and core/azure only through their index.ts', () => {
  const files = [...sources('src/cli'), ...sources('src/extension'), ...sources('bench')];
  assert.ok(files.length > 20, 'expected to scan the adapter sources');
  const offenders = files.flatMap((file) => internalImports(file).map((path) => `${file}: ${path}`));
  assert.deepEqual(offenders, []);
  // The check itself sees the forms adapters use, including the one it must allow.
  assert.deepEqual(importedPaths(`import { a } from '../core/registry/auth/dockerConfig';\nimport type { B } from "../../core/azure/client";\nconst c = require('../core/azure/jwt');\nimport '../core/registry/index';`), ['../core/registry/auth/dockerConfig', '../../core/azure/client', '../core/azure/jwt', '../core/registry/index']);
  assert.deepEqual(['../core/registry/auth/dockerConfig', '../../core/azure/index', '../core/reference/imageReference', '../core/azure/client'].filter((p) => PUBLIC_API.test(p) && PUBLIC_API.exec(p)?.[2] !== 'index'), ['../core/registry/auth/dockerConfig', '../core/azure/client']);
});

test('the boundary check recognises every import form', () => {
  for (const line of ["import * as vscode from 'vscode';", 'const v = require("vscode");', "await import('vscode')"]) {
    assert.match(line, IMPORTS_VSCODE);
  }
  assert.doesNotMatch("import { x } from './vscode-like';", IMPORTS_VSCODE);
});
