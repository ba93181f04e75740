/**
 * Registry name → login server. With ARM at hand, a name is looked up in the
 * chosen subscriptions (the registry's real login server, its resource id);
 * otherwise, or when ARM cannot find it, NAME + the cloud's suffix (what
 * `az acr check-health` does too).
 */
import { AcrDoctorError, CancelledError } from '../errors';
import type { AzureClient } from './client';
import { loginServerFor, type AzureCloud } from './clouds';
import type { RegistrySummary } from './types';

export interface ResolvedLoginServer {
  loginServer: string;
  source: 'given' | 'arm' | 'suffix';
  registry?: RegistrySummary;
  /** Why ARM was not used, when it was asked and failed (a person-readable message). */
  armProblem?: string;
}

export function looksLikeLoginServer(value: string): boolean {
  return value.includes('.') || value.includes(':');
}

export async function resolveLoginServer(
  nameOrLoginServer: string,
  cloud: AzureCloud,
  arm?: { client: AzureClient; subscriptionIds?: string[] },
  signal?: AbortSignal,
): Promise<ResolvedLoginServer> {
  const value = nameOrLoginServer.trim();
  if (looksLikeLoginServer(value)) return { loginServer: value.toLowerCase(), source: 'given' };
  if (!arm) return { loginServer: loginServerFor(value, cloud), source: 'suffix' };
  try {
    const registry = await arm.client.findRegistry(value, arm.subscriptionIds, signal);
    return { loginServer: registry.loginServer || loginServerFor(value, cloud), source: 'arm', registry };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const problem = error instanceof AcrDoctorError ? error.toUserMessage() : error instanceof Error ? error.message : String(error);
    return { loginServer: loginServerFor(value, cloud), source: 'suffix', armProblem: problem };
  }
}
