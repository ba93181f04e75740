import type { Rule } from '../../types';
import type { DaemonJsonDoc } from '../document';
import { debugLoggingRule } from './debugLogging';
import { insecureRegistryEntryRule } from './insecureRegistryEntry';
import { logLevelRule } from './logLevel';
import { mirrorNotForAcrRule } from './mirrorNotForAcr';
import { nondistributableArtifactsRule } from './nondistributableArtifacts';
import { registryMirrorEntryRule } from './registryMirrorEntry';
import { unknownKeyRule } from './unknownKey';
import { valueTypeRule } from './valueType';

/** In code order; the language, the catalogue and the docs read them from here. */
export const daemonJsonRules: readonly Rule<DaemonJsonDoc>[] = [
  unknownKeyRule,
  valueTypeRule,
  logLevelRule,
  insecureRegistryEntryRule,
  registryMirrorEntryRule,
  mirrorNotForAcrRule,
  nondistributableArtifactsRule,
  debugLoggingRule,
];
