import type { TagInfo } from '../../core/registry/index';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../io';
import { printJson, printLine, printTable } from '../output';
import { createProgress } from '../progress';
import {
  expectPositionals,
  openRegistry,
  parseCommandArgs,
  parseRegistryArgument,
  parseRepositoryArgument,
  REGISTRY_OPTIONS_USAGE,
} from '../registryOptions';

const DETAIL_BATCH = 256;

export const tagsCommand: CliCommand = {
  name: 'tags',
  summary: 'List the tags of a repository with their digests.',
  usage: [
    'Usage: acr-doctor tags REGISTRY REPO [--order name|newest] [--no-digests] [options]',
    '',
    'Options:',
    '  --order name|newest      Sort by name (default) or newest first (needs ACR\'s listing API).',
    '  --no-digests             Names only where the listing has no digests (skips one request per tag',
    '                           on registries other than ACR).',
    REGISTRY_OPTIONS_USAGE,
  ].join('\n'),
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values, common } = parseCommandArgs(args, { order: { type: 'string' }, 'no-digests': { type: 'boolean' } });
    const order = (values.order as string | undefined) ?? 'name';
    if (order !== 'name' && order !== 'newest') throw new UsageError(`--order must be 'name' or 'newest', not '${order}'.`);
    const [registryArgument, repoArgument] = expectPositionals(positionals, ['REGISTRY', 'REPO']);
    const registry = parseRegistryArgument(registryArgument);
    const repo = parseRepositoryArgument(repoArgument);
    const client = await openRegistry(registry, common, io);

    const listing = createProgress(io.stderr, `Listing tags of ${repo}`);
    let tags: TagInfo[] = [];
    try {
      for await (const tag of client.tags(repo, { order, signal: io.signal })) {
        tags.push(tag);
        listing.update(tags.length);
      }
    } finally {
      listing.done();
    }

    // distribution 2.8 lists tags in storage order, not by name: sort here so the output is stable.
    if (order === 'name') tags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    // Plain registries list names only; ACR's listing already carries digests.
    const withoutDigest = values['no-digests'] ? [] : tags.filter((tag) => !tag.digest).map((tag) => tag.name);
    if (withoutDigest.length > 0) {
      // In batches so a long lookup shows progress; each batch keeps the client's own fan-out.
      const resolving = createProgress(io.stderr, `Resolving digests of ${repo}`);
      const details: TagInfo[] = [];
      try {
        for (let start = 0; start < withoutDigest.length; start += DETAIL_BATCH) {
          details.push(...(await client.tagDetails(repo, withoutDigest.slice(start, start + DETAIL_BATCH), { signal: io.signal })));
          resolving.update(details.length, withoutDigest.length);
        }
      } finally {
        resolving.done();
      }
      const byName = new Map(details.map((detail) => [detail.name, detail]));
      tags = tags.map((tag) => (tag.digest ? tag : { ...tag, ...byName.get(tag.name) }));
    }

    if (common.format === 'json') {
      printJson(io, { tags });
    } else if (tags.length === 0) {
      printLine(io, `${registry}/${repo} has no tags.`);
    } else {
      printTable(
        io,
        ['TAG', 'DIGEST', 'UPDATED'],
        tags.map((tag) => [tag.name, tag.digest ?? '-', tag.lastUpdateTime ?? tag.createdTime ?? '-']),
      );
    }
    return EXIT.ok;
  },
};
