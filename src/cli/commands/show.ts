import { AcrDoctorError, CancelledError } from '../../core/errors';
import { isGuid, type RegistryDetails, type ReplicationInfo, type RoleAssignmentInfo, type RunInfo, type StorageUsage, type WebhookInfo } from '../../core/azure/index';
import { PROPAGATION_MINUTES } from '../../core/checks/rbac/propagation';
import { STORAGE_WARNING_PERCENT } from '../../core/checks/registry/storage-quota';
import { AZURE_OPTIONS_USAGE, chooseSubscriptions, createAzureContext, defaultAzureCliDeps, parseAzureCommandLine, type AzureCliDeps } from '../azureOptions';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { formatBytes, formatTable, printJson, printLine } from '../output';

// The judgements are the checks' (registry.storage-quota, rbac.propagation); show prints facts with their thresholds.
const USAGE_WARNING_PERCENT = STORAGE_WARNING_PERCENT;
const FRESH_ASSIGNMENT_MINUTES = PROPAGATION_MINUTES;

type Section<T> = { ok: true; value: T } | { ok: false; code: string; message: string } | { ok: 'skipped'; reason: string };

async function section<T>(work: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof CancelledError || !(error instanceof AcrDoctorError)) throw error;
    return { ok: false, code: error.code, message: error.toUserMessage() };
  }
}

function onOff(value: boolean): string {
  return value ? 'enabled' : 'disabled';
}

function ageOf(createdOn: string | undefined, now: number): string {
  if (!createdOn) return '';
  const minutes = Math.floor((now - Date.parse(createdOn)) / 60_000);
  if (minutes < 0) return `created ${createdOn}`;
  if (minutes < FRESH_ASSIGNMENT_MINUTES) return `created ${minutes} minute${minutes === 1 ? '' : 's'} ago: may not apply yet (allow up to ${FRESH_ASSIGNMENT_MINUTES} minutes, then sign in again)`;
  if (minutes < 48 * 60) return `created ${Math.floor(minutes / 60)} h ago`;
  return `created ${createdOn.slice(0, 10)}`;
}

const SCOPE_LABEL: Record<RoleAssignmentInfo['scopeKind'], string> = { registry: 'registry', resourceGroup: 'resource group', subscription: 'subscription', managementGroup: 'management group', root: 'root', other: 'other scope' };

function policiesLine(d: RegistryDetails): string {
  const p = d.policies;
  const parts: string[] = [];
  if (p.quarantine) parts.push(`quarantine ${p.quarantine.status ?? '?'}`);
  if (p.trust) parts.push(`content trust ${p.trust.status ?? '?'}`);
  if (p.retention) parts.push(`untagged retention ${p.retention.status ?? '?'}${p.retention.days !== undefined ? ` (${p.retention.days} days)` : ''}`);
  if (p.softDelete) parts.push(`soft delete ${p.softDelete.status ?? '?'}${p.softDelete.retentionDays !== undefined ? ` (${p.softDelete.retentionDays} days)` : ''}`);
  if (p.export) parts.push(`export ${p.export.status ?? '?'}`);
  if (p.azureADAuthenticationAsArm) parts.push(`Entra ARM-audience tokens ${p.azureADAuthenticationAsArm.status ?? '?'}`);
  return parts.join('; ') || 'none reported';
}

function writeSection<T>(io: CliIO, title: string, result: Section<T>, render: (value: T) => string[]): void {
  printLine(io);
  printLine(io, title);
  if (result.ok === 'skipped') printLine(io, `  ${result.reason}`);
  else if (!result.ok) printLine(io, `  unavailable: ${result.message}`);
  else for (const line of render(result.value)) printLine(io, `  ${line}`);
}

function indentTable(headers: string[], rows: string[][]): string[] {
  return formatTable(headers, rows).split('\n');
}

