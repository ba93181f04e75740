/** The `helm.*` checks. One file per check beside this one; add each to the array. */
import { helmVersion } from './version';
import type { Check } from '../types';

export const checks: Check[] = [helmVersion];
