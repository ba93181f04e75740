/** The `rbac.*` checks. One file per check beside this one; add each to the array. */
import { rbacPullPush } from './pullPush';
import { rbacReaderSubscription } from './readerSubscription';
import { rbacPropagation } from './propagation';
import type { Check } from '../types';

export const checks: Check[] = [rbacPullPush, rbacReaderSubscription, rbacPropagation];
