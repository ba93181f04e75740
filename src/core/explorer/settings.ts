/**
 * The explorer's settings as typed values (user-typed JSON can be anything), and the
 * texts commands build from registry facts. No vscode import: unit-tested in plain node.
 */
import { isAcrHost } from '../reference/imageReference';
import type { TagOrder } from '../registry/index';
import type { ConfiguredRegistry, ExplorerSettings } from './dataSource';

/** host[:port]: a DNS name or IPv4/[IPv6] literal, optional port; no scheme, no path. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** `acrDoctor.registries`: [{ host, insecureHttp }]; strings are accepted as hosts; invalid and duplicate entries dropped. */
export function parseRegistries(value: unknown): ConfiguredRegistry[] {
  if (!Array.isArray(value)) return [];
  const out: ConfiguredRegistry[] = [];
  const seen = new Set<string>();
  for (const entry of value) {
    const raw = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as { host?: unknown }).host : undefined;
    const normalised = typeof raw === 'string' ? normaliseHost(raw) : undefined;
    if (!normalised || seen.has(normalised.toLowerCase())) continue;
    seen.add(normalised.toLowerCase());
    const insecure = typeof entry === 'object' && entry !== null && (entry as { insecureHttp?: unknown }).insecureHttp === true;
    out.push({ host: normalised, insecureHttp: insecure });
  }
  return out;
}

/** What a person typed ("https://Reg.example:5000/", "reg.example") as host[:port], or undefined when it is not one. */
export function normaliseHost(text: string): string | undefined {
  const trimmed = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  return HOST.test(trimmed) ? trimmed : undefined;
}

export function parseExplorerSettings(pageSize: unknown, tagOrder: unknown): ExplorerSettings {
  const size = typeof pageSize === 'number' && Number.isFinite(pageSize) ? Math.min(1000, Math.max(10, Math.round(pageSize))) : 100;
  const order: TagOrder = tagOrder === 'name' ? 'name' : 'newest';
  return { pageSize: size, tagOrder: order };
}

/** `host/repo:tag` or `host/repo@digest`; an ACR login server in lower case (FAQ F25: docker matches names exactly). */
export function imageReference(host: string, repository: string, ref: { tag?: string; digest?: string }): string {
  const registry = isAcrHost(host) ? host.toLowerCase() : host;
  return ref.digest && !ref.tag ? `${registry}/${repository}@${ref.digest}` : `${registry}/${repository}:${ref.tag ?? 'latest'}`;
}

/** Only printable ASCII reaches a terminal or the clipboard as a command: a name with anything else is refused. */
export function safeForShell(text: string): boolean {
  return /^[A-Za-z0-9._\-/:@[\]]+$/.test(text);
}
