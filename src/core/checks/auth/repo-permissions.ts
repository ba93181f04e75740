/**
 * auth.repo-permissions: for one repository, asks for pull, push, delete and metadata_read and
 * reports what the returned token actually grants (full / partial / none), like
 * `az acr check-health --repository`, but from the token's own claims.
 */
import { DOCS } from '../docs';
import type { Check } from '../types';

const WANTED = ['pull', 'push', 'delete', 'metadata_read'];

export const repoPermissionsCheck: Check = {
  meta: {
    id: 'auth.repo-permissions',
    area: 'auth',
    title: 'Permissions on the repository (pull, push, delete, metadata_read)',
    faq: ['F16'],
    needs: ['repository'],
    dependsOn: ['net.challenge'],
    timeoutMs: 30_000,
    docs: DOCS.repositoryPermissions,
  },
  async run(context) {
    const repository = context.target.repository as string;
    const scope = `repository:${repository}:${WANTED.join(',')}`;
    const fact = await context.facts.token(scope);
    if (fact.outcome === 'not-applicable') return { status: 'skip', summary: `No token server to ask: ${fact.message ?? 'not applicable'}.` };
    if (fact.outcome !== 'ok') {
      return { status: 'fail', summary: `The token server refused a token for ${repository} (${fact.status ?? fact.errorCode ?? 'error'}): no permission at all on it.`, evidence: { scope, status: fact.status ?? null, errorCode: fact.errorCode ?? null } };
    }
    if (fact.granted === undefined) return { status: 'warn', summary: `A token for ${repository} was issued but its grants are not readable (not a JWT).`, evidence: { scope } };
    const granted = [...new Set(fact.granted.filter((g) => g.type === 'repository' && g.name === repository).flatMap((g) => g.actions))];
    const missing = WANTED.filter((a) => !granted.includes(a) && !granted.includes('*'));
    const evidence = { requested: WANTED, granted, missing };
    if (missing.length === 0) return { status: 'pass', summary: `Full access to ${repository}: ${WANTED.join(', ')}.`, evidence };
    if (missing.length === WANTED.length) {
      return {
        status: 'fail',
        summary: `The token for ${repository} grants nothing (the token server still answered 200): no role covers this repository, or the repository does not exist (ACR answers the same for both).`,
        evidence,
        fixes: [{ kind: 'link', title: 'Roles and repository permissions', url: DOCS.repositoryPermissions }],
      };
    }
    return { status: 'warn', summary: `Partial access to ${repository}: ${granted.join(', ')} granted; ${missing.join(', ')} not.`, evidence };
  },
};
