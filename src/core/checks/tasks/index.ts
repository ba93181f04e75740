/** The `tasks.*` checks. One file per check beside this one; add each to the array. */
import { tasksAgentPoolNetwork } from './agent-pool-network';
import { tasksNetworkBypass } from './network-bypass';
import { tasksPermissions } from './permissions';
import type { Check } from '../types';

export const checks: Check[] = [tasksAgentPoolNetwork, tasksNetworkBypass, tasksPermissions];
