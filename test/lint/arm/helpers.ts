import assert from 'node:assert/strict';
import { armLanguage } from '../../../src/core/lint/arm';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import type { Finding, Range } from '../../../src/core/lint/types';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { applyFix as applyFixEdits } from '../ruleTester';

export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A template around the given resources (and optional parameters/variables/outputs), pretty-printed like real ones. */
export function template(parts: { resources?: unknown; parameters?: unknown; variables?: unknown; outputs?: unknown; languageVersion?: string }): string {
  const body: Record<string, unknown> = { $schema: SCHEMA, contentVersion: '1.0.0.0' };
  if (parts.languageVersion) body.languageVersion = parts.languageVersion;
  if (parts.parameters) body.parameters = parts.parameters;
  if (parts.variables) body.variables = parts.variables;
  body.resources = parts.resources ?? [];
  if (parts.outputs) body.outputs = parts.outputs;
  return JSON.stringify(body, null, 2);
}

export function registry(overrides: Record<string, unknown> = {}, properties: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'Microsoft.ContainerRegistry/registries',
    apiVersion: '2023-07-01',
    name: 'myregistry01',
    location: 'westeurope',
    sku: { name: 'Premium' },
    properties: { adminUserEnabled: false, ...properties },
    ...overrides,
  };
}

export function lintArm(text: string): Finding[] {
  return lintWithLanguage(armLanguage, { fileName: 'azuredeploy.json', text });
}

export function findingsFor(text: string, code: string): Finding[] {
  return lintArm(text).filter((f) => f.code === code);
}

/** Range of the n-th occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `'${needle}' occurrence ${occurrence} not in text`);
  }
  return new LineIndex(text).rangeAt(at, needle.length);
}

export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes[index];
  assert.ok(fix, `finding ${finding.code} has no fix ${index}`);
  return applyFixEdits(text, fix);
}

/** Asserts exactly one finding of `code`, at the range of `needle`, whose message contains each substring. */
export function expectOne(text: string, code: string, needle: string | [string, number], ...substrings: string[]): Finding {
  const found = findingsFor(text, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found.map((f) => f.message))}`);
  assert.deepEqual(found[0].range, typeof needle === 'string' ? rangeOf(text, needle) : rangeOf(text, needle[0], needle[1]));
  for (const s of substrings) assert.ok(found[0].message.includes(s), `message lacks '${s}': ${found[0].message}`);
  return found[0];
}

export function expectNone(text: string, code: string): void {
  const found = findingsFor(text, code);
  assert.deepEqual(found.map((f) => f.message), [], `expected no ${code}`);
}
