import type { FileKind } from './types';

const ARM_SCHEMA = /deploymentTemplate\.json#?/i;

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] ?? fileName;
}

/**
 * Which linter a file belongs to, by name first and by content where the name
 * is not enough (ARM templates are plain `.json` files with a deployment `$schema`).
 */
export function detectFileKind(fileName: string, text?: string): FileKind | undefined {
  const base = baseName(fileName);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile') || /^(dockerfile|containerfile)[.-]/.test(lower)) {
    return 'dockerfile';
  }
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore') || lower === '.containerignore') return 'dockerignore';
  if (lower === 'daemon.json') return 'daemon-json';
  const normalized = fileName.replace(/\\/g, '/');
  if (/(^|\/)sysconfig\/docker$/.test(normalized)) return 'sysconfig-docker';
  if ((lower.endsWith('.json') || lower.endsWith('.jsonc')) && text !== undefined && looksLikeArmTemplate(text)) return 'arm-template';
  return undefined;
}

/** Cheap sniff: the deployment-template `$schema` near the top of the file. */
export function looksLikeArmTemplate(text: string): boolean {
  const head = text.slice(0, 4096);
  return /"\$schema"\s*:\s*"[^"]*/.test(head) && ARM_SCHEMA.test(head);
}
