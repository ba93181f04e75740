import type { Rule } from '../../types';
import type { DockerfileDoc } from '../document';
import { acrHostUppercaseRule } from './acrHostUppercase';
import { invalidReferenceRule } from './invalidReference';
import { latestTagRule } from './latestTag';
import { missingTagRule } from './missingTag';
import { referenceSchemeRule } from './referenceScheme';
import { registryNotAllowedRule } from './registryNotAllowed';
import { repositoryUppercaseRule } from './repositoryUppercase';
import { uppercaseHostComponentRule } from './uppercaseHostComponent';
import { windowsForeignLayersRule } from './windowsForeignLayers';

/** In code order; the language, the catalogue and the docs read them from here. */
export const dockerfileRules: readonly Rule<DockerfileDoc>[] = [
  repositoryUppercaseRule,
  acrHostUppercaseRule,
  uppercaseHostComponentRule,
  invalidReferenceRule,
  referenceSchemeRule,
  missingTagRule,
  latestTagRule,
  registryNotAllowedRule,
  windowsForeignLayersRule,
];
