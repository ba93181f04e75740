/**
 * Every check, in one place: the engine, the CLI, the generated README table and the panel read
 * from here. Each area folder owns its `index.ts` (`checks: Check[]`); this file only joins them in
 * the order of CHECK_AREAS.
 */
import { checks as auth } from './auth';
import { checks as cache } from './cache';
import { checks as docker } from './docker';
import { checks as helm } from './helm';
import { checks as net } from './net';
import { checks as rbac } from './rbac';
import { checks as registry } from './registry';
import { checks as repo } from './repo';
import { checks as tasks } from './tasks';
import { checks as trust } from './trust';
import { CHECK_AREAS, type Check, type CheckArea, type CheckMeta } from './types';

const BY_AREA: Record<CheckArea, Check[]> = { docker, helm, trust, net, auth, registry, rbac, repo, cache, tasks };

/** All checks, grouped by area in report order, by id within an area as each index lists them. */
export function allChecks(): Check[] {
  const out: Check[] = [];
  for (const area of CHECK_AREAS) out.push(...BY_AREA[area]);
  return out;
}

export function allCheckMeta(): CheckMeta[] {
  return allChecks().map((c) => c.meta);
}

export function checkById(id: string): Check | undefined {
  return allChecks().find((c) => c.meta.id === id);
}
