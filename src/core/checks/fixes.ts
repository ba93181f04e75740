/**
 * Fix builders the environment and management checks share, so every check names the same next step
 * the same way.
 */
import { isAcrHost } from '../reference/imageReference';
import type { CheckFix, CheckTarget } from './types';

/**
 * The registry's resource name from its login server: the first DNS label without a domain-name-label
 * hash (`contoso-a1b2c3d4e5f6.azurecr.io` → `contoso`). Registry names cannot hold '-', so the first '-'
 * always starts the hash.
 */
export function registryNameOf(target: Pick<CheckTarget, 'registry'>): string {
  const host = target.registry.replace(/^https?:\/\//i, '').split(/[/:]/)[0] ?? target.registry;
  return (host.split('.')[0] ?? host).split('-')[0]!.toLowerCase();
}

export function loginServerOf(target: Pick<CheckTarget, 'registry'>): string {
  return target.registry.replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
}

export function azAcrLogin(target: Pick<CheckTarget, 'registry'>): CheckFix {
  const host = loginServerOf(target);
  if (!isAcrHost(host.split(':')[0]!.toLowerCase())) return { kind: 'command', title: 'Log in again', command: `docker login ${host.toLowerCase()}` };
  return { kind: 'command', title: 'Log in again (the lowercase login server, a fresh token)', command: `az acr login -n ${registryNameOf(target)}` };
}

/** `az acr login --expose-token` piped into `<client> login` (docker without a daemon, podman), or alone. */
export function exposeTokenLogin(target: Pick<CheckTarget, 'registry'>, client?: 'docker' | 'podman'): CheckFix {
  if (!isAcrHost(loginServerOf(target).split(':')[0]!.toLowerCase())) return { kind: 'command', title: 'Log in with another client', command: `${client ?? 'podman'} login ${loginServerOf(target).toLowerCase()}` };
  const token = `az acr login -n ${registryNameOf(target)} --expose-token --query accessToken -o tsv`;
  return client
    ? { kind: 'command', title: `Log ${client} in with a registry token from the Azure CLI`, command: `${token} | ${client} login ${loginServerOf(target).toLowerCase()} -u 00000000-0000-0000-0000-000000000000 --password-stdin` }
    : { kind: 'command', title: 'Get a registry token for another client (user name 00000000-0000-0000-0000-000000000000)', command: token };
}

/** `az acr update -n NAME <args>`: the one command most management fixes are. */
export function azAcrUpdate(target: Pick<CheckTarget, 'registry'>, title: string, args: string): CheckFix {
  return { kind: 'command', title, command: `az acr update -n ${registryNameOf(target)} ${args}` };
}

export function link(title: string, url: string): CheckFix {
  return { kind: 'link', title, url };
}
