/** The `repo.*` checks: name → existence → locks. */
import type { Check } from '../types';
import { lockedCheck } from './locked';
import { nameFormatCheck } from './name-format';
import { tagExistsCheck } from './tag-exists';

export const checks: Check[] = [nameFormatCheck, tagExistsCheck, lockedCheck];
