import type { LintLanguage } from '../types';
import { parseDockerfile } from './document';
import type { DockerfileDoc } from './document';
import { dockerfileRules } from './rules';

export type { DockerfileDoc, ReferenceSite } from './document';

/** Dockerfiles: parsed once with dockerfile-ast; every rule reads the precomputed image references. */
export const dockerfileLanguage: LintLanguage<DockerfileDoc> = {
  kind: 'dockerfile',
  commentPrefix: '#',
  parse: (text, lines) => ({ doc: parseDockerfile(text, lines), findings: [] }),
  rules: dockerfileRules,
};
