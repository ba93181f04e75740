/** repo.name-format: the repository and tag the user typed are valid (lowercase, `.`, `-`, `_`, `/`) as Docker parses them (F33). */
import { parseImageReference } from '../../reference/imageReference';
import { DOCS } from '../docs';
import type { Check } from '../types';

export const nameFormatCheck: Check = {
  meta: {
    id: 'repo.name-format',
    area: 'repo',
    title: 'Repository name and tag are valid',
    faq: ['F33'],
    needs: ['repository'],
    docs: DOCS.naming,
  },
  async run(context) {
    const { repository, reference } = context.target;
    const host = context.facts.endpoint().host.toLowerCase();
    const suffix = reference === undefined ? '' : reference.includes(':') ? `@${reference}` : `:${reference}`;
    const text = `${host}/${repository ?? ''}${suffix}`;
    const parsed = parseImageReference(text);
    if (!parsed.error) return { status: 'pass', summary: `${repository}${suffix} is a valid repository reference.`, evidence: { reference: text } };
    const lower = (repository ?? '').toLowerCase();
    const fixes =
      parsed.error.kind === 'uppercase-repository' && !parseImageReference(`${host}/${lower}${suffix}`).error
        ? [{ kind: 'command' as const, title: 'Use the lowercase name', command: `docker pull ${host}/${lower}${suffix}` }]
        : [];
    return {
      status: 'fail',
      summary: `"${repository}${suffix}" is not a valid reference: ${parsed.error.detail} (Docker: "${parsed.error.dockerMessage}"; ACR: "repository format invalid").`,
      evidence: { reference: text, problem: parsed.error.kind },
      fixes,
    };
  },
};
