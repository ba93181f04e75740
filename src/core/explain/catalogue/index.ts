import type { MessageFamily } from '../types';
import { authFamilies } from './auth';
import { clientFamilies } from './client';
import { networkFamilies } from './network';
import { registryFamilies } from './registry';

/** Every message family, in the order of failure-messages.md. */
export const MESSAGE_FAMILIES: readonly MessageFamily[] = [...authFamilies, ...networkFamilies, ...registryFamilies, ...clientFamilies].sort((a, b) => a.row - b.row);
