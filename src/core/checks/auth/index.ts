/** The `auth.*` checks. One file per check beside this one; add each to the array. */
import type { Check } from '../types';
import { authRoleMode } from './roleMode';

export const checks: Check[] = [authRoleMode];
