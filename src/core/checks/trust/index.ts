/** The `trust.*` checks. One file per check beside this one; add each to the array. */
import { trustClient } from './client';
import { trustTufMetadata } from './tuf-metadata';
import type { Check } from '../types';

export const checks: Check[] = [trustClient, trustTufMetadata];
