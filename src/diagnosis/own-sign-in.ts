import type { DiagnosisContext } from './context';
import type { SignInRecord } from './ports';
import { signInOutcome, signInSearch, type SignInOutcome } from './sign-in-search';
import type { DiagnosisView, SignInEvidence } from './types';
import { loadCatalog } from '../triage/catalog';

/** The failure's code is one this answer explains (its catalog entry is diagnosed by `view`). */
export function explainedBy(row: SignInRecord, view: DiagnosisView): boolean {
  const code = row.status.errorCode;
  return code !== 0 && loadCatalog().byCode(code)?.diagnosis === view;
}

/**
 * The sign-in an answer shows: the one the paste's id points at, else the newest failure this
 * answer explains. The search of recent failures falls back to any failure, and another kind (a
 * blocked country under a password or a second-step answer) is not this answer's sign-in.
 */
export function ownSignIn(
  ctx: DiagnosisContext,
  located: { outcome: SignInOutcome; rows: SignInRecord[] } | undefined,
  view: DiagnosisView,
): SignInEvidence | undefined {
  if (located?.outcome.kind !== 'failed') return undefined;
  const { outcome } = located;
  if (outcome.evidence.matchedBy !== 'recent-failures' || explainedBy(outcome.row, view)) {
    return outcome.evidence;
  }
  const rows = located.rows.filter((row) => explainedBy(row, view));
  if (rows.length === 0) return undefined;
  const search = signInSearch(ctx.triage, ctx.userId, ctx.now, { narrowToCode: false });
  const own = signInOutcome(search, rows, ctx.triage.code, {
    now: ctx.now,
    firstAskedAt: ctx.firstAskedAt,
    when: ctx.when,
  });
  return own.kind === 'failed' ? own.evidence : undefined;
}
