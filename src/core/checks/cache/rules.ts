import { armFacts, judging, LOGIN_SERVER_CHECK } from '../azureFacts';
import { link, registryNameOf } from '../fixes';
import type { Check, CheckOutcome } from '../types';

const DOCKER_HUB = /^(docker\.io|registry-1\.docker\.io|index\.docker\.io)\//i;

/**
 * Artifact cache rules and their credential sets: unhealthy Key Vault credentials, Docker Hub official
 * images without `library/`, Docker Hub without credentials (upstream 429s "too many requests to source
 * registry for cache rule", Azure/acr #754), rules naming a credential set that does not exist.
 */
export const cacheRules: Check = {
  meta: { id: 'cache.rules', area: 'cache', title: 'Artifact cache rules and credentials are healthy', faq: ['F22'], needs: ['azure', 'acr'], dependsOn: [LOGIN_SERVER_CHECK], docs: 'https://learn.microsoft.com/azure/container-registry/troubleshoot-artifact-cache' },
  run: (context) =>
    judging('the cache rules', async (): Promise<CheckOutcome> => {
      const [rules, sets] = await Promise.all([armFacts.cacheRules(context.facts), armFacts.credentialSets(context.facts)]);
      const setsById = new Map(sets.map((s) => [(s.id ?? s.name).toLowerCase(), s]));
      const problems: string[] = [];
      const failures: string[] = [];
      for (const set of sets) {
        for (const credential of set.credentials) {
          if (credential.healthStatus && credential.healthStatus.toLowerCase() !== 'healthy') {
            failures.push(`credential set ${set.name} (${set.loginServer ?? '?'}) is ${credential.healthStatus}${credential.errorCode ? `: ${credential.errorCode}` : ''}${credential.errorMessage ? ` ${credential.errorMessage}` : ''}`);
          }
        }
      }
      for (const rule of rules) {
        const source = rule.sourceRepository ?? '';
        if (rule.credentialSetResourceId && !setsById.has(rule.credentialSetResourceId.toLowerCase())) failures.push(`rule ${rule.name} names a credential set that does not exist`);
        if (DOCKER_HUB.test(source)) {
          const path = source.replace(DOCKER_HUB, '');
          if (!path.includes('/')) problems.push(`rule ${rule.name}: ${source} is no Docker Hub path; official images are docker.io/library/${path}`);
          if (!rule.credentialSetResourceId) problems.push(`rule ${rule.name} pulls from Docker Hub without credentials: upstream rate limits surface as "toomanyrequests"`);
        }
      }
      const evidence = {
        rules: rules.map((r) => `${r.name}: ${r.sourceRepository ?? '?'} → ${r.targetRepository ?? '?'}${r.credentialSetResourceId ? ` (credentials ${r.credentialSetResourceId.split('/').pop()})` : ''}`),
        credentialSets: sets.map((s) => `${s.name}: ${s.loginServer ?? '?'}, ${s.credentials.map((c) => c.healthStatus ?? '?').join('/') || 'no credentials'}`),
      };
      if (rules.length === 0 && sets.length === 0) return { status: 'pass', summary: 'No artifact cache rules.', evidence };
      const name = registryNameOf(context.target);
      const fixes = [
        { kind: 'command' as const, title: 'Show a credential set and its health', command: `az acr credential-set show -r ${name} -n ${sets[0]?.name ?? '<credential-set>'}` },
        { kind: 'command' as const, title: 'Give a rule upstream credentials', command: `az acr cache update -r ${name} -n ${rules[0]?.name ?? '<rule>'} -c <credential-set>` },
        link('Troubleshoot artifact cache', 'https://learn.microsoft.com/azure/container-registry/troubleshoot-artifact-cache'),
      ];
      if (failures.length) return { status: 'fail', summary: `${failures.join('; ')}: cached pulls of those rules fail.`, evidence, fixes };
      if (problems.length) return { status: 'warn', summary: `${problems.join('; ')}.`, evidence, fixes };
      return { status: 'pass', summary: `${rules.length} cache rule${rules.length === 1 ? '' : 's'}, credentials healthy.`, evidence };
    }),
};
