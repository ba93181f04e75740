import type { Rule } from '../../types';
import type { SysconfigDoc } from '../document';
import { signatureVerificationRule } from './signatureVerification';

/** In code order; the language, the catalogue and the docs read them from here. */
export const sysconfigDockerRules: readonly Rule<SysconfigDoc>[] = [
  signatureVerificationRule,
];
