import type { Severity } from '../core/lint/types';

const SEVERITIES = new Set<string>(['off', 'error', 'warning', 'info', 'hint']);

// Small sanitisers (as vscode-eslint does): settings are user-typed JSON and can be anything.
/** No vscode import here: these are unit-tested in plain node. */
export const from = {
  boolean(value: unknown, fallback: boolean): boolean {
    return typeof value === 'boolean' ? value : fallback;
  },
  number(value: unknown, fallback: number, min: number, max: number): number {
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  },
  /** A trimmed non-empty string, else undefined. */
  text(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  },
  oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
    const trimmed = typeof value === 'string' ? value.trim() : undefined;
    return allowed.find((option) => option === trimmed) ?? fallback;
  },
  stringArray(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  },
  ruleLevels(value: unknown): Record<string, 'off' | Severity> {
    const out: Record<string, 'off' | Severity> = {};
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, level] of Object.entries(value as Record<string, unknown>)) {
        if (typeof level === 'string' && SEVERITIES.has(level.toLowerCase())) out[key.toUpperCase().startsWith('ACR') ? key.toUpperCase() : key] = level.toLowerCase() as 'off' | Severity;
      }
    }
    return out;
  },
};

