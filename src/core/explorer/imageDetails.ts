/**
 * "Show Config and Layers": one image's config (platform, entrypoint, user, ports, labels, env
 * names) and its layers with sizes and the history line that made each, as a Markdown document.
 * Everything in it came from the registry, so every string is escaped (control characters,
 * look-alikes, Markdown), and env values are never shown: images routinely carry secrets there.
 */
import type { FetchedManifest, ImageConfigBlob } from '../registry/index';
import { absoluteTime, formatSize } from './format';

/** Bound on rows shown: a hostile or huge image still gives a readable document. */
const MAX_ROWS = 500;
const MAX_CELL = 300;

export interface ImageDetailsInput {
  reference: string;
  manifest: FetchedManifest;
  config?: ImageConfigBlob;
}

export function imageDetailsDocument({ reference, manifest, config }: ImageDetailsInput): string {
  const lines = [`# ${text(reference)}`, '', `- Manifest: ${code(manifest.digest)} (${code(manifest.mediaType)}, ${formatSize(manifest.size) ?? '?'})`];
  if (manifest.platforms) {
    lines.push('', 'This is a multi-platform index: it has no config or layers of its own. Its platforms:', '');
    for (const child of manifest.platforms.slice(0, MAX_ROWS)) lines.push(`- ${text(platformText(child.platform) ?? 'unknown platform')}: ${code(child.digest)}`);
    return lines.join('\n');
  }
  const layers = layersOf(manifest.body);
  const total = layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);
  lines.push(`- Layers: ${layers.length}, ${formatSize(total) ?? '0 B'} compressed (what a pull downloads at most; layers already present are skipped)`);
  if (!config) {
    lines.push('', 'No config blob (an artifact, not a runnable image).');
  } else {
    lines.push(`- Config: ${code(config.digest)} (${formatSize(config.size) ?? '?'})`);
    if (config.json === undefined) lines.push('', 'The config is not JSON (an artifact\'s config can be anything): nothing more to show.');
    else lines.push('', ...configSection(config.json));
  }
  lines.push('', '## Layers', '');
  if (layers.length === 0) lines.push('None.');
  else {
    const history = layerHistory(config?.json);
    lines.push('| # | Digest | Size | Media type | Created by |', '| --- | --- | --- | --- | --- |');
    layers.slice(0, MAX_ROWS).forEach((layer, i) => {
      lines.push(`| ${i + 1} | ${code(layer.digest ?? '?')} | ${formatSize(layer.size) ?? '?'} | ${code(layer.mediaType ?? '?')} | ${history[i] === undefined ? '' : code(history[i] as string)} |`);
    });
    if (layers.length > MAX_ROWS) lines.push('', `…and ${layers.length - MAX_ROWS} more layers.`);
  }
  return lines.join('\n');
}

function configSection(json: unknown): string[] {
  const root = record(json);
  const inner = record(root.config);
  const out = ['## Config', ''];
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out.push(`- ${label}: ${value}`);
  };
  row('Platform', text(platformText({ os: str(root.os), architecture: str(root.architecture), variant: str(root.variant) }) ?? ''));
  const created = str(root.created);
  row('Created', created && (absoluteTime(created) ?? text(created)));
  row('Author', str(root.author) && text(str(root.author) as string));
  row('Entrypoint', list(inner.Entrypoint));
  row('Cmd', list(inner.Cmd));
  row('User', str(inner.User) ? code(str(inner.User) as string) : 'root (no USER set)');
  row('Working directory', str(inner.WorkingDir) && code(str(inner.WorkingDir) as string));
  row('Exposed ports', keys(inner.ExposedPorts));
  row('Volumes', keys(inner.Volumes));
  row('Stop signal', str(inner.StopSignal) && code(str(inner.StopSignal) as string));
  const env = Array.isArray(inner.Env) ? inner.Env.filter((e): e is string => typeof e === 'string') : [];
  if (env.length) row('Environment (names only; values may hold secrets)', env.slice(0, MAX_ROWS).map((e) => code(e.split('=')[0] ?? '')).join(', '));
  const labels = Object.entries(record(inner.Labels)).filter(([, v]) => typeof v === 'string');
  if (labels.length) {
    out.push('', '### Labels', '');
    for (const [key, value] of labels.slice(0, MAX_ROWS)) out.push(`- ${code(key)}: ${code(value as string)}`);
  }
  return out;
}

/** The history line of each non-empty layer, in layer order (history also lists ENV/CMD steps that made no layer). */
function layerHistory(json: unknown): Array<string | undefined> {
  const history = record(json).history;
  if (!Array.isArray(history)) return [];
  return history.filter((h) => record(h).empty_layer !== true).map((h) => str(record(h).created_by) ?? str(record(h).comment));
}

interface LayerDescriptor {
  digest?: string;
  size?: number;
  mediaType?: string;
}

function layersOf(body: unknown): LayerDescriptor[] {
  const layers = record(body).layers;
  if (!Array.isArray(layers)) return [];
  return layers.map((l) => {
    const layer = record(l);
    return { digest: str(layer.digest), size: typeof layer.size === 'number' ? layer.size : undefined, mediaType: str(layer.mediaType) };
  });
}

function platformText(platform: { os?: string; architecture?: string; variant?: string } | undefined): string | undefined {
  if (!platform?.os && !platform?.architecture) return undefined;
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return code(JSON.stringify(value.map((v) => String(v))));
}

function keys(value: unknown): string | undefined {
  const names = Object.keys(record(value));
  return names.length ? names.slice(0, MAX_ROWS).map(code).join(', ') : undefined;
}

/**
 * Free text from an image (labels, history, author) keeps its Unicode, but control, bidi and zero-width
 * characters are shown as escapes: they could hide or reorder what is shown.
 */
function visible(value: string): string {
  let out = '';
  for (const char of value) {
    const c = char.codePointAt(0) ?? 0;
    const hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029 || c === 0x061c || c === 0xfeff;
    out += hidden ? `\\u{${c.toString(16)}}` : char;
  }
  return bounded(out);
}

/** Registry text as plain Markdown: hidden characters escaped, Markdown punctuation neutralised, bounded. */
function text(value: string): string {
  return visible(value).replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`);
}

/** Registry text in a code span: hidden characters escaped, bounded, and fenced with more backticks than it holds. */
function code(value: string): string {
  const shown = visible(value).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${shown} ${fence}` : `${fence}${shown}${fence}`;
}

function bounded(value: string): string {
  return value.length > MAX_CELL ? `${value.slice(0, MAX_CELL)}…` : value;
}
