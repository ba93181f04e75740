/**
 * The remembered subscription/tenant choice. The caller stores it (VS Code's
 * globalState, a file for the CLI); this only needs a Memento-like store.
 */
import type { SubscriptionSummary } from './types';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const SELECTED_SUBSCRIPTIONS_KEY = 'acrDoctor.azure.selectedSubscriptions';
export const SELECTED_TENANT_KEY = 'acrDoctor.azure.selectedTenant';

export class AzureSelection {
  constructor(private readonly store: KeyValueStore) {}

  /** undefined = no choice made yet (show all). */
  subscriptionIds(): string[] | undefined {
    const value = this.store.get<unknown>(SELECTED_SUBSCRIPTIONS_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  }

  async setSubscriptionIds(ids: string[] | undefined): Promise<void> {
    await this.store.update(SELECTED_SUBSCRIPTIONS_KEY, ids === undefined ? undefined : [...new Set(ids)]);
  }

  tenantId(): string | undefined {
    const value = this.store.get<unknown>(SELECTED_TENANT_KEY);
    return typeof value === 'string' && value ? value : undefined;
  }

  async setTenantId(tenantId: string | undefined): Promise<void> {
    await this.store.update(SELECTED_TENANT_KEY, tenantId);
  }

  /** Subscriptions to use: the chosen ones that still exist, else all enabled ones. */
  filter(all: SubscriptionSummary[], explicit?: string[]): SubscriptionSummary[] {
    const chosen = explicit?.length ? explicit : this.subscriptionIds();
    if (chosen?.length) {
      const wanted = new Set(chosen.map((id) => id.toLowerCase()));
      return all.filter((s) => wanted.has(s.id.toLowerCase()) || wanted.has(s.name.toLowerCase()));
    }
    return all.filter((s) => !s.state || s.state.toLowerCase() === 'enabled');
  }
}

/** In-memory store: tests and the CLI (which remembers nothing between runs). */
export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    get<T>(key: string) {
      return data[key] as T | undefined;
    },
    async update(key: string, value: unknown) {
      if (value === undefined) delete data[key];
      else data[key] = value;
    },
  };
}
