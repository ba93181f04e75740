import type { Rule } from '../../types';
import type { DockerignoreDoc } from '../document';
import { acrBuildReadsDifferentlyRule } from './acrBuildReadsDifferently';
import { bareExclamationRule } from './bareExclamation';
import { dockerfileIgnoredRule } from './dockerfileIgnored';
import { gitExcludedByAcrBuildRule } from './gitExcludedByAcrBuild';
import { invalidPatternRule } from './invalidPattern';
import { overriddenExceptionRule } from './overriddenException';

/** In code order; the language, the catalogue and the docs read them from here. */
export const dockerignoreRules: readonly Rule<DockerignoreDoc>[] = [
  bareExclamationRule,
  invalidPatternRule,
  overriddenExceptionRule,
  acrBuildReadsDifferentlyRule,
  gitExcludedByAcrBuildRule,
  dockerfileIgnoredRule,
];