/** `acr-doctor show REGISTRY`: one registry's configuration, usage, replicas, webhooks, your roles and running runs. */
export function createShowCommand(deps: AzureCliDeps = defaultAzureCliDeps): CliCommand {
  return {
    name: 'show',
    summary: 'Show a registry’s Azure configuration, storage, replicas, webhooks, your roles and running task runs.',
    usage: [
      'Usage: acr-doctor show REGISTRY [options]',
      '',
      'REGISTRY is a name (myregistry) or login server (myregistry.azurecr.io); it is looked up through',
      'Azure Resource Manager in the chosen subscriptions.',
      '',
      'Options:',
      AZURE_OPTIONS_USAGE,
      '',
      'Exit codes: 0 shown (sections you lack access to say so), 1 the registry could not be found or read, 2 bad options.',
    ].join('\n'),
    async run(args: string[], io: CliIO): Promise<number> {
      const parsed = parseAzureCommandLine(args);
      if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length === 0 ? 'give the registry (name or login server).' : `expected one registry, got ${parsed.positionals.length}.`);
      const wanted = parsed.positionals[0]!;
      const context = await createAzureContext(parsed, io, deps);
      const client = context.client;
      const signal = io.signal;

      let subscriptionIds = context.subscriptionFilter;
      if (subscriptionIds?.some((s) => !isGuid(s))) {
        // Names given: map them to ids through the subscription list.
        subscriptionIds = (await chooseSubscriptions(context, signal)).map((s) => s.id);
      }
      const summary = await client.findRegistry(wanted, subscriptionIds, signal);
      const details = await client.getRegistry(summary, signal);
      const sku = details.sku.toLowerCase();
      const [usage, replications, webhooks, roles, runs] = await Promise.all([
        section<StorageUsage[]>(() => client.getStorageUsage(details, signal)),
        sku === 'premium' ? section<ReplicationInfo[]>(() => client.listReplications(details, signal)) : Promise.resolve<Section<ReplicationInfo[]>>({ ok: 'skipped', reason: 'Geo-replication needs the Premium tier.' }),
        section<WebhookInfo[]>(() => client.listWebhooks(details, signal)),
        section<RoleAssignmentInfo[]>(() => client.listMyRoleAssignments(details, signal)),
        sku === 'classic' ? Promise.resolve<Section<RunInfo[]>>({ ok: 'skipped', reason: 'Classic registries have no ACR Tasks.' }) : section<RunInfo[]>(() => client.listRunningRuns(details, signal)),
      ]);

      if (context.format === 'json') {
        const plain = <T>(s: Section<T>) => (s.ok === true ? s.value : s.ok === 'skipped' ? { skipped: s.reason } : { error: { code: s.code, message: s.message } });
        printJson(io, { cloud: context.cloud.name, registry: details, storage: plain(usage), replications: plain(replications), webhooks: plain(webhooks), roleAssignments: plain(roles), runningRuns: plain(runs) });
        return EXIT.ok;
      }

      const now = Date.now();
      const rules = details.networkRuleSet;
      const lines: Array<[string, string]> = [
        ['Resource', details.id],
        ['Location', details.location],
        ['Created', details.creationDate?.slice(0, 10) ?? '-'],
        ['State', details.provisioningState ?? '-'],
        ['Admin user', onOff(details.adminUserEnabled)],
        ['Anonymous pull', onOff(details.anonymousPullEnabled)],
        ['Public network', `${details.publicNetworkAccess ?? '-'}${rules ? `; default action ${rules.defaultAction}; IP rules: ${rules.ipRules.length ? rules.ipRules.join(', ') : 'none'}` : ''}`],
        ['Trusted services', details.networkRuleBypassOptions ?? '-'],
        ['Private endpoints', details.privateEndpointConnections.length ? details.privateEndpointConnections.map((c) => `${c.name ?? '?'} (${c.status ?? '?'})`).join(', ') : 'none'],
        ['Data endpoints', details.dataEndpointEnabled ? details.dataEndpointHostNames.join(', ') || 'enabled' : 'disabled'],
        ['Zone redundancy', details.zoneRedundancy ?? '-'],
        ['Encryption', details.encryption?.status === 'enabled' ? `customer-managed key ${details.encryption.keyIdentifier ?? ''}`.trim() : 'Microsoft-managed keys'],
        ['Identity', details.identity?.type ?? 'none'],
        ['Role assignment mode', details.roleAssignmentMode ?? '-'],
        ['Policies', policiesLine(details)],
      ];
      printLine(io, `${details.name} (${details.sku}) ${details.loginServer}`);
      // Verdicts on these facts (tier, storage, roles, policies) are the registry.* and rbac.* checks of `acr-doctor check-health`.
      const width = Math.max(...lines.map(([k]) => k.length));
      for (const [key, value] of lines) printLine(io, `  ${`${key}:`.padEnd(width + 1)} ${value}`);

      writeSection(io, 'Storage', usage, (items) =>
        items.map((u) => {
          const amount = u.unit === 'Bytes' ? `${formatBytes(u.currentValue)} of ${u.limit && u.limit > 0 ? formatBytes(u.limit) : 'no limit'}` : `${u.currentValue} of ${u.limit && u.limit > 0 ? u.limit : 'no limit'}`;
          const warn = u.percent !== undefined && u.percent >= USAGE_WARNING_PERCENT ? '  ← near the limit: delete unused images or move to a higher tier' : '';
          return `${u.name}: ${amount}${u.percent !== undefined ? ` (${u.percent}%)` : ''}${warn}`;
        }),
      );
      writeSection(io, 'Replications', replications, (items) =>
        items.length ? indentTable(['LOCATION', 'STATUS', 'REGIONAL ENDPOINT'], items.map((r) => [`${r.location}${r.isHome ? ' (home)' : ''}`, `${r.status ?? r.provisioningState ?? '?'}${r.statusMessage ? `: ${r.statusMessage}` : ''}`, r.regionEndpointEnabled === false ? 'disabled' : 'enabled'])) : ['none'],
      );
      writeSection(io, 'Webhooks', webhooks, (items) => (items.length ? indentTable(['NAME', 'STATUS', 'ACTIONS', 'SCOPE'], items.map((w) => [w.name, w.status ?? '?', w.actions.join(','), w.scope || '(all)'])) : ['none']));
      writeSection(io, 'Your role assignments', roles, (items) =>
        items.length ? indentTable(['ROLE', 'SCOPE', 'WHEN'], items.map((a) => [a.roleName ?? a.roleDefinitionId ?? '?', SCOPE_LABEL[a.scopeKind], ageOf(a.createdOn, now)])) : ['none: ask for AcrPull (pull), AcrPush (push) or Reader (see the registry)'],
      );
      writeSection(io, 'Running task runs', runs, (items) => (items.length ? indentTable(['RUN', 'TYPE', 'TASK', 'STARTED'], items.map((r) => [r.runId, r.runType ?? '?', r.taskName ?? '-', r.startTime ?? '-'])) : ['none']));
      return EXIT.ok;
    },
  };
}

export const showCommand = createShowCommand();
