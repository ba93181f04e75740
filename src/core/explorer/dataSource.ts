/**
 * The explorer's tree, editor-agnostic: children of every node, page by page, with
 * "Load more…" nodes, errors as nodes, a prefix filter on repositories, lazily loaded
 * details, refresh of one subtree and abort on collapse. A view (the extension's
 * TreeDataProvider) maps nodes 1:1 and calls these methods; it holds no logic of its own.
 *
 * State is kept per container node id: collapsing and expanding again shows the pages
 * already loaded without a request; `refresh(id)` forgets that node and its subtree only.
 */
import type { RegistryRef, RegistrySummary, RunInfo, StorageUsage, SubscriptionSummary, TaskInfo, TenantSummary } from '../azure/index';
import { isAbortError } from '../errors';
import type { ChangeableAttributes, FetchedManifest, ListedManifest, LockTarget, ManifestInfo, RegistryPages, TagInfo, TagOrder } from '../registry/index';
import { errorNode } from './errorNodes';
import { absoluteTime, codeSpan, escapeName, formatPlatform, formatSize, isQuarantined, lockState, md, relativeTime, shortDigest } from './format';
import { childId, ROOT_ID, type ExplorerNode, type NodeType, type RegistryTarget } from './nodes';
import { quickRunsNode, runNode, taskNode } from './taskNodes';
import { isAcrHost } from '../reference/imageReference';

/** What the tree needs of a registry client (RegistryClient has it all). */
export interface ExplorerRegistryClient {
  readonly paged: Pick<RegistryPages, 'repositoryPage' | 'tagPage' | 'manifestPage'>;
  getManifest(repo: string, reference: string, opts?: { signal?: AbortSignal }): Promise<FetchedManifest>;
  referrers(repo: string, digest: string, opts?: { signal?: AbortSignal }): Promise<ManifestInfo[]>;
  /** ACR locks (FAQ F32): read for a repository when it is expanded or hovered, never up front. */
  changeableAttributes?(target: LockTarget, opts?: { signal?: AbortSignal }): Promise<ChangeableAttributes>;
}

/** What the tree shows of a task (the Azure layer's TaskInfo). */
export type TaskSummary = TaskInfo;

/** Which runs, newest first: of one task, or (quick) those without a task; at most `top`. */
export interface RunsQuery {
  taskName?: string;
  quick?: boolean;
  top?: number;
}

/** The Azure part of the tree; the extension implements it over the signed-in account. */
export interface AzureBrowser {
  isSignedIn(signal?: AbortSignal): Promise<boolean>;
  tenants(signal?: AbortSignal): Promise<TenantSummary[]>;
  /** The user's subscription selection within a tenant (undefined = the current tenant). */
  subscriptions(tenantId: string | undefined, signal?: AbortSignal): Promise<SubscriptionSummary[]>;
  registries(subscriptionId: string, signal?: AbortSignal): Promise<RegistrySummary[]>;
  storageUsage?(ref: RegistryRef, signal?: AbortSignal): Promise<StorageUsage[]>;
  tasks?(ref: RegistryRef, signal?: AbortSignal): Promise<TaskSummary[]>;
  /** Runs newest first: of one task, or (quick) those without a task; at most `top`. */
  runs?(ref: RegistryRef, query: RunsQuery, signal?: AbortSignal): Promise<RunInfo[]>;
}

export interface ConfiguredRegistry {
  host: string;
  insecureHttp: boolean;
}

export interface ExplorerSettings {
  pageSize: number;
  tagOrder: TagOrder;
}

export interface ExplorerOptions {
  client(target: RegistryTarget): ExplorerRegistryClient;
  configured(): ConfiguredRegistry[];
  azure?: AzureBrowser;
  settings(): ExplorerSettings;
  now?: () => Date;
  /** A node already shown changed (a repository's lock state became known): the view redraws it. */
  onNodeChanged?(node: ExplorerNode): void;
}

interface Loaded {
  items: ExplorerNode[];
  /** Shown before the items (filter in use, order note). */
  head?: ExplorerNode[];
  next?: string;
  /** The listing ended early for this reason (a Link loop): shown after the items. */
  stopped?: unknown;
  /** Set when a listing is not possible at all (untagged on plain /v2). */
  empty?: ExplorerNode;
}

interface ChildState {
  head: ExplorerNode[];
  items: ExplorerNode[];
  next?: string;
  /** An error (or the page limit) after the items; "Retry" loads the page again. */
  tail?: ExplorerNode;
  empty?: ExplorerNode;
  controller: AbortController;
  loading?: Promise<void>;
  pagesLoaded: number;
}

