/** The `registry.*` checks. One file per check beside this one; add each to the array. */
import { registryLoginServer } from './loginServer';
import { registrySkuClassic } from './skuClassic';
import { registryAdminUser } from './adminUser';
import { registryAnonymousPull } from './anonymousPull';
import { registryPublicAccess } from './publicAccess';
import { registryPrivateEndpoints } from './privateEndpoints';
import { registryStorageQuota } from './storageQuota';
import { registryQuarantine } from './quarantine';
import { registryTrustPolicy } from './trustPolicy';
import { registryCmkIdentity } from './cmkIdentity';
import { registryDefender } from './defender';
import { registryTokens } from './tokens';
import { registrySoftDelete } from './softDelete';
import { registryRetention } from './retention';
import { registryExportPolicy } from './exportPolicy';
import { registryConnected } from './connected';
import type { Check } from '../types';

export const checks: Check[] = [registryLoginServer, registrySkuClassic, registryAdminUser, registryAnonymousPull, registryPublicAccess, registryPrivateEndpoints, registryStorageQuota, registryQuarantine, registryTrustPolicy, registryCmkIdentity, registryDefender, registryTokens, registrySoftDelete, registryRetention, registryExportPolicy, registryConnected];
