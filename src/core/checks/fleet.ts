/**
 * Fleet mode: the management-plane checks over every registry a sign-in can see, several registries
 * at once (bounded), one summary row per registry (the worst status per area). A platform team with
 * hundreds of registries runs this instead of `check-health` one registry at a time.
 *
 * Only checks that need Azure and whose dependencies are management checks too run: nothing opens a
 * data-plane connection (the network probe given to each run refuses TCP and TLS; DNS answers are
 * this machine's, as the single-registry run reports them). One registry's failure (ARM refusing its
 * GET, a check throwing) is that registry's row; the others go on.
 */
import { setMaxListeners } from 'node:events';
import type { AzureClient, RegistryRef, SubscriptionSummary } from '../azure';
import { mapLimit } from '../concurrency';
import { AcrDoctorError, CancelledError } from '../errors';
import type { Logger } from '../log';
import { allChecks } from './catalogue';
import { runAllChecks } from './engine';
import type { ChecksAzure, ChecksAzureClient, NetworkProbe } from './facts';
import { nodeNetwork } from './nodeNetwork';
import { worstByArea, worstStatus } from './report';
import type { Check, CheckArea, CheckResult, CheckStatus, SystemProbe } from './types';

/** Registries checked at once by default. */
export const DEFAULT_FLEET_CONCURRENCY = 8;

export type FleetAzureClient = ChecksAzureClient & Pick<AzureClient, 'listSubscriptions' | 'listRegistries'>;

export interface FleetRegistry extends RegistryRef {
  id: string;
  loginServer: string;
  location: string;
  sku: string;
  subscriptionName?: string;
}

export interface FleetRow {
  registry: FleetRegistry;
  /** Worst status over every result. */
  status: CheckStatus;
  worst: Partial<Record<CheckArea, CheckStatus>>;
  results: CheckResult[];
  /** Set when the registry itself could not be read (its row then holds no judgement). */
  problem?: string;
}

export interface FleetListError {
  subscriptionId: string;
  subscriptionName?: string;
  code: string;
  message: string;
}

export interface FleetReport {
  subscriptions: Array<{ id: string; name: string }>;
  rows: FleetRow[];
  /** Subscriptions whose registries could not be listed. */
  errors: FleetListError[];
  /** The management checks each registry ran. */
  checkIds: string[];
}

export type FleetEvent =
  | { type: 'listed'; registries: FleetRegistry[]; errors: FleetListError[] }
  | { type: 'registry-started'; registry: FleetRegistry }
  | { type: 'registry-finished'; row: FleetRow };

export interface FleetOptions {
  client: FleetAzureClient;
  getToken: ChecksAzure['getToken'];
  /** Subscriptions to cover (a name for the report when known); default every enabled subscription the sign-in sees. */
  subscriptions?: ReadonlyArray<{ id: string; name?: string }>;
  /** Registries to check instead of listing them (the explorer already has them). */
  registries?: readonly FleetRegistry[];
  /** Registries checked at once; default 8. */
  concurrency?: number;
  /** Default: `managementChecks(allChecks())`. */
  checks?: readonly Check[];
  system: SystemProbe;
  /** DNS answers for the checks that read them; TCP and TLS are refused whatever this is. Default node's. */
  network?: NetworkProbe;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
  logger?: Logger;
  onEvent?: (event: FleetEvent) => void;
}

/** Checks that need Azure and depend only on checks that do: the management plane, nothing else. */
export function managementChecks(catalogue: readonly Check[] = allChecks()): Check[] {
  const chosen = new Set(catalogue.filter((c) => c.meta.needs?.includes('azure')).map((c) => c.meta.id));
  let shrank = true;
  while (shrank) {
    shrank = false;
    for (const check of catalogue) {
      if (chosen.has(check.meta.id) && (check.meta.dependsOn ?? []).some((d) => !chosen.has(d))) {
        chosen.delete(check.meta.id);
        shrank = true;
      }
    }
  }
  return catalogue.filter((c) => chosen.has(c.meta.id));
}

/** A probe that answers DNS and refuses connections: fleet mode stays on the management plane. */
export function dnsOnlyNetwork(network: NetworkProbe): NetworkProbe {
  const refuse = (): Promise<never> => Promise.reject(Object.assign(new Error('fleet mode opens no data-plane connection'), { code: 'EFLEETNOCONNECT' }));
  return { resolve: (host, signal) => network.resolve(host, signal), connect: refuse, tlsHandshake: refuse };
}