/** Bound on listing pages read to fill one page of untagged manifests (most entries may be tagged). */
const MAX_LISTING_PAGES_PER_UNTAGGED_PAGE = 50;

export class ExplorerDataSource {
  private readonly states = new Map<string, ChildState>();
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly filters = new Map<string, string>();
  private readonly now: () => Date;

  constructor(private readonly options: ExplorerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The latest node object for an id (views fire change events with it). */
  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  /** Children of a node (the root when undefined): cached pages, or the first page loaded now. */
  async children(parent?: ExplorerNode): Promise<ExplorerNode[]> {
    const id = parent?.id ?? ROOT_ID;
    let state = this.states.get(id);
    if (!state) {
      state = { head: [], items: [], controller: new AbortController(), pagesLoaded: 0 };
      this.states.set(id, state);
      state.loading = this.load(parent, state, true);
    }
    if (state.loading) await state.loading;
    if (this.states.get(id) !== state) return this.children(parent);
    return this.render(parent, state);
  }

  /** Loads the next page of a container (the "Load more…" or "Retry" of its last node). Returns the container to refresh. */
  async loadMore(containerId: string): Promise<ExplorerNode | undefined> {
    const state = this.states.get(containerId);
    if (!state) return this.nodes.get(containerId);
    if (state.loading) {
      await state.loading;
      return this.nodes.get(containerId);
    }
    if (!state.next && !state.tail) return this.nodes.get(containerId);
    if (!state.next && state.pagesLoaded > 0) {
      // A listing that stopped (Link loop): "Retry" starts it over from its first page.
      this.refresh(containerId);
      return this.nodes.get(containerId);
    }
    state.loading = this.load(this.nodes.get(containerId), state, state.pagesLoaded === 0);
    await state.loading;
    return this.nodes.get(containerId);
  }

  /** Forgets a node's loaded children and its whole subtree (only that), aborting their requests. */
  refresh(id: string = ROOT_ID): void {
    for (const [key, state] of this.states) {
      if (id === ROOT_ID || key === id || key.startsWith(`${id}/`)) {
        state.controller.abort();
        this.states.delete(key);
      }
    }
  }

  /** A sign-in change: the root (the Azure node may come or go) and the Azure subtree; Other registries keep what they loaded. */
  refreshAzure(): void {
    this.forgetOwn(ROOT_ID);
    this.refresh(childId(ROOT_ID, 'azure'));
  }

  /** The acrDoctor.registries setting changed: the root and Other registries; the Azure part keeps what it loaded. */
  refreshOtherRegistries(): void {
    this.forgetOwn(ROOT_ID);
    this.refresh(childId(ROOT_ID, 'other'));
  }

  private forgetOwn(id: string): void {
    this.states.get(id)?.controller.abort();
    this.states.delete(id);
  }

  /** Collapsing aborts the node's requests in flight; pages already loaded stay. */
  collapse(id: string): void {
    for (const [key, state] of this.states) {
      if ((key === id || key.startsWith(`${id}/`)) && state.loading) {
        state.controller.abort();
        state.controller = new AbortController();
      }
    }
  }

  /** Narrows a Repositories node to names starting with `prefix` (empty = no filter), using the registry's own paging. */
  setFilter(repositoriesId: string, prefix: string): void {
    const trimmed = prefix.trim();
    if (trimmed) this.filters.set(repositoriesId, trimmed);
    else this.filters.delete(repositoriesId);
    this.refresh(repositoriesId);
    const node = this.nodes.get(repositoriesId);
    if (node) node.description = trimmed ? `filter: ${escapeName(trimmed).text}*` : undefined;
  }

  filterOf(repositoriesId: string): string | undefined {
    return this.filters.get(repositoriesId);
  }

  /** Whether details() adds to the node's tooltip (a view then leaves the tooltip to be resolved on hover). */
  hasDetails(node: ExplorerNode): boolean {
    if (node.type === 'registry') return node.registry?.azure !== undefined && this.options.azure?.storageUsage !== undefined;
    // A repository's lock state (ACR) is read on hover, one GET, never for every listed repository.
    if (node.type === 'repository') return node.registry !== undefined && node.repository !== undefined;
    return (node.type === 'tag' || node.type === 'manifest' || node.type === 'platform') && node.registry !== undefined && node.repository !== undefined;
  }

  /** Details for a tooltip, read when the user hovers (never one request per tag up front). */
  async details(node: ExplorerNode, signal?: AbortSignal): Promise<string | undefined> {
    const registry = node.registry;
    try {
      if (node.type === 'repository' && registry && node.repository) {
        const attributes = await this.readRepositoryLock(node, signal);
        if (attributes || !node.contextValue.split(' ').includes('acr')) return node.tooltip;
        return `${node.tooltip ?? ''}\n\nLock: not readable here (needs metadata_read on the repository)`;
      }
      if (node.type === 'registry' && registry?.azure && this.options.azure?.storageUsage) {
        const usages = await this.options.azure.storageUsage(registry.azure, signal);
        return `${node.tooltip ?? ''}\n\n${storageText(usages)}`;
      }
      if ((node.type === 'tag' || node.type === 'manifest' || node.type === 'platform') && registry && node.repository) {
        const reference = node.digest ?? node.tag;
        if (!reference) return node.tooltip;
        const manifest = await this.options.client(registry).getManifest(node.repository, reference, { signal });
        const lines = [`**Media type:** \`${manifest.mediaType}\``, `**Manifest digest:** \`${manifest.digest}\``, `**Manifest size:** ${formatSize(manifest.size)}`];
        const config = configOf(manifest.body);
        const layers = layersOf(manifest.body);
        if (layers.length) lines.push(`**Layers:** ${layers.length}, ${formatSize(layers.reduce((sum, size) => sum + size, 0))} compressed${config ? ` (+ config ${formatSize(config)})` : ''}`);
        if (manifest.platforms?.length) lines.push(`**Platforms:** ${manifest.platforms.map((p) => md(formatPlatform(p.platform) ?? shortDigest(p.digest) ?? '')).join(', ')}`);
        return `${node.tooltip ?? ''}\n\n${lines.join('  \n')}`;
      }
    } catch (error) {
      if (isAbortError(error)) return node.tooltip;
      const message = error instanceof Error ? error.message : String(error);
      return `${node.tooltip ?? ''}\n\n*Details could not be read:* ${md(message)}`;
    }
    return node.tooltip;
  }

  // ---- loading -----------------------------------------------------------------------------

  private async load(parent: ExplorerNode | undefined, state: ChildState, first: boolean): Promise<void> {
    const id = parent?.id ?? ROOT_ID;
    const signal = state.controller.signal;
    try {
      const loaded = await this.loadPage(parent, first ? undefined : state.next, signal);
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      for (const item of [...loaded.items, ...(loaded.head ?? [])]) this.nodes.set(item.id, item);
      if (first) state.head = loaded.head ?? [];
      state.items.push(...loaded.items);
      state.next = loaded.next;
      state.empty = loaded.empty;
      state.tail = loaded.stopped ? errorNode(loaded.stopped, id, { what: describeLoad(parent), registry: parent?.registry }) : undefined;
      state.pagesLoaded++;
    } catch (error) {
      if (isAbortError(error) || signal.aborted) {
        // Nothing loaded yet: forget the state so the next expansion starts over.
        if (state.pagesLoaded === 0 && this.states.get(id) === state) this.states.delete(id);
        return;
      }
      state.tail = errorNode(error, id, { what: describeLoad(parent), registry: parent?.registry });
    } finally {
      state.loading = undefined;
    }
  }

  private render(parent: ExplorerNode | undefined, state: ChildState): ExplorerNode[] {
    const id = parent?.id ?? ROOT_ID;
    const out = [...state.head, ...state.items];
    if (state.tail) {
      this.nodes.set(state.tail.id, state.tail);
      out.push(state.tail);
    } else if (state.next) {
      const more = this.loadMoreNode(id, parent?.type, state.items.length);
      this.nodes.set(more.id, more);
      out.push(more);
    } else if (state.items.length === 0 && parent) {
      const empty = state.empty ?? this.message(id, 'empty', emptyText(parent.type), 'info');
      this.nodes.set(empty.id, empty);
      out.push(empty);
    }
    return out;
  }

  private loadMoreNode(parentId: string, type: NodeType | undefined, shown: number): ExplorerNode {
    const what = type === 'repositories' ? 'repositories' : type === 'tags' ? 'tags' : type === 'untagged' ? 'untagged manifests' : type === 'task' || type === 'quickRuns' ? 'runs' : 'items';
    return {
      type: 'loadMore',
      id: childId(parentId, 'loadMore'),
      parentId,
      label: 'Load more…',
      description: `${shown} ${what} shown so far`,
      tooltip: `${shown} ${what} are shown. Click to load the next page (setting acrDoctor.explorer.pageSize).`,
      icon: 'loadMore',
      expandable: false,
      contextValue: 'loadMore',
      actions: [{ kind: 'loadMore', title: 'Load more' }],
    };
  }

  private message(parentId: string, kind: string, label: string, icon: 'info' | 'warning', extra: Partial<ExplorerNode> = {}): ExplorerNode {
    return { type: 'message', id: childId(parentId, kind), parentId, label, icon, expandable: false, contextValue: 'message', ...extra };
  }

  private async loadPage(parent: ExplorerNode | undefined, cursor: string | undefined, signal: AbortSignal): Promise<Loaded> {
    if (!parent) return this.rootChildren(signal);
    const registry = parent.registry;
    const { pageSize, tagOrder } = this.options.settings();
    switch (parent.type) {
      case 'azure':
        return this.azureChildren(parent, signal);
      case 'tenant':
        return { items: (await this.azureBrowser().subscriptions(parent.azure?.tenantId, signal)).map((s) => this.subscriptionNode(parent, s)) };
      case 'subscription': {
        const registries = await this.azureBrowser().registries(parent.azure?.subscriptionId ?? '', signal);
        return { items: registries.map((r) => this.registryNode(parent.id, { host: r.loginServer, insecureHttp: false, source: 'azure', azure: { ...r, tenantId: parent.azure?.tenantId } })) };
      }
      case 'otherRegistries':
        return { items: this.options.configured().map((c) => this.registryNode(parent.id, { host: c.host, insecureHttp: c.insecureHttp, source: 'configured' })) };
      case 'registry': {
        const items = [this.container(parent, 'repositories', 'Repositories', 'folder')];
        // Classic registries have no ACR Tasks.
        if (registry?.azure && this.options.azure?.tasks && registry.azure.sku.toLowerCase() !== 'classic') items.push(this.container(parent, 'tasks', 'Tasks', 'tasks'));
        return { items };
      }
      case 'repositories': {
        const prefix = this.filters.get(parent.id);
        const page = await this.client(parent).paged.repositoryPage({ pageSize, cursor, prefix, signal });
        const head = prefix ? [this.message(parent.id, 'filter', `Showing names starting with "${escapeName(prefix).text}"`, 'info', { description: 'clear filter', actions: [{ kind: 'clearFilter', title: 'Clear the filter' }], contextValue: 'message filter' })] : undefined;
        return { items: page.items.map((name) => this.repositoryNode(parent, name)), next: page.next, stopped: page.stopped, head };
      }
      case 'repository':
        // Its lock state is read now (one GET), not when the repository was listed.
        void this.readRepositoryLock(parent, signal).then((attributes) => {
          if (attributes) this.options.onNodeChanged?.(parent);
        });
        return { items: [this.container(parent, 'tags', 'Tags', 'folder'), this.container(parent, 'untagged', 'Untagged manifests', 'folder')] };
      case 'tags': {
        const page = await this.client(parent).paged.tagPage(parent.repository ?? '', { pageSize, cursor, order: tagOrder, signal });
        const head = page.orderNote ? [this.message(parent.id, 'order', "In the registry's own order", 'info', { tooltip: md(page.orderNote), description: 'Docker Registry v2 cannot sort tags' })] : undefined;
        return { items: page.items.map((tag) => this.tagNode(parent, tag, page.source === 'acr')), next: page.next, stopped: page.stopped, head };
      }
      case 'untagged':
        return this.untaggedPage(parent, pageSize, cursor, signal);
      case 'tag':
      case 'manifest':
        return this.manifestChildren(parent, signal);
      case 'tasks':
        return this.taskChildren(parent, signal);
      case 'task':
      case 'quickRuns':
        return this.runChildren(parent, pageSize, cursor, signal);
      default:
        return { items: [] };
    }
  }

  private async rootChildren(signal: AbortSignal): Promise<Loaded> {
    const items: ExplorerNode[] = [];
    const azure = this.options.azure;
    let signedIn = false;
    let azureError: unknown;
    if (azure) {
      try {
        signedIn = await azure.isSignedIn(signal);
      } catch (error) {
        azureError = error;
      }
    }
    const configured = this.options.configured();
    if (signedIn) items.push({ type: 'azure', id: childId(ROOT_ID, 'azure'), parentId: ROOT_ID, label: 'Azure', icon: 'azure', expandable: true, contextValue: 'azure' });
    if (configured.length) {
      items.push({ type: 'otherRegistries', id: childId(ROOT_ID, 'other'), parentId: ROOT_ID, label: 'Other registries', description: `${configured.length}`, tooltip: 'Registries from the setting acrDoctor.registries (any Docker Registry v2).', icon: 'folder', expandable: true, contextValue: 'otherRegistries' });
    }
    // Empty = the view shows its welcome content (Sign in to Azure, Add Registry…).
    if (items.length === 0 && !azureError) return { items };
    if (azure && !signedIn) {
      const failed = azureError ? errorNode(azureError, ROOT_ID, { what: 'check the Azure sign-in' }) : undefined;
      items.unshift(failed ?? this.message(ROOT_ID, 'signIn', 'Azure: not signed in', 'info', { description: 'Sign in to Azure', actions: [{ kind: 'signIn', title: 'Sign in to Azure' }], contextValue: 'message signIn' }));
    }
    return { items };
  }

  private async azureChildren(parent: ExplorerNode, signal: AbortSignal): Promise<Loaded> {
    const azure = this.azureBrowser();
    const tenants = await azure.tenants(signal);
    if (tenants.length > 1) {
      return {
        items: tenants.map((t) => ({ type: 'tenant', id: childId(parent.id, 'tenant', t.tenantId), parentId: parent.id, label: t.displayName ?? t.tenantId, description: t.defaultDomain, tooltip: `Tenant \`${t.tenantId}\``, icon: 'tenant', expandable: true, contextValue: 'tenant', azure: { tenantId: t.tenantId } }) as ExplorerNode),
      };
    }
    return { items: (await azure.subscriptions(tenants[0]?.tenantId, signal)).map((s) => this.subscriptionNode(parent, s)) };
  }

  private subscriptionNode(parent: ExplorerNode, s: SubscriptionSummary): ExplorerNode {
    return { type: 'subscription', id: childId(parent.id, 'sub', s.id), parentId: parent.id, label: s.name, description: s.state && s.state !== 'Enabled' ? s.state : undefined, tooltip: `Subscription \`${s.id}\``, icon: 'subscription', expandable: true, contextValue: 'subscription', azure: { tenantId: s.tenantId ?? parent.azure?.tenantId, subscriptionId: s.id } };
  }

  private async untaggedPage(parent: ExplorerNode, pageSize: number, cursor: string | undefined, signal: AbortSignal): Promise<Loaded> {
    const pages = this.client(parent).paged;
    const repo = parent.repository ?? '';
    const items: ExplorerNode[] = [];
    let next = cursor;
    for (let read = 0; read < MAX_LISTING_PAGES_PER_UNTAGGED_PAGE; read++) {
      const page = await pages.manifestPage(repo, { pageSize, cursor: next, signal });
      if (!page.listable) {
        return { items: [], empty: this.message(parent.id, 'notListable', 'Untagged manifests cannot be listed on this registry', 'warning', { tooltip: md(page.reason), description: 'Docker Registry v2 has no manifest listing' }) };
      }
      for (const manifest of page.items) if (manifest.tags.length === 0) items.push(this.manifestNode(parent, manifest));
      next = page.next;
      if (page.stopped) return { items, stopped: page.stopped };
      if (!next || items.length >= pageSize) break;
    }
    return { items, next };
  }

  private async manifestChildren(parent: ExplorerNode, signal: AbortSignal): Promise<Loaded> {
    const registry = parent.registry;
    const repo = parent.repository ?? '';
    const reference = parent.digest ?? parent.tag ?? '';
    if (!registry) return { items: [] };
    const client = this.options.client(registry);
    const manifest = await client.getManifest(repo, reference, { signal });
    const items: ExplorerNode[] = (manifest.platforms ?? []).map((child) => this.platformNode(parent, child.digest, formatPlatform(child.platform)));
    let referrers: ManifestInfo[] = [];
    try {
      referrers = await client.referrers(repo, manifest.digest, { signal });
    } catch (error) {
      const failed = errorNode(error, parent.id, { what: `list the referrers of ${shortDigest(manifest.digest)}`, registry });
      if (failed) items.push(failed);
    }
    for (const referrer of referrers) items.push(this.referrerNode(parent, referrer));
    if (items.length === 0) {
      return { items: [this.message(parent.id, 'single', 'Single-platform image; no signatures or SBOMs refer to it', 'info', { description: shortDigest(manifest.digest) })] };
    }
    return { items };
  }

  private async taskChildren(parent: ExplorerNode, signal: AbortSignal): Promise<Loaded> {
    const azure = this.azureBrowser();
    const ref = parent.registry?.azure;
    if (!ref || !azure.tasks) return { items: [] };
    const tasks = await azure.tasks(ref, signal);
    const items = tasks.map((task) => taskNode(parent, task));
    items.push(quickRunsNode(parent));
    return { items };
  }

  /**
   * One page of runs, newest first. Runs_List has no cursor of its own once `$top` is given (`$top`
   * bounds the whole listing), so "Load more…" asks again for `$top` = shown + pageSize and keeps
   * the runs after the last one shown: runs that started meanwhile come first in the service's
   * answer and are not repeated at the bottom. The cursor is `{ top, after }` as JSON.
   */
  private async runChildren(parent: ExplorerNode, pageSize: number, cursor: string | undefined, signal: AbortSignal): Promise<Loaded> {
    const azure = this.azureBrowser();
    const ref = parent.registry?.azure;
    if (!ref || !azure.runs) return { items: [] };
    const previous = cursor ? (JSON.parse(cursor) as { top: number; after: string }) : undefined;
    const top = (previous?.top ?? 0) + pageSize;
    const quick = parent.type === 'quickRuns';
    const runs = await azure.runs(ref, quick ? { quick: true, top } : { taskName: parent.azure?.taskName, top }, signal);
    let fresh = runs;
    if (previous) {
      const last = runs.findIndex((run) => run.runId === previous.after);
      fresh = last >= 0 ? runs.slice(last + 1) : runs.slice(previous.top);
    }
    // A quick run type with a task (a manual run of a task may be typed QuickRun) belongs under its task.
    const shown = quick ? fresh.filter((run) => !run.taskName) : fresh;
    const now = this.now();
    const lastRun = runs.at(-1);
    return { items: shown.map((run) => runNode(parent, run, now)), next: runs.length >= top && lastRun ? JSON.stringify({ top, after: lastRun.runId }) : undefined };
  }

  // ---- nodes -------------------------------------------------------------------------------

  private azureBrowser(): AzureBrowser {
    const azure = this.options.azure;
    if (!azure) throw new Error('Azure is not available in this view.');
    return azure;
  }

  private client(node: ExplorerNode): ExplorerRegistryClient {
    if (!node.registry) throw new Error(`Node ${node.id} has no registry.`);
    return this.options.client(node.registry);
  }

  private container(parent: ExplorerNode, type: NodeType, label: string, icon: ExplorerNode['icon']): ExplorerNode {
    const node: ExplorerNode = { type, id: childId(parent.id, type), parentId: parent.id, label, icon, expandable: true, contextValue: type, registry: parent.registry, repository: parent.repository };
    const prefix = type === 'repositories' ? this.filters.get(node.id) : undefined;
    if (prefix) node.description = `filter: ${escapeName(prefix).text}*`;
    if (type === 'untagged') node.tooltip = 'Manifests no tag points at (ACR lists them; plain Docker Registry v2 cannot). Some are platform manifests of a multi-arch image or signatures: "Clean up untagged manifests" reads every index and referrer first and keeps those.';
    return node;
  }

  registryNode(parentId: string, target: RegistryTarget): ExplorerNode {
    const name = escapeName(target.host);
    const azure = target.azure;
    const description = azure ? `${azure.sku} · ${azure.location}` : target.insecureHttp ? 'plain HTTP' : undefined;
    const lines = [`**${md(name.text)}**`, azure ? `Azure Container Registry ${codeSpan(azure.name)} in resource group ${codeSpan(azure.resourceGroup)}` : 'From the setting acrDoctor.registries', azure ? `SKU: ${md(azure.sku)} · Location: ${md(azure.location)}` : undefined, target.insecureHttp ? 'Plain HTTP (insecureHttp: true)' : undefined].filter(Boolean);
    return { type: 'registry', id: childId(parentId, 'registry', target.host.toLowerCase()), parentId, label: name.text, description, tooltip: lines.join('  \n'), icon: 'registry', expandable: true, contextValue: `registry ${target.source}${azure ? ' acr' : ''}`, registry: target };
  }

  /**
   * Shows a repository's lock state (read on expand or hover, or just changed by a command) on its node,
   * in place so the view keeps it; the view is told through onNodeChanged by the caller.
   */
  noteRepositoryLock(id: string, attributes: ChangeableAttributes): ExplorerNode | undefined {
    const node = this.nodes.get(id);
    const parent = node?.parentId ? this.nodes.get(node.parentId) : undefined;
    if (!node || node.type !== 'repository' || !parent || node.repository === undefined) return undefined;
    Object.assign(node, this.repositoryNode(parent, node.repository, attributes));
    return node;
  }

  /** GET /acr/v1/NAME for a repository node; undefined when this registry or credential has no ACR locks to read. */
  private async readRepositoryLock(node: ExplorerNode, signal?: AbortSignal): Promise<ChangeableAttributes | undefined> {
    const client = node.registry ? this.options.client(node.registry) : undefined;
    if (!client?.changeableAttributes || node.repository === undefined) return undefined;
    try {
      const attributes = await client.changeableAttributes({ kind: 'repository', repository: node.repository }, { signal });
      this.noteRepositoryLock(node.id, attributes);
      return attributes;
    } catch {
      // Plain v2 (locks are an ACR feature), or no metadata_read: the node stays as listed.
      return undefined;
    }
  }

  private repositoryNode(parent: ExplorerNode, name: string, attributes?: ChangeableAttributes): ExplorerNode {
    const shown = escapeName(name);
    const lock = attributes ? lockState(attributes) : undefined;
    const acr = Boolean(parent.registry?.azure) || isAcrHost(parent.registry?.host ?? '') || attributes !== undefined;
    const description = [shown.suspicious ? 'unusual characters (shown escaped)' : undefined, lock?.locked ? lock.text : undefined].filter(Boolean).join(' · ');
    return {
      type: 'repository',
      id: childId(parent.id, 'repo', name),
      parentId: parent.id,
      label: shown.text,
      description: description || undefined,
      tooltip: `**Repository** ${codeSpan(shown.text)} on ${md(parent.registry?.host ?? '')}${shown.suspicious ? '\n\nThis name has characters a valid repository name cannot have; they are shown escaped because they may imitate another name.' : ''}${lock ? `\n\nLock: ${lock.text}${lock.locked ? ' (covers every image in it)' : ''}` : ''}`,
      icon: lock?.locked ? 'locked' : shown.suspicious ? 'warning' : 'repository',
      expandable: true,
      contextValue: `repository${acr ? ' acr' : ''}${lock?.locked ? ' locked' : ''}`,
      registry: parent.registry,
      repository: name,
    };
  }

  private tagNode(parent: ExplorerNode, tag: TagInfo, acr: boolean): ExplorerNode {
    const shown = escapeName(tag.name);
    const now = this.now();
    const lock = lockState(tag.changeableAttributes);
    const updated = tag.lastUpdateTime ?? tag.createdTime;
    const description = [shortDigest(tag.digest), relativeTime(updated, now), lock.locked ? lock.text : undefined, shown.suspicious ? 'unusual characters' : undefined].filter(Boolean).join(' · ');
    const tooltip = [
      `**${md(`${parent.repository ?? ''}:${shown.text}`)}**`,
      tag.digest ? `Digest: \`${tag.digest}\`` : 'Digest: shown when you hover (read from the manifest)',
      tag.createdTime ? `Created: ${relativeTime(tag.createdTime, now)} (${absoluteTime(tag.createdTime)})` : undefined,
      tag.lastUpdateTime ? `Updated: ${relativeTime(tag.lastUpdateTime, now)} (${absoluteTime(tag.lastUpdateTime)})` : undefined,
      acr ? `Lock: ${lock.text}` : undefined,
      shown.suspicious ? 'This tag name has characters a valid tag cannot have (shown escaped).' : undefined,
    ].filter(Boolean);
    return {
      type: 'tag',
      id: childId(parent.id, 'tag', tag.name),
      parentId: parent.id,
      label: shown.text,
      description: description || undefined,
      tooltip: tooltip.join('  \n'),
      icon: lock.locked ? 'locked' : shown.suspicious ? 'warning' : 'tag',
      expandable: true,
      contextValue: `tag${acr ? ' acr' : ''}${lock.locked ? ' locked' : ''}`,
      registry: parent.registry,
      repository: parent.repository,
      tag: tag.name,
      digest: tag.digest,
      tagInfo: tag,
    };
  }

  private manifestNode(parent: ExplorerNode, manifest: ListedManifest): ExplorerNode {
    const now = this.now();
    const lock = lockState(manifest.changeableAttributes);
    const quarantined = isQuarantined(manifest.quarantineState);
    const index = manifest.mediaType?.includes('index') || manifest.mediaType?.includes('manifest.list');
    const description = [formatPlatform(manifest.platform), index ? 'index' : undefined, formatSize(manifest.size), relativeTime(manifest.createdTime, now), lock.locked ? lock.text : undefined, quarantined ? `quarantine: ${manifest.quarantineState}` : undefined].filter(Boolean).join(' · ');
    const tooltip = [
      `**Untagged manifest** \`${manifest.digest}\``,
      manifest.mediaType ? `Media type: \`${manifest.mediaType}\`` : undefined,
      manifest.platform ? `Platform: ${md(formatPlatform(manifest.platform) ?? '')}` : undefined,
      manifest.size !== undefined ? `Size: ${formatSize(manifest.size)}` : undefined,
      manifest.createdTime ? `Created: ${relativeTime(manifest.createdTime, now)} (${absoluteTime(manifest.createdTime)})` : undefined,
      manifest.lastUpdateTime ? `Updated: ${relativeTime(manifest.lastUpdateTime, now)} (${absoluteTime(manifest.lastUpdateTime)})` : undefined,
      `Lock: ${lock.text}`,
      manifest.quarantineState ? `Quarantine: ${md(manifest.quarantineState)}${quarantined ? ' (only pullable once scanned, FAQ F17)' : ''}` : undefined,
      manifest.platform ? 'An untagged platform manifest usually belongs to a multi-arch image: deleting it breaks that image. Cleanup keeps those.' : undefined,
    ].filter(Boolean);
    return {
      type: 'manifest',
      id: childId(parent.id, 'manifest', manifest.digest),
      parentId: parent.id,
      label: shortDigest(manifest.digest) ?? manifest.digest,
      description,
      tooltip: tooltip.join('  \n'),
      icon: quarantined ? 'quarantined' : lock.locked ? 'locked' : index ? 'index' : 'manifest',
      expandable: true,
      contextValue: `manifest untagged acr${lock.locked ? ' locked' : ''}${quarantined ? ' quarantined' : ''}`,
      registry: parent.registry,
      repository: parent.repository,
      digest: manifest.digest,
      manifest,
    };
  }

  private platformNode(parent: ExplorerNode, digest: string, platform: string | undefined): ExplorerNode {
    return {
      type: 'platform',
      id: childId(parent.id, 'platform', digest),
      parentId: parent.id,
      label: platform ?? 'unknown platform',
      description: shortDigest(digest),
      tooltip: `**Platform manifest** ${md(platform ?? '')}  \nDigest: \`${digest}\`  \nUntagged by nature: it belongs to the multi-arch image above.`,
      icon: 'platform',
      expandable: false,
      contextValue: `platform manifest${parent.registry?.azure || parent.contextValue.includes('acr') ? ' acr' : ''}`,
      registry: parent.registry,
      repository: parent.repository,
      digest,
    };
  }

  private referrerNode(parent: ExplorerNode, referrer: ManifestInfo): ExplorerNode {
    const kind = artifactKind(referrer.artifactType);
    return {
      type: 'referrer',
      id: childId(parent.id, 'referrer', referrer.digest),
      parentId: parent.id,
      label: kind,
      description: shortDigest(referrer.digest),
      tooltip: `**Referrer** (${md(referrer.artifactType ?? 'unknown artifact type')})  \nDigest: \`${referrer.digest}\`  \nRefers to \`${referrer.subject ?? ''}\``,
      icon: 'referrer',
      expandable: false,
      contextValue: 'referrer manifest',
      registry: parent.registry,
      repository: parent.repository,
      digest: referrer.digest,
    };
  }
}

function artifactKind(artifactType: string | undefined): string {
  if (!artifactType) return 'referrer';
  if (artifactType.includes('notary') || artifactType.includes('signature') || artifactType.includes('cosign')) return 'signature';
  if (artifactType.includes('spdx') || artifactType.includes('cyclonedx') || artifactType.includes('sbom')) return 'SBOM';
  if (artifactType.includes('vuln') || artifactType.includes('sarif')) return 'scan result';
  return artifactType;
}

function describeLoad(parent: ExplorerNode | undefined): string {
  switch (parent?.type) {
    case undefined:
      return 'load the registries';
    case 'repositories':
      return 'list repositories';
    case 'tags':
      return 'list tags';
    case 'untagged':
      return 'list untagged manifests';
    case 'tag':
    case 'manifest':
      return 'read the manifest';
    case 'azure':
    case 'tenant':
      return 'list Azure subscriptions';
    case 'subscription':
      return 'list registries';
    case 'tasks':
      return 'list tasks';
    case 'task':
      return `list the runs of task ${parent.label}`;
    case 'quickRuns':
      return 'list the runs without a task';
    default:
      return `load ${parent?.label ?? 'this item'}`;
  }
}

function emptyText(type: NodeType): string {
  switch (type) {
    case 'repositories':
      return 'No repositories';
    case 'tags':
      return 'No tags';
    case 'untagged':
      return 'No untagged manifests';
    case 'subscription':
      return 'No container registries in this subscription';
    case 'tasks':
      return 'No tasks';
    case 'task':
    case 'quickRuns':
      return 'No runs';
    default:
      return 'Nothing here';
  }
}

function storageText(usages: StorageUsage[]): string {
  const size = usages.find((u) => u.name.toLowerCase() === 'size');
  if (!size) return 'Storage: not reported';
  const used = formatSize(size.currentValue);
  return `**Storage:** ${used}${size.limit ? ` of ${formatSize(size.limit)} (${size.percent ?? 0}%)` : ''}. Layers shared between images count once, so deleting an image frees only the layers no other image uses (FAQ F10).`;
}

function configOf(body: unknown): number | undefined {
  const config = (body as { config?: { size?: unknown } } | undefined)?.config;
  return typeof config?.size === 'number' ? config.size : undefined;
}

function layersOf(body: unknown): number[] {
  const layers = (body as { layers?: unknown } | undefined)?.layers;
  return Array.isArray(layers) ? layers.map((l) => (l as { size?: unknown })?.size).filter((s): s is number => typeof s === 'number') : [];
}
