import type { CheckResult } from '../checks/types';
import type { Cause, Recognition } from './types';

export type CauseVerdict = 'confirmed' | 'ruled-out' | 'undecided';

export interface JudgedCause {
  cause: Cause;
  verdict: CauseVerdict;
  /** The deciding results: what failed (confirmed), what passed (ruled out), or why nothing decided. */
  because: Array<{ id: string; status: CheckResult['status']; summary: string }>;
}

/**
 * Which cause it is, from the results of the checks that decide between the causes: a cause is
 * confirmed when one of its checks failed or warned (a warning that says it cannot tell does not count),
 * ruled out when every one of them passed, and undecided otherwise (skipped, errored, inconclusive, not
 * run, or a cause no check decides). Confirmed causes come
 * first, in their prior order; then undecided; ruled-out last.
 */
export function judgeCauses(recognition: Recognition, results: readonly CheckResult[]): JudgedCause[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const judged = recognition.causes.map((cause): JudgedCause => {
    const deciding = cause.checks.map((id) => byId.get(id)).filter((r): r is CheckResult => r !== undefined);
    const failing = deciding.filter((r) => r.status === 'fail' || (r.status === 'warn' && !r.inconclusive));
    const because = (list: CheckResult[]) => list.map((r) => ({ id: r.id, status: r.status, summary: r.summary }));
    if (failing.length > 0) return { cause, verdict: 'confirmed', because: because(failing) };
    if (cause.checks.length > 0 && deciding.length === cause.checks.length && deciding.every((r) => r.status === 'pass')) return { cause, verdict: 'ruled-out', because: because(deciding) };
    return { cause, verdict: 'undecided', because: because(deciding.filter((r) => r.status !== 'pass')) };
  });
  const rank: Record<CauseVerdict, number> = { confirmed: 0, undecided: 1, 'ruled-out': 2 };
  return judged.map((j, i) => ({ j, i })).sort((a, b) => rank[a.j.verdict] - rank[b.j.verdict] || a.i - b.i).map(({ j }) => j);
}
