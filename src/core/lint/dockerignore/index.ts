import type { LintLanguage } from '../types';
import { parseDockerignore, type DockerignoreDoc } from './document';
import { dockerignoreRules } from './rules';

export type { DockerignoreDoc } from './document';

/** .dockerignore: Docker's reading of each line, rules ACR2xx. */
export const dockerignoreLanguage: LintLanguage<DockerignoreDoc> = {
  kind: 'dockerignore',
  commentPrefix: '#',
  parse: (text) => ({ doc: parseDockerignore(text), findings: [] }),
  rules: dockerignoreRules,
};
