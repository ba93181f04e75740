/** Subscriptions and tenants the signed-in identity can see. */
import type { ArmSession } from './armSession';
import type { SubscriptionSummary, TenantSummary } from './types';

export function listSubscriptions(arm: ArmSession, signal?: AbortSignal): AsyncGenerator<SubscriptionSummary> {
  return arm.iterate('list subscriptions', signal, () => arm.subscriptions().subscriptions.list({ abortSignal: signal }), (s) => ({
    id: s.subscriptionId ?? '',
    name: s.displayName ?? s.subscriptionId ?? '',
    state: s.state,
    tenantId: s.tenantId,
  }));
}

export function listTenants(arm: ArmSession, signal?: AbortSignal): AsyncGenerator<TenantSummary> {
  return arm.iterate('list tenants', signal, () => arm.subscriptions().tenants.list({ abortSignal: signal }), (t) => ({
    tenantId: t.tenantId ?? '',
    displayName: t.displayName,
    defaultDomain: t.defaultDomain,
  }));
}
