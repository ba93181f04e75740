import type { LintLanguage } from '../types';
import { judgeUnderCondition } from './condition';
import type { ArmDocument } from './model';
import { parseArmTemplate, syntaxErrorMeta } from './parse';
import { armRules } from './rules';

export type { ArmDocument } from './model';

/** ARM deployment templates (JSON with comments, as ARM accepts): Microsoft.ContainerRegistry resources. */
export const armLanguage: LintLanguage<ArmDocument> = {
  kind: 'arm-template',
  commentPrefix: '//',
  parse: (text, lines) => parseArmTemplate(text, lines),
  rules: armRules,
  parseRules: [syntaxErrorMeta],
  judge: judgeUnderCondition,
};
