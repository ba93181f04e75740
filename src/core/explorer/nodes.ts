/**
 * The explorer's tree as plain objects: every node has a `type`, an `id` that stays the
 * same across refreshes (so a view keeps expansion and selection), its parent's id, and
 * the texts and facts a view shows. No VS Code types: the extension maps these 1:1.
 */
import type { RegistryRef, RunInfo } from '../azure/index';
import type { ListedManifest, TagInfo } from '../registry/index';

export type NodeType =
  | 'azure'
  | 'tenant'
  | 'subscription'
  | 'otherRegistries'
  | 'registry'
  | 'repositories'
  | 'repository'
  | 'tags'
  | 'tag'
  | 'untagged'
  | 'manifest'
  | 'platform'
  | 'referrer'
  | 'tasks'
  | 'task'
  | 'quickRuns'
  | 'run'
  | 'loadMore'
  | 'message'
  | 'error';

/** Icons the view tells apart. */
export type NodeIcon =
  | 'azure'
  | 'tenant'
  | 'subscription'
  | 'registry'
  | 'folder'
  | 'repository'
  | 'tag'
  | 'index'
  | 'manifest'
  | 'platform'
  | 'referrer'
  | 'locked'
  | 'quarantined'
  | 'warning'
  | 'error'
  | 'info'
  | 'loadMore'
  | 'tasks'
  | 'task'
  | 'task-disabled'
  | 'run-succeeded'
  | 'run-failed'
  | 'run-running'
  | 'run-queued'
  | 'run-canceled'
  | 'run-other';

/** A next step a node offers: the view maps each kind to its command. */
export type ActionKind = 'signIn' | 'enterCredentials' | 'runDiagnostics' | 'showLog' | 'retry' | 'loadMore' | 'clearFilter' | 'addFirewallRule' | 'addRegistry' | 'openSettings';

export interface NodeAction {
  kind: ActionKind;
  title: string;
  /** addFirewallRule: the client IP the registry's 403 named. */
  clientIp?: string;
}

/** Where a registry came from: ARM (login server read from ARM, never guessed) or the acrDoctor.registries setting. */
export interface RegistryTarget {
  /** host[:port] as the registry is addressed. */
  host: string;
  insecureHttp: boolean;
  source: 'azure' | 'configured';
  /** ARM facts for an Azure registry. */
  azure?: RegistryRef & { id: string; sku: string; location: string; tenantId?: string };
}

export interface ExplorerNode {
  type: NodeType;
  /** Stable: the same registry object always gets the same id. */
  id: string;
  parentId?: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: NodeIcon;
  expandable: boolean;
  /** Space-separated flags for `when` clauses, e.g. "tag acr locked". */
  contextValue: string;
  registry?: RegistryTarget;
  repository?: string;
  tag?: string;
  digest?: string;
  tagInfo?: TagInfo;
  manifest?: ListedManifest;
  /** Next steps, first = what a click does (error, load more and message nodes). */
  actions?: NodeAction[];
  /** For Azure nodes: subscription, tenant, task and run. */
  azure?: { tenantId?: string; subscriptionId?: string; taskName?: string; runId?: string };
  /** A run node's run (what "Cancel Run" lists). */
  run?: RunInfo;
}

/** `${parent}/${segment}`; segments are URI-encoded so a name with "/" stays one segment. */
export function childId(parentId: string, kind: string, name?: string): string {
  return `${parentId}/${kind}${name === undefined ? '' : `:${encodeURIComponent(name)}`}`;
}

export const ROOT_ID = 'acrDoctor';
