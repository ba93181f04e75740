/** The registry admin user's credentials: secrets, read only when the person asked for them. */
import { Secret } from '../secret';
import type { ArmSession } from './armSession';
import type { AdminCredentials, RegistryRef } from './types';

export async function getAdminCredentials(arm: ArmSession, ref: RegistryRef, signal?: AbortSignal): Promise<AdminCredentials> {
  arm.log.info(`Reading the admin credentials of ${ref.name} (requested explicitly).`);
  const result = await arm.run(`read the admin credentials of ${ref.name}`, signal, () => arm.acr(ref.subscriptionId).registries.listCredentials(ref.resourceGroup, ref.name, { abortSignal: signal }));
  return { username: result.username, passwords: (result.passwords ?? []).map((p) => ({ name: p.name, value: p.value === undefined ? undefined : new Secret(p.value) })) };
}
