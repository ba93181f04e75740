/**
 * "Enable Anonymous Pull…" / "Disable Anonymous Pull…" (FAQ F18) for the explorer. Anonymous pull
 * needs the Standard or Premium tier: on Basic and Classic this says so and calls nothing.
 */
import type { AzureClient, RegistryRef } from '../azure/index';

export type AnonymousPullAzure = Pick<AzureClient, 'getRegistry' | 'setAnonymousPullEnabled'>;

const TIERS_WITH_ANONYMOUS_PULL = new Set(['standard', 'premium']);

export function anonymousPullSupported(sku: string): boolean {
  return TIERS_WITH_ANONYMOUS_PULL.has(sku.toLowerCase());
}

export function dockerLogoutAdvice(loginServer: string): string {
  return `Run docker logout ${loginServer.toLowerCase()} first on machines that logged in before: docker keeps sending the stored credentials instead of pulling anonymously, and an expired token then fails with "unauthorized" (FAQ F18).`;
}

export type AnonymousPullPlan =
  | { kind: 'unsupported'; message: string }
  | { kind: 'already'; message: string }
  | { kind: 'confirm'; title: string; detail: string; confirmLabel: string };

/**
 * What changing anonymous pull would do. `registry.sku` is the tree's (from the ARM listing): a
 * Basic or Classic registry is refused here without any call.
 */
export async function planAnonymousPull(azure: AnonymousPullAzure, registry: RegistryRef & { sku: string }, enable: boolean, signal?: AbortSignal): Promise<AnonymousPullPlan> {
  if (!anonymousPullSupported(registry.sku)) {
    return {
      kind: 'unsupported',
      message: `Anonymous pull needs the Standard or Premium tier; ${registry.name} is ${registry.sku}, so anonymous pull is not available there (FAQ F18)${enable ? '' : ' and is already off'}. Move it to Standard or Premium first if you need it (az acr update --name ${registry.name} --sku Standard).`,
    };
  }
  const details = await azure.getRegistry(registry, signal);
  if (details.anonymousPullEnabled === enable) return { kind: 'already', message: `Anonymous pull is already ${enable ? 'enabled' : 'disabled'} on ${details.name}.` };
  if (enable) {
    return {
      kind: 'confirm',
      title: `Enable anonymous pull on ${details.name}?`,
      detail: `This sets anonymousPullEnabled to true: everyone on the internet who can reach ${details.loginServer} (within its network rules) can pull every repository of ${details.name} without credentials. Pushes, deletes and listing the catalog still need credentials.`,
      confirmLabel: 'Enable anonymous pull',
    };
  }
  return {
    kind: 'confirm',
    title: `Disable anonymous pull on ${details.name}?`,
    detail: `This sets anonymousPullEnabled to false: every pull from ${details.loginServer} then needs credentials. Clients that pull without logging in (public images, clusters without a pull secret or AcrPull) get "unauthorized".`,
    confirmLabel: 'Disable anonymous pull',
  };
}

/** Applies the change (Standard/Premium only: refused without a call otherwise) and says what comes next. */
export async function setAnonymousPull(azure: AnonymousPullAzure, registry: RegistryRef & { sku: string }, enable: boolean, signal?: AbortSignal): Promise<{ changed: boolean; message: string }> {
  if (!anonymousPullSupported(registry.sku)) return { changed: false, message: `Anonymous pull needs the Standard or Premium tier; ${registry.name} is ${registry.sku} (FAQ F18). Nothing was changed.` };
  const after = await azure.setAnonymousPullEnabled(registry, enable, signal);
  if (after.anonymousPullEnabled !== enable) return { changed: false, message: `ARM accepted the change, but ${after.name} still reports anonymous pull ${after.anonymousPullEnabled ? 'enabled' : 'disabled'}: an Azure Policy may enforce it. Check the policy assignments on the registry.` };
  return {
    changed: true,
    message: enable ? `Anonymous pull is enabled on ${after.name}. ${dockerLogoutAdvice(after.loginServer)}` : `Anonymous pull is disabled on ${after.name}: pulls need credentials again.`,
  };
}
