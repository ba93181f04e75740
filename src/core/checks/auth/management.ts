/**
 * Management-plane `auth.*` checks (auth.role-mode), owned by the management-checks branch: add them
 * to this array; auth/index.ts joins it after the data-plane sign-in checks.
 */
import type { Check } from '../types';
import { authRoleMode } from './role-mode';

export const checks: Check[] = [authRoleMode];
