/**
 * The `auth.*` checks: the data-plane sign-in chain (Entra token → exchange → access tokens →
 * repository grants), then the management-plane role mode.
 */
import type { Check } from '../types';
import { accessTokenCheck } from './access-token';
import { aadCheck } from './aad';
import { credentialsCheck } from './credentials';
import { refreshTokenCheck } from './refresh-token';
import { repoPermissionsCheck } from './repo-permissions';
import { authRoleMode } from './role-mode';
import { tokenAudienceCheck } from './token-audience';

export const checks: Check[] = [credentialsCheck, aadCheck, refreshTokenCheck, accessTokenCheck, repoPermissionsCheck, tokenAudienceCheck, authRoleMode];
