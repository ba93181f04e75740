/** Registry facts shared by several rules: SKU resolution, location comparison. */
import type { ArmValue } from './expressionValues';
import { comparableKey, getProperty, isPlainObject } from './expressionValues';
import type { ArmDocument, ArmResource } from './model';

export type KnownSku = 'Basic' | 'Standard' | 'Premium' | 'Classic';

/** The registry's `sku.name` when it resolves to a string, else undefined. */
export function registrySkuName(doc: ArmDocument, registry: ArmResource): { value: string; node: import('jsonc-parser').Node } | undefined {
  const sku = doc.resourceValue(registry, 'sku', 'name');
  if (sku && typeof sku.value === 'string') return { value: sku.value, node: sku.node };
  // `"sku": "[variables('sku')]"` with an object value.
  const whole = doc.resourceValue(registry, 'sku');
  if (whole && isPlainObject(whole.value)) {
    const name = getProperty(whole.value, 'name');
    if (typeof name === 'string') return { value: name, node: whole.node };
  }
  return undefined;
}

/** Canonical SKU (ARM compares enum values case-insensitively), or undefined when unknown/unresolved. */
export function canonicalSku(name: string): KnownSku | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === 'basic') return 'Basic';
  if (lower === 'standard') return 'Standard';
  if (lower === 'premium') return 'Premium';
  if (lower === 'classic') return 'Classic';
  return undefined;
}

/** Basic or Standard (or Classic): the tiers without the Premium features. */
export function lowerSku(doc: ArmDocument, registry: ArmResource | undefined): { sku: KnownSku; registry: ArmResource } | undefined {
  if (!registry) return undefined;
  const name = registrySkuName(doc, registry);
  const sku = name ? canonicalSku(name.value) : undefined;
  if (!sku || sku === 'Premium') return undefined;
  return { sku, registry };
}

/** Same Azure region? Case and spaces ignored; symbolic values equal only to themselves; undefined when unknown. */
export function sameLocation(a: ArmValue, b: ArmValue): boolean | undefined {
  const ka = comparableKey(a, { ignoreSpaces: true });
  const kb = comparableKey(b, { ignoreSpaces: true });
  if (ka === undefined || kb === undefined) return undefined;
  if (ka === kb) return true;
  // Two different concrete regions are different; a symbol vs anything else is unknown.
  return ka.startsWith('s:') && kb.startsWith('s:') && !ka.includes('\u0000') && !kb.includes('\u0000') ? false : undefined;
}

export function isType(resource: ArmResource, type: string): boolean {
  return resource.type?.toLowerCase() === type.toLowerCase();
}

export function displayLocation(value: ArmValue): string {
  return typeof value === 'string' ? value : 'the same location expression';
}
