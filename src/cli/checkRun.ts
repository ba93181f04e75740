/**
 * One run of the diagnostics checks from the terminal: credentials found as the registry commands find
 * them (a failure is not fatal: the checks say why), Azure when the host is an ACR and a sign-in exists,
 * the real machine probe (or the one `io.probes` presents), the trace logger. `check-health` and
 * `explain --check` both run their checks through here.
 */
import { runChecks } from '../core/checks/engine';
import type { ChecksAzure } from '../core/checks/facts';
import { createNodeSystem } from '../core/checks/nodeSystem';
import type { CheckEvent, CheckResult, CheckTarget } from '../core/checks/types';
import { isAcrDoctorError } from '../core/errors';
import { isAcrHost } from '../core/reference/imageReference';
import type { RegistryCredential } from '../core/registry/index';
import type { CliIO } from './io';
import { checksAzureFor } from './lazyCommand';
import { cliLogger, printError } from './output';
import { resolveCredential, type CommonRegistryOptions } from './registryOptions';

export interface CliCheckRunOptions {
  only?: string[];
  skip?: string[];
  /** Overrides every check's own timeout (check-health's --timeout). */
  timeoutMs?: number;
  optIn?: boolean;
  noAzure?: boolean;
  onEvent?: (event: CheckEvent) => void;
}

export async function runChecksFromCli(io: CliIO, common: CommonRegistryOptions, target: CheckTarget, options: CliCheckRunOptions = {}): Promise<CheckResult[]> {
  let credential: RegistryCredential = { kind: 'anonymous' };
  try {
    const resolved = await resolveCredential(target.registry, { ...common, azureIdentity: common.azureIdentity && !options.noAzure }, io);
    credential = resolved.credential;
    for (const hint of resolved.hints) printError(io, `warning: ${hint.message}`);
  } catch (error) {
    if (!isAcrDoctorError(error)) throw error;
    printError(io, `warning: checking without registry credentials: ${error.message}`);
  }
  let azure: ChecksAzure | undefined;
  let azureReason = 'not an Azure Container Registry host';
  if (options.noAzure) azureReason = '--no-azure';
  else if (isAcrHost(target.registry)) ({ azure, reason: azureReason = 'no Azure sign-in' } = await checksAzureFor(target.registry, io));
  const run = runChecks({
    target: { ...target, insecureHttp: target.insecureHttp ?? common.insecureHttp },
    only: options.only,
    skip: options.skip,
    timeoutMs: options.timeoutMs,
    optIn: options.optIn,
    signal: io.signal,
    system: io.probes?.system ?? createNodeSystem(),
    network: io.probes?.network,
    credential,
    azure,
    azureUnavailableReason: azureReason,
    logger: cliLogger(io, common.trace),
    onEvent: options.onEvent,
  });
  return run.done;
}
