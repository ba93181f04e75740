/**
 * `explain --check`: the checks that decide between each message's causes, run through the one check
 * run check-health uses (so it lives in the dist/cliCommands.js bundle, loaded only with --check).
 */
import { decidingChecks, judgeCauses, type Judgements, type Recognition } from '../core/explain/index';
import { runChecksFromCli } from './checkRun';
import type { CommonRegistryOptions } from './commandArgs';
import type { CliIO } from './io';
import { printError } from './output';

/** One check run per registry and repository the messages name; Docker Hub is not ours to check. */
export async function checkRecognitions(recognitions: Recognition[], io: CliIO, common: CommonRegistryOptions, noAzure: boolean): Promise<Judgements> {
  const judgements = new Map<Recognition, { ran: string[]; judged: ReturnType<typeof judgeCauses>; notChecked?: string }>();
  const groups = new Map<string, Recognition[]>();
  for (const r of recognitions) {
    const host = r.facts.loginServer;
    if (!host || host === 'docker.io') {
      judgements.set(r, { ran: [], judged: [], notChecked: host ? 'the message is about Docker Hub (docker.io), not a registry of yours' : 'the message names no registry; run acr-doctor check-health REGISTRY' });
      continue;
    }
    if (decidingChecks(r).length === 0) {
      judgements.set(r, { ran: [], judged: [], notChecked: 'no check decides between these causes' });
      continue;
    }
    const key = JSON.stringify([host, r.facts.repository ?? null, r.facts.reference ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const members of groups.values()) {
    const { loginServer, repository, reference } = members[0].facts;
    const only = [...new Set(members.flatMap(decidingChecks))];
    printError(io, `note: checking ${loginServer}${repository ? ` (repository ${repository})` : ''}: ${only.join(', ')}`);
    const results = await runChecksFromCli(io, common, { registry: loginServer as string, repository, reference }, { only, noAzure });
    for (const r of members) judgements.set(r, { ran: decidingChecks(r), judged: judgeCauses(r, results) });
  }
  return judgements;
}
