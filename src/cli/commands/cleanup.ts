import { CleanupPlanner, executeCleanup, type RegistryError, type RejectedDigest } from '../../core/registry/index';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { printError, printJson, printLine, printTable } from '../output';
import { createProgress } from '../progress';
import {
  expectPositionals,
  noteWhenUntaggedAreInvisible,
  openRegistry,
  parseCommandArgs,
  parseRegistryArgument,
  parseRepositoryArgument,
  readAllManifests,
  REGISTRY_OPTIONS_USAGE,
} from '../registryOptions';

export const cleanupCommand: CliCommand = {
  name: 'cleanup',
  summary: 'Delete untagged manifests no tagged image needs (dry run unless --yes).',
  usage: [
    'Usage: acr-doctor cleanup REGISTRY REPO --untagged [--dry-run | --yes] [options]',
    '',
    'Plans which untagged manifests can be deleted without breaking a tagged image',
    '(platform manifests of a tagged index, and signatures/SBOMs of a kept image, are kept).',
    'Every index and untagged manifest is read first; one that cannot be read is kept, and',
    'while an index cannot be read, no untagged manifest is deleted.',
    '',
    'Options:',
    '  --untagged               Delete untagged manifests (required: the only cleanup there is today).',
    '  --dry-run                Print the plan, delete nothing (the default).',
    '  --yes                    Delete the manifests the plan marks "delete".',
    REGISTRY_OPTIONS_USAGE,
  ].join('\n'),
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values, common } = parseCommandArgs(args, {
      untagged: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
    });
    const [registryArgument, repoArgument] = expectPositionals(positionals, ['REGISTRY', 'REPO']);
    if (!values.untagged) throw new UsageError('say what to clean up: --untagged (delete untagged manifests no tagged image needs).');
    if (values.yes && values['dry-run']) throw new UsageError('--dry-run and --yes contradict each other: use --dry-run to see the plan, --yes to apply it.');
    const apply = values.yes === true;
    const registry = parseRegistryArgument(registryArgument);
    const repo = parseRepositoryArgument(repoArgument);
    const client = await openRegistry(registry, common, io);
    await noteWhenUntaggedAreInvisible(client, registry, io);

    const rejected: RejectedDigest[] = [];
    const manifests = await readAllManifests(client, repo, io, (entry) => {
      rejected.push(entry);
      printError(io, `warning: ${entry.where} has an entry whose digest is not a digest (${entry.value}); it is ignored and never sent to the registry.`);
    });
    const plan = new CleanupPlanner().plan(manifests, { rejected });
    const toDelete = plan.filter((decision) => decision.action === 'delete');
    const blocked = plan.filter((decision) => decision.blocked).length;
    if (blocked > 0) {
      printError(io, `note: ${blocked} untagged manifest(s) are kept only because something that could hold them could not be read (see the reasons); nothing such a manifest might need is deleted. Fix the read, then plan again.`);
    }

    let deleted: string[] = [];
    let failed: Array<{ digest: string; error: RegistryError }> = [];
    if (apply && toDelete.length > 0) {
      const deleting = createProgress(io.stderr, 'Deleting');
      try {
        ({ deleted, failed } = await executeCleanup(client, repo, plan, {
          dryRun: false,
          signal: io.signal,
          onProgress: (done, total) => deleting.update(done, total),
        }));
      } finally {
        deleting.done();
      }
    }

    if (common.format === 'json') {
      // Exactly {digest, action, reason} per decision: the planner's ordering hints stay internal.
      const out: Record<string, unknown> = { plan: plan.map(({ digest, action, reason }) => ({ digest, action, reason })), deleted };
      // Only present when something failed, so the documented shape holds on success.
      if (failed.length) out.failed = failed.map(({ digest, error }) => ({ digest, code: error.code, message: error.toUserMessage() }));
      if (rejected.length) out.rejected = rejected;
      printJson(io, out);
    } else {
      if (plan.length === 0) {
        printLine(io, `${registry}/${repo} has no manifests.`);
      } else {
        printTable(io, ['ACTION', 'DIGEST', 'REASON'], plan.map((decision) => [decision.action, decision.digest, decision.reason]));
        printLine(io);
      }
      if (!apply) {
        printLine(
          io,
          toDelete.length
            ? `Dry run: nothing was deleted. To delete the ${toDelete.length} manifest(s) marked "delete", run: acr-doctor cleanup ${registry} ${repo} --untagged --yes`
            : 'Nothing to delete: every manifest is tagged or needed by a tagged image.',
        );
      } else {
        for (const digest of deleted) printLine(io, `deleted ${digest}`);
        printLine(io, `Deleted ${deleted.length} of ${toDelete.length} manifest(s)${failed.length ? `; ${failed.length} failed` : ''}.`);
      }
    }
    for (const { digest, error } of failed) printError(io, `acr-doctor cleanup: could not delete ${digest}: ${error.toUserMessage()}`);
    return failed.length ? EXIT.failed : EXIT.ok;
  },
};
