/** The `auth.*` data-plane sign-in checks: Entra token → exchange → access tokens → repository grants. */
import type { Check } from '../types';
import { accessTokenCheck } from './access-token';
import { aadCheck } from './aad';
import { checks as managementChecks } from './management';
import { refreshTokenCheck } from './refresh-token';
import { repoPermissionsCheck } from './repo-permissions';
import { tokenAudienceCheck } from './token-audience';

export const checks: Check[] = [aadCheck, refreshTokenCheck, accessTokenCheck, repoPermissionsCheck, tokenAudienceCheck, ...managementChecks];
