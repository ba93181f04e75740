/**
 * "Add My IP to the Firewall…" (FAQ F07) for the explorer: find the client IP the registry's 403
 * names, say what adding it changes (Premium only; useless when public network access is off), add
 * the rule through ARM, then re-check the data plane until the rule applies: firewall changes take
 * minutes. The wait is bounded and cancellable; clock and sleep are injected so tests never wait.
 */
import { isIPv4 } from 'node:net';
import { IP_RULE_HINT, parseIpRule } from '../azure/ipRule';
import type { AzureClient, RegistryDetails, RegistryRef } from '../azure/index';
import { AcrDoctorError, isAbortError } from '../errors';
import type { RegistryClient } from '../registry/index';

export type FirewallAzure = Pick<AzureClient, 'getRegistry' | 'addIpRule'>;
/** The data-plane probe: one GET /v2/ (RegistryClient.ping). */
export type FirewallProbe = Pick<RegistryClient, 'ping'>;

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Every 15 s, for up to 10 minutes: "wait a few minutes before verifying" (F07). */
export const RECHECK_INTERVAL_MS = 15_000;
export const RECHECK_TIMEOUT_MS = 10 * 60_000;

/** The client IP a firewall 403 named, from an explorer error (REGISTRY_FORBIDDEN carries it). */
export function clientIpOf(error: unknown): string | undefined {
  const ip = (error as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === 'string' && isIPv4(ip) ? ip : undefined;
}

/** Probes /v2/ once: the IP the firewall refuses, or the status that shows this machine is let through. */
export async function probeClientIp(probe: FirewallProbe, signal?: AbortSignal): Promise<{ deniedClientIp?: string; status: number }> {
  return probe.ping({ signal });
}

/** An IPv4 address or CIDR range in ACR's form (a bare address is its /32), or an AZURE_BAD_IP_RULE error. */
export function ipRuleOf(value: string): { rule: string; covers(ip: string): boolean } {
  const parsed = parseIpRule(value);
  if (!parsed) throw new AcrDoctorError('AZURE_BAD_IP_RULE', `'${value.trim()}' is not an IPv4 address or CIDR range.`, { hint: IP_RULE_HINT });
  return parsed;
}

export type FirewallPlan =
  | { kind: 'refused'; message: string }
  | { kind: 'confirm'; rule: string; title: string; detail: string; confirmLabel: string; present: boolean };

/** Premium only, from the tree's SKU: no ARM call for another tier. */
export function needsPremium(registry: RegistryRef & { sku: string }): string | undefined {
  if (registry.sku.toLowerCase() === 'premium') return undefined;
  return `Firewall IP rules need the Premium tier; ${registry.name} is ${registry.sku}, so an IP rule cannot be added (FAQ F07). A ${registry.sku} registry has no network rules: a 403 naming your IP comes from a registry with rules, so check that this is the registry you meant, or move it to Premium (az acr update --name ${registry.name} --sku Premium).`;
}

/** What adding `ip` to the registry's firewall does, or why it cannot help. */
export function planFirewallRule(registry: RegistryDetails, ip: string): FirewallPlan {
  const premium = needsPremium(registry);
  if (premium) return { kind: 'refused', message: premium };
  if ((registry.publicNetworkAccess ?? '').toLowerCase() === 'disabled') {
    return {
      kind: 'refused',
      message: `Public network access to ${registry.name} is disabled: only its private endpoints reach it, so an IP rule cannot help (IP rules apply to public access). Connect through the private endpoint's network (VPN, peered VNet), or set public network access to "Selected networks" first.`,
    };
  }
  const { rule } = ipRuleOf(ip);
  const address = rule.split('/')[0] ?? rule;
  const rules = registry.networkRuleSet?.ipRules ?? [];
  const present = rules.some((existing) => parseIpRule(existing)?.rule === rule);
  const defaultAllow = (registry.networkRuleSet?.defaultAction ?? 'Allow').toLowerCase() === 'allow';
  const coveredBy = present ? [] : rules.filter((existing) => parseIpRule(existing)?.covers(address));
  const notes = [
    defaultAllow ? "The firewall's default action is Allow, so every public address is already let in and this rule changes nothing until the default is Deny." : '',
    coveredBy.length ? `An existing rule (${coveredBy.join(', ')}) already covers ${address}: if the registry still refuses it, that rule may still be applying.` : '',
  ].filter(Boolean);
  if (present) {
    return {
      kind: 'confirm',
      rule,
      present: true,
      title: `${rule} is already in the firewall rules of ${registry.name}. Re-check until it applies?`,
      detail: `ARM already has the rule; firewall changes take a few minutes to apply (FAQ F07). ACR Doctor re-checks ${registry.loginServer}/v2/ every ${RECHECK_INTERVAL_MS / 1000} s for up to ${RECHECK_TIMEOUT_MS / 60_000} minutes.${notes.length ? ` ${notes.join(' ')}` : ''}`,
      confirmLabel: 'Re-check',
    };
  }
  return {
    kind: 'confirm',
    rule,
    present: false,
    title: `Add ${rule} to the firewall of ${registry.name}?`,
    detail: `This adds the IP rule ${rule} (Allow) to the network rules of ${registry.name} (${registry.loginServer}), next to its ${rules.length} existing rule${rules.length === 1 ? '' : 's'}. Requests from ${rule} are then let in through the public endpoint; they still need credentials. The change takes a few minutes to apply (FAQ F07): ACR Doctor then re-checks every ${RECHECK_INTERVAL_MS / 1000} s for up to ${RECHECK_TIMEOUT_MS / 60_000} minutes.${notes.length ? ` ${notes.join(' ')}` : ''}`,
    confirmLabel: `Add ${rule}`,
  };
}

/**
 * The plan for one registry: refused without any call for a tier other than Premium (the tree's
 * SKU), else read from ARM (public network access, existing rules) and planned.
 */
export async function prepareFirewallRule(azure: FirewallAzure, registry: RegistryRef & { sku: string }, ip: string, signal?: AbortSignal): Promise<FirewallPlan> {
  const premium = needsPremium(registry);
  if (premium) return { kind: 'refused', message: premium };
  ipRuleOf(ip);
  return planFirewallRule(await azure.getRegistry(registry, signal), ip);
}

/** Adds the rule through ARM (idempotent: an existing rule is left alone). */
export async function addFirewallRule(azure: FirewallAzure, ref: RegistryRef, rule: string, signal?: AbortSignal): Promise<{ changed: boolean }> {
  const { changed } = await azure.addIpRule(ref, rule, signal);
  return { changed };
}

export interface RecheckProgress {
  elapsedMs: number;
  /** Time until the next probe (0 while probing). */
  nextTryInMs: number;
  attempts: number;
  /** What the last probe saw, e.g. "still refused (403 for 198.51.100.7)". */
  last?: string;
}

export type RecheckResult =
  | { outcome: 'applied'; afterMs: number; attempts: number; status: number; message: string }
  | { outcome: 'not-applied'; afterMs: number; attempts: number; message: string }
  | { outcome: 'cancelled'; afterMs: number; attempts: number; message: string };

export interface RecheckOptions {
  /** The IP whose refusal is being waited out (this machine's, as the registry named it). */
  clientIp: string;
  registryName: string;
  intervalMs?: number;
  timeoutMs?: number;
  clock?: Clock;
  signal?: AbortSignal;
  /** Called after each probe and once a second while waiting (a countdown). */
  onProgress?: (progress: RecheckProgress) => void;
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

function minutes(ms: number): string {
  const value = ms / 60_000;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Probes the data plane until the firewall stops refusing `clientIp`: the first probe right away,
 * then every `intervalMs` until `timeoutMs` has passed. Any answer but the firewall's 403 for that IP
 * means the rule applies (a 401 is the normal challenge). A network error counts as "not yet".
 */
export async function recheckUntilApplied(probe: FirewallProbe, options: RecheckOptions): Promise<RecheckResult> {
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? RECHECK_INTERVAL_MS;
  const timeoutMs = options.timeoutMs ?? RECHECK_TIMEOUT_MS;
  const { signal, clientIp, registryName } = options;
  const started = clock.now();
  const elapsed = (): number => clock.now() - started;
  let attempts = 0;
  let last: string | undefined;
  const cancelled = (): RecheckResult => ({
    outcome: 'cancelled',
    afterMs: elapsed(),
    attempts,
    message: `Stopped re-checking ${registryName} after ${seconds(elapsed())} s. The rule stays; firewall changes can take several minutes to apply (FAQ F07): retry later or run diagnostics.`,
  });
  for (;;) {
    if (signal?.aborted) return cancelled();
    attempts++;
    options.onProgress?.({ elapsedMs: elapsed(), nextTryInMs: 0, attempts, last });
    try {
      const answer = await probe.ping({ signal });
      if (answer.status === 403 && (answer.deniedClientIp === undefined || answer.deniedClientIp === clientIp)) {
        last = answer.deniedClientIp ? `still refused (403 for ${answer.deniedClientIp})` : 'still refused (403)';
      } else if (answer.status === 403) {
        // The registry now names another address: this machine's egress IP changed (VPN, proxy, NAT).
        return { outcome: 'not-applied', afterMs: elapsed(), attempts, message: `${registryName} now refuses ${answer.deniedClientIp}, not ${clientIp}: this machine's outgoing address changed (VPN, proxy or NAT). Add ${answer.deniedClientIp} instead.` };
      } else {
        const afterMs = elapsed();
        return { outcome: 'applied', afterMs, attempts, status: answer.status, message: `The firewall rule for ${clientIp} applied after ${seconds(afterMs)} s: ${registryName} answers /v2/ with ${answer.status}${answer.status === 401 ? ' (its sign-in challenge)' : ''} instead of refusing this machine.` };
      }
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) return cancelled();
      last = `no answer (${error instanceof Error ? error.message : String(error)})`;
    }
    const nextAt = clock.now() + intervalMs;
    if (nextAt - started > timeoutMs) break;
    try {
      while (clock.now() < nextAt) {
        options.onProgress?.({ elapsedMs: elapsed(), nextTryInMs: nextAt - clock.now(), attempts, last });
        await clock.sleep(Math.min(1000, nextAt - clock.now()), signal);
      }
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) return cancelled();
      throw error;
    }
  }
  return {
    outcome: 'not-applied',
    afterMs: elapsed(),
    attempts,
    message: `The firewall rule for ${clientIp} has not applied yet after ${minutes(elapsed())} min (${attempts} checks, last: ${last ?? 'refused'}): firewall changes can take several minutes (FAQ F07). Retry later or run diagnostics for ${registryName}.`,
  };
}

/** One line for a progress notification: elapsed time and the countdown to the next try. */
export function recheckProgressText(progress: RecheckProgress): string {
  const head = `${seconds(progress.elapsedMs)} s elapsed, check ${progress.attempts}`;
  return progress.nextTryInMs > 0 ? `${head}${progress.last ? `: ${progress.last}` : ''}; next check in ${Math.ceil(progress.nextTryInMs / 1000)} s` : `${head}: checking…`;
}
