import type { Rule } from '../../types';
import type { ArmDocument } from '../model';
import { adminUserEnabledRule } from './adminUserEnabled';
import { anonymousPullSkuRule } from './anonymousPullSku';
import { apiVersionOldRule } from './apiVersionOld';
import { apiVersionPreviewRule } from './apiVersionPreview';
import { apiVersionUnknownRule } from './apiVersionUnknown';
import { homeRegionReplicationRule } from './homeRegionReplication';
import { ipRuleRule } from './ipRule';
import { listCredentialsPathRule } from './listCredentialsPath';
import { premiumFeatureRule } from './premiumFeature';
import { registryNameRule } from './registryName';
import { registrySkuRule } from './registrySku';
import { secretInOutputsRule } from './secretInOutputs';
import { taskSourceTriggerRule } from './taskSourceTrigger';

/** In code order; the language, the catalogue and the docs read them from here. */
export const armRules: readonly Rule<ArmDocument>[] = [
  registryNameRule,
  apiVersionUnknownRule,
  apiVersionPreviewRule,
  apiVersionOldRule,
  registrySkuRule,
  premiumFeatureRule,
  anonymousPullSkuRule,
  adminUserEnabledRule,
  homeRegionReplicationRule,
  listCredentialsPathRule,
  secretInOutputsRule,
  ipRuleRule,
  taskSourceTriggerRule,
];
