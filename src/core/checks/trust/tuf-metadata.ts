import { link, loginServerOf } from '../fixes';
import { dockerConfigDir, pathsOf } from '../machine';
import type { Check, CheckOutcome, SystemProbe } from '../types';

/** Bounds on the walk: repository paths are a few segments deep; a trust dir holds few repositories. */
const MAX_DEPTH = 8;
const MAX_REPOSITORIES = 200;

interface TrustedRepository {
  repository: string;
  files: string[];
  rootKeyIds: string[];
  problem?: string;
}

/** Key ids of the root role in a TUF root.json (`signed.roles.root.keyids`), else every key in `signed.keys`. */
function rootKeyIds(text: string): string[] {
  const root = JSON.parse(text) as { signed?: { roles?: { root?: { keyids?: unknown } }; keys?: Record<string, unknown> } };
  const ids = root.signed?.roles?.root?.keyids;
  if (Array.isArray(ids)) return ids.filter((id): id is string => typeof id === 'string');
  return Object.keys(root.signed?.keys ?? {});
}

async function walk(system: SystemProbe, dir: string, repository: string[], depth: number, out: TrustedRepository[]): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_REPOSITORIES) return;
  const paths = pathsOf(system);
  const entries = (await system.listDir(dir)) ?? [];
  if (entries.includes('metadata')) {
    const metadataDir = paths.join(dir, 'metadata');
    const files = ((await system.listDir(metadataDir)) ?? []).filter((f) => f.endsWith('.json'));
    const found: TrustedRepository = { repository: repository.join('/'), files, rootKeyIds: [] };
    if (files.includes('root.json')) {
      try {
        found.rootKeyIds = rootKeyIds((await system.readFile(paths.join(metadataDir, 'root.json'))) ?? '');
      } catch {
        found.problem = 'root.json is not valid TUF JSON';
      }
    } else found.problem = 'no root.json';
    out.push(found);
  }
  for (const entry of entries) {
    if (entry === 'metadata' || entry === 'changelist') continue;
    await walk(system, paths.join(dir, entry), [...repository, entry], depth + 1, out);
  }
}

/** FAQ F15: the trust data docker keeps per registry (`~/.docker/trust/tuf/<server>/<repo>/metadata/root.json`). */
export const trustTufMetadata: Check = {
  meta: {
    id: 'trust.tuf-metadata',
    area: 'trust',
    title: 'Local content-trust (TUF) metadata for the registry',
    faq: ['F15'],
    docs: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq#where-is-the-file-for-the-thumbprint-located-',
  },
  async run(context): Promise<CheckOutcome> {
    const { system } = context;
    const paths = pathsOf(system);
    const tufDir = paths.join(dockerConfigDir(system), 'trust', 'tuf');
    const servers = await system.listDir(tufDir);
    const host = loginServerOf(context.target).toLowerCase();
    if (!servers) return { status: 'pass', summary: `No trust data (${tufDir} does not exist): content trust has not been used here.`, evidence: { tufDir, found: false } };
    const serverDir = servers.find((s) => s.toLowerCase() === host);
    if (!serverDir) return { status: 'pass', summary: `No trust data for ${host} in ${tufDir} (found: ${servers.join(', ') || 'none'}).`, evidence: { tufDir, servers } };
    const repositories: TrustedRepository[] = [];
    await walk(system, paths.join(tufDir, serverDir), [], 0, repositories);
    const evidence = {
      tufDir,
      server: serverDir,
      repositories: repositories.map((r) => `${r.repository}: ${r.files.join(', ') || 'no files'}${r.rootKeyIds.length ? `; root keys ${r.rootKeyIds.join(', ')}` : ''}${r.problem ? ` (${r.problem})` : ''}`),
    };
    const broken = repositories.filter((r) => r.problem);
    if (broken.length > 0) {
      return {
        status: 'warn',
        summary: `Trust data for ${broken.map((r) => r.repository || '(server)').join(', ')} is incomplete (${broken[0]!.problem}): signed pulls of those repositories fail.`,
        evidence,
        fixes: [
          { kind: 'command', title: 'Remove the broken trust data (it is fetched again on the next signed pull)', command: `rm -rf "${paths.join(tufDir, serverDir)}"` },
          link('Content trust in ACR (deprecated; notation is the successor)', 'https://learn.microsoft.com/azure/container-registry/container-registry-content-trust'),
        ],
      };
    }
    return {
      status: 'pass',
      summary: `${repositories.length} repositor${repositories.length === 1 ? 'y has' : 'ies have'} trust data for ${serverDir}${serverDir !== host ? ` (directory spelled ${serverDir})` : ''}.`,
      evidence,
    };
  },
};
