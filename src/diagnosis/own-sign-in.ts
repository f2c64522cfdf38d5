import type { DiagnosisContext } from './context';
import type { SignInRecord } from './ports';
import { signInOutcome, signInSearch, type SignInOutcome } from './sign-in-search';
import type { DiagnosisView, SignInEvidence } from './types';
import { loadCatalog } from '../triage/catalog';
import { viewOfCode } from './view-for';

/** The failure's code is one this answer explains (its catalog entry is diagnosed by `view`). */
export function explainedBy(row: SignInRecord, view: DiagnosisView): boolean {
  const code = row.status.errorCode;
  return code !== 0 && loadCatalog().byCode(code)?.diagnosis === view;
}

/**
 * A failure this answer may show as its own: one with the pasted code, or a sibling a paste of
 * which gets this same answer (50074 for a pasted 50076). The plain look-up answers codes of every
 * kind, so there only the pasted code itself counts.
 */
function isOwn(row: SignInRecord, view: DiagnosisView, pasted: number | undefined): boolean {
  const code = row.status.errorCode;
  if (code === 0) return false;
  if (code === pasted) return true;
  return view !== 'sign-in' && viewOfCode(code) === view;
}

export interface OwnSignIn {
  /** The sign-in this answer shows, when there is one of its own. */
  signIn: SignInEvidence | undefined;
  /**
   * The newest failure of the last day when it is of another kind and the answer has none of its
   * own: not this answer's sign-in, but what the person met instead (latest-failure.ts).
   */
  otherFailure: SignInRecord | undefined;
}

/**
 * The sign-in an answer shows: the one the paste's id points at, else the newest failure with the
 * pasted code or of this answer's kind. The search of recent failures falls back to any failure,
 * and another kind (a lock-out under a second-step answer, a blocked country under a password
 * answer) is not this answer's sign-in.
 */
export function ownSignInOrOther(
  ctx: DiagnosisContext,
  located: { outcome: SignInOutcome; rows: SignInRecord[] } | undefined,
  view: DiagnosisView,
): OwnSignIn {
  const none = { signIn: undefined, otherFailure: undefined };
  if (located?.outcome.kind !== 'failed') return none;
  const { outcome } = located;
  const pasted = ctx.triage.code;
  if (outcome.evidence.matchedBy !== 'recent-failures' || isOwn(outcome.row, view, pasted)) {
    return { signIn: outcome.evidence, otherFailure: undefined };
  }
  const rows = located.rows.filter((row) => isOwn(row, view, pasted));
  const search = signInSearch(ctx.triage, ctx.userId, ctx.now, { narrowToCode: false });
  const own = signInOutcome(search, rows, pasted, {
    now: ctx.now,
    firstAskedAt: ctx.firstAskedAt,
    when: ctx.when,
  });
  return own.kind === 'failed'
    ? { signIn: own.evidence, otherFailure: undefined }
    : { signIn: undefined, otherFailure: outcome.row };
}

/** The sign-in an answer shows (see ownSignInOrOther), without the failure it set aside. */
export function ownSignIn(
  ctx: DiagnosisContext,
  located: { outcome: SignInOutcome; rows: SignInRecord[] } | undefined,
  view: DiagnosisView,
): SignInEvidence | undefined {
  return ownSignInOrOther(ctx, located, view).signIn;
}
