/** The `rbac.*` checks. One file per check beside this one; add each to the array. */
import { rbacPullPush } from './pull-push';
import { rbacReaderSubscription } from './reader-subscription';
import { rbacPropagation } from './propagation';
import type { Check } from '../types';

export const checks: Check[] = [rbacPullPush, rbacReaderSubscription, rbacPropagation];
