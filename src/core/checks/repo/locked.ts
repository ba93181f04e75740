/**
 * repo.locked: the repository, tag and manifest `changeableAttributes` (write/delete/read disabled)
 * that make ACR answer "REGISTRY_DISALLOWED_OPERATION … The operation is disallowed" (F32).
 */
import type { ChangeableAttributes } from '../../registry';
import { DOCS, registryNameOf } from '../docs';
import type { Check, CheckFix } from '../types';

type Level = 'repository' | 'tag' | 'manifest';

function lockedParts(attrs: ChangeableAttributes | undefined): string[] {
  if (!attrs) return [];
  return (['writeEnabled', 'deleteEnabled', 'readEnabled', 'listEnabled'] as const).filter((k) => attrs[k] === false);
}

export const lockedCheck: Check = {
  meta: {
    id: 'repo.locked',
    area: 'repo',
    title: 'The repository and image are not locked',
    faq: ['F32'],
    needs: ['repository', 'acr'],
    // Not on repo.tag-exists: its listing is the slowest step and a missing repository shows here as unreadable anyway.
    dependsOn: ['repo.name-format', 'net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.locking,
  },
  async run(context, signal) {
    const facts = context.facts;
    const repository = context.target.repository as string;
    const reference = context.target.reference;
    const found: Array<{ level: Level; attrs: string[] }> = [];
    const url = new URL(`/acr/v1/${repository}`, facts.endpoint().baseUrl);
    const response = await facts.http({ method: 'GET', url, authorization: await facts.authorization(`repository:${repository}:metadata_read`) });
    if (response.status !== 200) {
      return { status: 'skip', summary: `The repository's attributes are not readable with this identity (${response.status}): it needs metadata_read.`, evidence: { status: response.status } };
    }
    const repoAttrs = (JSON.parse(response.body.toString('utf8')) as { changeableAttributes?: ChangeableAttributes }).changeableAttributes;
    found.push({ level: 'repository', attrs: lockedParts(repoAttrs) });
    const client = facts.registryClient();
    let digest = reference?.includes(':') ? reference : undefined;
    if (reference && !reference.includes(':')) {
      const [tag] = await client.tagDetails(repository, [reference], { signal });
      found.push({ level: 'tag', attrs: lockedParts(tag?.changeableAttributes) });
      digest = tag?.digest;
    }
    if (digest) {
      const manifest = await client.manifestInfo(repository, digest, { signal });
      found.push({ level: 'manifest', attrs: lockedParts(manifest?.changeableAttributes) });
    }
    const locked = found.filter((f) => f.attrs.length > 0);
    const evidence = Object.fromEntries(found.map((f) => [f.level, f.attrs.length ? f.attrs.map((a) => `${a}=false`) : ['unlocked']]));
    if (locked.length === 0) return { status: 'pass', summary: `No locks on ${repository}${reference ? ` (${found.map((f) => f.level).join(', ')} checked)` : ''}.`, evidence };
    const name = registryNameOf(facts.endpoint().hostname);
    const image = reference ? `${repository}${reference.includes(':') ? '@' : ':'}${reference}` : repository;
    const readBlocked = locked.some((l) => l.attrs.includes('readEnabled'));
    const fixes: CheckFix[] = locked.map((l) => ({
      kind: 'command',
      title: `Unlock the ${l.level}`,
      command: l.level === 'repository' ? `az acr repository update --name ${name} --repository ${repository} --write-enabled true --delete-enabled true --read-enabled true` : `az acr repository update --name ${name} --image ${image} --write-enabled true --delete-enabled true --read-enabled true`,
    }));
    return {
      status: readBlocked ? 'fail' : 'warn',
      summary: `Locked: ${locked.map((l) => `${l.level} ${l.attrs.join(', ')} false`).join('; ')}. ${readBlocked ? 'Pulls' : 'Pushes or deletes'} answer "REGISTRY_DISALLOWED_OPERATION: The operation is disallowed".`,
      evidence,
      fixes,
    };
  },
};
