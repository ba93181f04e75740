/** The `tasks.*` checks. One file per check beside this one; add each to the array. */
import { tasksAgentPoolNetwork } from './agentPoolNetwork';
import { tasksNetworkBypass } from './networkBypass';
import { tasksPermissions } from './permissions';
import type { Check } from '../types';

export const checks: Check[] = [tasksAgentPoolNetwork, tasksNetworkBypass, tasksPermissions];
