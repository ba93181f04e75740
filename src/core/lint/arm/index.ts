import type { LintLanguage } from '../types';
import type { ArmDocument } from './model';
import { parseArmTemplate, syntaxErrorMeta } from './parse';
import { adminUserRule } from './rules/adminUser';
import { anonymousPullRule } from './rules/anonymousPull';
import { apiVersionOldRule } from './rules/apiVersionOld';
import { apiVersionPreviewRule } from './rules/apiVersionPreview';
import { apiVersionUnknownRule } from './rules/apiVersionUnknown';
import { homeReplicationRule } from './rules/homeReplication';
import { ipRulesRule } from './rules/ipRules';
import { listCredentialsPathRule } from './rules/listCredentialsPath';
import { premiumFeaturesRule } from './rules/premiumFeatures';
import { registryNameRule } from './rules/registryName';
import { secretInOutputsRule } from './rules/secretInOutputs';
import { skuRule } from './rules/sku';
import { taskTriggersRule } from './rules/taskTriggers';

export type { ArmDocument } from './model';

export const armRules = [
  registryNameRule,
  apiVersionUnknownRule,
  apiVersionPreviewRule,
  apiVersionOldRule,
  skuRule,
  premiumFeaturesRule,
  anonymousPullRule,
  adminUserRule,
  homeReplicationRule,
  listCredentialsPathRule,
  secretInOutputsRule,
  ipRulesRule,
  taskTriggersRule,
] as const;

/** ARM deployment templates (JSON with comments, as ARM accepts): Microsoft.ContainerRegistry resources. */
export const armLanguage: LintLanguage<ArmDocument> = {
  kind: 'arm-template',
  commentPrefix: '//',
  parse: (text, lines) => parseArmTemplate(text, lines),
  rules: armRules,
  parseRules: [syntaxErrorMeta],
};
