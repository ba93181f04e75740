import { armLanguage } from '../../../src/core/lint/arm';
import { lintWithLanguage } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

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

/** Every ARM rule on a text. */
export function lintArm(text: string): Finding[] {
  return lintWithLanguage(armLanguage, { fileName: 'azuredeploy.json', text });
}
