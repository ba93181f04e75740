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

/** Editor language ids that can hold each kind, for untitled documents (no file name to go by). */
const LANGUAGE_KIND: Record<string, FileKind> = { dockerfile: 'dockerfile', containerfile: 'dockerfile' };

/**
 * Kind of an editor document: by file name and content first, then by the editor's
 * language id (untitled documents, or files the user set a language for).
 */
export function detectFileKindForEditor(fileName: string, languageId: string, text: string): FileKind | undefined {
  const byName = detectFileKind(fileName, text);
  if (byName) return byName;
  if (LANGUAGE_KIND[languageId]) return LANGUAGE_KIND[languageId];
  if ((languageId === 'json' || languageId === 'jsonc' || languageId === 'arm-template') && looksLikeArmTemplate(text)) return 'arm-template';
  return undefined;
}

/**
 * The Dockerfile a `.dockerignore` belongs to: `X.dockerignore` serves the Dockerfile `X`
 * (BuildKit and az acr build both honour that), a plain `.dockerignore` serves `Dockerfile`.
 * Returns a path in the same folder, using the same separator style as the input.
 */
export function dockerfileForDockerignore(dockerignorePath: string): string {
  const cut = Math.max(dockerignorePath.lastIndexOf('/'), dockerignorePath.lastIndexOf('\\'));
  const dir = dockerignorePath.slice(0, cut + 1);
  const base = dockerignorePath.slice(cut + 1);
  const specific = base.toLowerCase().endsWith('.dockerignore') && base.length > '.dockerignore'.length;
  return dir + (specific ? base.slice(0, -'.dockerignore'.length) : 'Dockerfile');
}
