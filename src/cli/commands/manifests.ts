import type { ManifestInfo, Platform } from '../../core/registry/index';
import { EXIT, type CliCommand, type CliIO } from '../io';
import { formatBytes, printError, printJson, printLine, printTable, shortDigest } from '../output';
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

/** One row of `manifests --format json`. */
export interface ManifestRow {
  digest: string;
  mediaType?: string;
  size?: number;
  tags: string[];
  platform?: Platform;
  /** Digests of the indexes that list it and of the referrers (signatures, SBOMs) whose subject it is. */
  referencedBy: string[];
}

/** Inverts `references` (index → children) and `subject` (referrer → subject) into referencedBy. Pure. */
export function toManifestRows(manifests: ManifestInfo[]): ManifestRow[] {
  const referencedBy = new Map<string, Set<string>>();
  const add = (target: string, by: string) => {
    let set = referencedBy.get(target);
    if (!set) referencedBy.set(target, (set = new Set()));
    set.add(by);
  };
  for (const manifest of manifests) {
    for (const child of manifest.references) add(child, manifest.digest);
    if (manifest.subject) add(manifest.subject, manifest.digest);
  }
  return manifests.map((manifest) => ({
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    size: manifest.size,
    tags: manifest.tags,
    platform: manifest.platform,
    referencedBy: [...(referencedBy.get(manifest.digest) ?? [])].sort(),
  }));
}

const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/vnd.oci.image.index.v1+json': 'oci index',
  'application/vnd.oci.image.manifest.v1+json': 'oci manifest',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'docker list',
  'application/vnd.docker.distribution.manifest.v2+json': 'docker manifest',
};

export function platformText(platform: Platform | undefined): string {
  if (!platform) return '-';
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

export const manifestsCommand: CliCommand = {
  name: 'manifests',
  summary: 'List the manifests of a repository: tags, platform, and what refers to them.',
  usage: [
    'Usage: acr-doctor manifests REGISTRY REPO [--untagged] [options]',
    '',
    'Options:',
    '  --untagged               Only manifests without a tag (see `acr-doctor cleanup` to remove orphans).',
    REGISTRY_OPTIONS_USAGE,
  ].join('\n'),
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals, values, common } = parseCommandArgs(args, { untagged: { type: 'boolean' } });
    const [registryArgument, repoArgument] = expectPositionals(positionals, ['REGISTRY', 'REPO']);
    const registry = parseRegistryArgument(registryArgument);
    const repo = parseRepositoryArgument(repoArgument);
    const client = await openRegistry(registry, common, io);
    await noteWhenUntaggedAreInvisible(client, registry, io);

    const manifests = await readAllManifests(client, repo, io, (entry) =>
      printError(io, `warning: ${entry.where} has an entry whose digest is not a digest (${entry.value}); it is not listed.`),
    );
    for (const manifest of manifests) {
      if (manifest.unreadable !== undefined) printError(io, `warning: listing manifests of ${repo}: ${manifest.digest} could not be read (${manifest.unreadable}); what it references is not shown.`);
    }

    // referencedBy is computed over every manifest, then filtered: an untagged child still shows its index.
    let rows = toManifestRows(manifests);
    if (values.untagged) rows = rows.filter((row) => row.tags.length === 0);

    if (common.format === 'json') {
      printJson(io, { manifests: rows });
    } else if (rows.length === 0) {
      printLine(io, `${registry}/${repo} has no ${values.untagged ? 'untagged ' : ''}manifests.`);
    } else {
      printTable(
        io,
        ['DIGEST', 'TAGS', 'TYPE', 'PLATFORM', 'SIZE', 'REFERENCED BY'],
        rows.map((row) => [
          row.digest,
          row.tags.length ? row.tags.join(',') : '<untagged>',
          (row.mediaType && MEDIA_TYPE_NAMES[row.mediaType]) ?? row.mediaType ?? '-',
          platformText(row.platform),
          formatBytes(row.size),
          row.referencedBy.length ? row.referencedBy.map(shortDigest).join(',') : '-',
        ]),
      );
    }
    return EXIT.ok;
  },
};
