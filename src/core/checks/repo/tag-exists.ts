/**
 * repo.tag-exists: the repository and tag exist. ACR answers 401, not 404, for a repository that
 * does not exist (Azure/acr #359), so a 401 is followed by a catalog look-up; near matches suggested.
 */
import { AuthError, ForbiddenError, NotFoundError } from '../../registry';
import { DOCS } from '../docs';
import type { Check, CheckContext } from '../types';

const MAX_LISTED = 5_000;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** Up to three names close to `wanted`: case-insensitive equal, small edit distance, or containing it. */
export function nearMatches(wanted: string, names: readonly string[]): string[] {
  const w = wanted.toLowerCase();
  return names
    .map((name) => ({ name, score: name.toLowerCase() === w ? 0 : name.toLowerCase().includes(w) || w.includes(name.toLowerCase()) ? 1 : distance(w, name.toLowerCase()) }))
    .filter((c) => c.name !== wanted && c.score <= Math.max(2, Math.floor(w.length / 4)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((c) => c.name);
}

async function collect(source: AsyncIterable<{ name: string } | string>, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for await (const item of source) {
    if (signal.aborted) break;
    out.push(typeof item === 'string' ? item : item.name);
    if (out.length >= MAX_LISTED) break;
  }
  return out;
}

async function catalogVerdict(context: CheckContext, repository: string, signal: AbortSignal, why: string) {
  let repositories: string[];
  try {
    repositories = await collect(context.facts.registryClient().repositories({ signal }), signal);
  } catch {
    return {
      status: 'warn' as const,
      summary: `${why}; the catalog is not readable with this identity either, so it cannot tell a missing repository from a missing permission (ACR answers 401 for both).`,
      evidence: { repository },
      inconclusive: true as const,
    };
  }
  if (repositories.includes(repository)) {
    return { status: 'fail' as const, summary: `${repository} exists (it is in the catalog), but its tags cannot be read: this identity lacks pull on it.`, evidence: { repository } };
  }
  const suggestions = nearMatches(repository, repositories);
  return {
    status: 'fail' as const,
    summary: `Repository ${repository} does not exist${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '.'} (ACR answers "401 unauthorized" for a repository that does not exist.)`,
    evidence: { repository, suggestions, repositoriesSeen: repositories.length },
  };
}

export const tagExistsCheck: Check = {
  meta: {
    id: 'repo.tag-exists',
    area: 'repo',
    title: 'The repository and tag exist',
    faq: ['F32', 'F33'],
    needs: ['repository'],
    dependsOn: ['repo.name-format', 'net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.troubleshootLogin,
  },
  async run(context, signal) {
    const repository = context.target.repository as string;
    const reference = context.target.reference;
    const client = context.facts.registryClient();
    let tags: string[];
    try {
      tags = await collect(client.tags(repository, { signal }), signal);
    } catch (error) {
      if (error instanceof AuthError || error instanceof ForbiddenError) return catalogVerdict(context, repository, signal, `Listing the tags of ${repository} was refused (${error.status ?? 401})`);
      if (error instanceof NotFoundError) return catalogVerdict(context, repository, signal, `${repository} is unknown to the registry`);
      throw error;
    }
    if (reference === undefined) return { status: 'pass', summary: `${repository} exists with ${tags.length}${tags.length >= MAX_LISTED ? '+' : ''} tag${tags.length === 1 ? '' : 's'}.`, evidence: { repository, tagCount: tags.length } };
    if (reference.includes(':')) {
      try {
        const manifest = await client.getManifest(repository, reference, { signal });
        return { status: 'pass', summary: `${repository}@${manifest.digest} exists.`, evidence: { repository, digest: manifest.digest } };
      } catch (error) {
        if (error instanceof NotFoundError) return { status: 'fail', summary: `${repository}@${reference} does not exist ("manifest unknown"): deleted, purged by retention, or never pushed here.`, evidence: { repository, digest: reference } };
        throw error;
      }
    }
    if (tags.includes(reference)) return { status: 'pass', summary: `${repository}:${reference} exists.`, evidence: { repository, tag: reference, tagCount: tags.length } };
    const suggestions = nearMatches(reference, tags);
    return {
      status: 'fail',
      summary: `${repository} has no tag "${reference}" (docker says "manifest unknown")${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '.'}${reference === 'latest' ? ' "latest" is only the default when no tag is written; it exists only if someone pushed it.' : ''}`,
      evidence: { repository, tag: reference, suggestions, tagCount: tags.length },
    };
  },
};
