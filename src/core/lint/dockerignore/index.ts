import type { LintLanguage } from '../types';
import { parseDockerignore, type DockerignoreDoc } from './document';
import { acrBuildDiffers } from './rules/acrBuildDiffers';
import { bareExclamation } from './rules/bareExclamation';
import { dockerfileIgnored } from './rules/dockerfileIgnored';
import { gitExcludedByAcrBuild } from './rules/gitExcludedByAcrBuild';
import { invalidPattern } from './rules/invalidPattern';
import { uselessException } from './rules/uselessException';

export type { DockerignoreDoc } from './document';

/** .dockerignore: Docker's reading of each line, rules ACR2xx. */
export const dockerignoreLanguage: LintLanguage<DockerignoreDoc> = {
  kind: 'dockerignore',
  commentPrefix: '#',
  parse: (text) => ({ doc: parseDockerignore(text), findings: [] }),
  rules: [bareExclamation, invalidPattern, uselessException, acrBuildDiffers, gitExcludedByAcrBuild, dockerfileIgnored],
};