function errorText(error: unknown): { code: string; message: string } {
  if (error instanceof AcrDoctorError) return { code: error.code, message: error.toUserMessage() };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

async function listFleet(options: FleetOptions, signal: AbortSignal): Promise<{ subscriptions: SubscriptionSummary[]; registries: FleetRegistry[]; errors: FleetListError[] }> {
  let subscriptions: SubscriptionSummary[];
  if (options.subscriptions && options.subscriptions.length > 0) {
    subscriptions = options.subscriptions.map((s) => ({ id: s.id, name: s.name ?? s.id }));
  } else {
    subscriptions = [];
    for await (const s of options.client.listSubscriptions(signal)) if (!s.state || s.state.toLowerCase() === 'enabled') subscriptions.push(s);
  }
  const errors: FleetListError[] = [];
  const perSubscription = await mapLimit(subscriptions, options.concurrency ?? DEFAULT_FLEET_CONCURRENCY, async (subscription) => {
    const found: FleetRegistry[] = [];
    try {
      for await (const r of options.client.listRegistries(subscription.id, signal)) {
        found.push({ subscriptionId: r.subscriptionId, resourceGroup: r.resourceGroup, name: r.name, id: r.id, loginServer: r.loginServer, location: r.location, sku: r.sku, subscriptionName: subscription.name });
      }
    } catch (error) {
      if (error instanceof CancelledError || signal.aborted) throw error;
      errors.push({ subscriptionId: subscription.id, subscriptionName: subscription.name, ...errorText(error) });
    }
    return found;
  }, signal);
  return { subscriptions, registries: perSubscription.flat(), errors };
}

/** The registry's row: its own results, or why it could not be read at all. */
function rowOf(registry: FleetRegistry, results: CheckResult[]): FleetRow {
  const root = results.find((r) => r.id === 'registry.login-server');
  const unreadable = root && root.status !== 'pass' && root.status !== 'warn' && root.status !== 'fail';
  return {
    registry,
    status: unreadable ? 'error' : (worstStatus(results.map((r) => r.status)) ?? 'skip'),
    worst: worstByArea(results),
    results,
    ...(unreadable ? { problem: root.summary } : {}),
  };
}

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const signal = controller.signal;
  // Every registry's run (and each of its checks) listens on this one signal.
  setMaxListeners(0, signal);
  const emit = (event: FleetEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A renderer's bug must not stop the fleet.
    }
  };
  try {
    const checks = options.checks ?? managementChecks();
    const listed = options.registries ? { subscriptions: [...new Map(options.registries.map((r) => [r.subscriptionId, { id: r.subscriptionId, name: r.subscriptionName ?? r.subscriptionId }])).values()], registries: [...options.registries], errors: [] } : await listFleet(options, signal);
    emit({ type: 'listed', registries: listed.registries, errors: listed.errors });
    const network = dnsOnlyNetwork(options.network ?? nodeNetwork);
    const rows = await mapLimit(listed.registries, options.concurrency ?? DEFAULT_FLEET_CONCURRENCY, async (registry) => {
      emit({ type: 'registry-started', registry });
      let row: FleetRow;
      try {
        const results = await runAllChecks({
          target: { registry: registry.loginServer },
          checks,
          system: options.system,
          network,
          azure: { client: options.client, getToken: options.getToken, subscriptionIds: [registry.subscriptionId], registry: { subscriptionId: registry.subscriptionId, resourceGroup: registry.resourceGroup, name: registry.name } },
          timeoutMs: options.timeoutMs,
          signal,
          now: options.now,
          logger: options.logger,
        });
        row = rowOf(registry, results);
      } catch (error) {
        if (signal.aborted) throw new CancelledError();
        row = { registry, status: 'error', worst: {}, results: [], problem: errorText(error).message };
      }
      emit({ type: 'registry-finished', row });
      return row;
    }, signal);
    return { subscriptions: listed.subscriptions.map((s) => ({ id: s.id, name: s.name })), rows, errors: listed.errors, checkIds: checks.map((c) => c.meta.id) };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
