/** The `registry.*` checks. One file per check beside this one; add each to the array. */
import { registryLoginServer } from './login-server';
import { registrySkuClassic } from './sku-classic';
import { registryAdminUser } from './admin-user';
import { registryAnonymousPull } from './anonymous-pull';
import { registryPublicAccess } from './public-access';
import { registryPrivateEndpoints } from './private-endpoints';
import { registryStorageQuota } from './storage-quota';
import { registryQuarantine } from './quarantine';
import { registryTrustPolicy } from './trust-policy';
import { registryCmkIdentity } from './cmk-identity';
import { registryDefender } from './defender';
import { registryTokens } from './tokens';
import { registrySoftDelete } from './soft-delete';
import { registryRetention } from './retention';
import { registryExportPolicy } from './export-policy';
import { registryConnected } from './connected';
import type { Check } from '../types';

export const checks: Check[] = [registryLoginServer, registrySkuClassic, registryAdminUser, registryAnonymousPull, registryPublicAccess, registryPrivateEndpoints, registryStorageQuota, registryQuarantine, registryTrustPolicy, registryCmkIdentity, registryDefender, registryTokens, registrySoftDelete, registryRetention, registryExportPolicy, registryConnected];
