/** The `cache.*` checks. One file per check beside this one; add each to the array. */
import { cacheRules } from './rules';
import type { Check } from '../types';

export const checks: Check[] = [cacheRules];
