/**
 * What a command argument asks the diagnostics for. Kept free of `vscode` so the shapes the callers
 * pass (a typed login server, `{ registry, repository }`, an explorer tree node) are unit-tested.
 */
import type { PanelTarget } from '../../webview/diagnostics/messages';
import type { PanelExplanation } from './diagnosticsSession';

export interface DiagnosticsRequest extends PanelTarget {
  insecureHttp?: boolean;
  /** Check ids or areas to run (with what they depend on), e.g. the checks an explained error names. */
  only?: string[];
  /** Check ids or areas to leave out (e.g. `docker` when the machine is not the question). */
  skip?: string[];
  /** The error the panel explains above the results ("Explain an Error…"). */
  explanation?: PanelExplanation;
}

/** A registry node's target as the explorer holds it (`node.registry`): host plus how to reach it. */
interface ExplorerTarget {
  host: string;
  insecureHttp?: boolean;
}

function explorerTarget(value: unknown): ExplorerTarget | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const t = value as Record<string, unknown>;
  return typeof t.host === 'string' && t.host.trim() ? { host: t.host.trim(), insecureHttp: t.insecureHttp === true ? true : undefined } : undefined;
}

/** Pulls `{ registry, repository?, … }` out of a command argument (explorer nodes pass it), checked. */
export function diagnosticsRequestFrom(arg: unknown): DiagnosticsRequest | undefined {
  // A bare login server (the explorer's error nodes pass `node.registry.host`).
  if (typeof arg === 'string') return arg.trim() ? { registry: arg.trim() } : undefined;
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  // An explorer node (registry, repository, tag…) carries its registry as an object.
  const node = explorerTarget(a.registry);
  if (node) return diagnosticsRequestFrom({ registry: node.host, insecureHttp: node.insecureHttp, repository: typeof a.repository === 'string' ? a.repository : undefined });
  if (typeof a.registry !== 'string' || a.registry.trim() === '') return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  // REPO:TAG or REPO@DIGEST in `repository` (as typed), unless `reference` is given.
  let repository = typeof a.repository === 'string' && a.repository ? a.repository : undefined;
  let reference = typeof a.reference === 'string' && a.reference ? a.reference : undefined;
  if (repository && !reference) {
    const at = repository.indexOf('@');
    const colon = repository.lastIndexOf(':');
    if (at !== -1) [repository, reference] = [repository.slice(0, at), repository.slice(at + 1)];
    else if (colon !== -1 && !repository.slice(colon).includes('/')) [repository, reference] = [repository.slice(0, colon), repository.slice(colon + 1)];
  }
  return {
    registry: a.registry.trim(),
    ...(repository ? { repository } : {}),
    ...(reference ? { reference } : {}),
    ...(typeof a.insecureHttp === 'boolean' ? { insecureHttp: a.insecureHttp } : {}),
    ...(list(a.only) ? { only: list(a.only) } : {}),
    ...(list(a.skip) ? { skip: list(a.skip) } : {}),
  };
}

/** The subscriptions "Check all registries" is asked for: `{ subscriptionIds }`, or a subscription node of the explorer. */
export function fleetRequestFrom(arg: unknown): string[] | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { subscriptionIds?: unknown; azure?: { subscriptionId?: unknown } };
  if (Array.isArray(a.subscriptionIds)) return a.subscriptionIds.filter((s): s is string => typeof s === 'string');
  return typeof a.azure?.subscriptionId === 'string' ? [a.azure.subscriptionId] : undefined;
}
