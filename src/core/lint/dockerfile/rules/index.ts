import type { Rule } from '../../types';
import type { DockerfileDoc } from '../document';
import { acrHostUppercase } from './acrHostUppercase';
import { invalidReference } from './invalidReference';
import { latestTag } from './latestTag';
import { missingTag } from './missingTag';
import { referenceScheme } from './referenceScheme';
import { registryNotAllowed } from './registryNotAllowed';
import { repositoryUppercase } from './repositoryUppercase';
import { uppercaseHostComponent } from './uppercaseHostComponent';
import { windowsBaseImage } from './windowsBaseImage';

/** In code order; the catalogue and docs read them from here. */
export const dockerfileRules: readonly Rule<DockerfileDoc>[] = [
  repositoryUppercase,
  acrHostUppercase,
  uppercaseHostComponent,
  invalidReference,
  referenceScheme,
  missingTag,
  latestTag,
  registryNotAllowed,
  windowsBaseImage,
];
