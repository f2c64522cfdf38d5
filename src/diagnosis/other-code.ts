import { triage as triageText } from '../triage';
import type { Triage } from '../triage/types';
import { catalogText, type DiagnosisContext, type KindResult } from './context';
import type { SignInRecord } from './ports';
import { viewFor } from './view-for';
import { SIGN_IN_ARRIVAL_MS } from './sign-in-search';
import type { DiagnosisView } from './types';

/**
 * A pasted code that no failure of the last day carries, while another failure is there: which
 * failure that is, and what the answer says of the pasted code (latest-failure.ts decides whether
 * the answer turns to the other failure or stands).
 */

/** The triage a paste of just this code would get: its intent, catalog entry and code. */
export function triageOfCode(code: number): Triage {
  return triageText(`AADSTS${code}`);
}

/**
 * The pasted code is not among the recent failures, and the newest failure is of another kind
 * (its code has an answer of its own). A Conditional Access answer is handed that failure as its
 * sign-in (the search falls back to it); the other answers that show a sign-in set it aside
 * (own-sign-in.ts). Undefined otherwise: a sibling code with the same answer keeps the first.
 */
export function otherFailureOf(
  ctx: DiagnosisContext,
  view: DiagnosisView,
  first: KindResult,
): SignInRecord | undefined {
  const pasted = ctx.triage.code;
  if (pasted === undefined) return undefined;
  const found = first.signIn;
  const row =
    view === 'conditional-access'
      ? found?.matchedBy === 'recent-failures'
        ? found.record
        : undefined
      : first.otherFailure;
  const code = row?.status.errorCode ?? 0;
  if (code === 0 || code === pasted || viewFor(triageOfCode(code)) === view) return undefined;
  return row;
}

/**
 * The answer stands without the other failure as its sign-in, and says in one line that the
 * pasted code was not found, and what failed instead (that code is worth pasting too).
 */
export function notFoundSaid(
  ctx: DiagnosisContext,
  first: KindResult,
  other: SignInRecord,
): KindResult {
  const code = `AADSTS${ctx.triage.code}`;
  const { errorCode, failureReason } = other.status;
  const latest = `AADSTS${errorCode}${failureReason ? ` (${failureReason.replace(/\.$/, '')})` : ''}`;
  const at = ctx.when(other.createdDateTime);
  const detail =
    ctx.audience === 'user'
      ? `None of your sign-ins failed with ${code} in the last 24 hours; if you saw it just now, it may take a few minutes to reach the log. Your latest failed sign-in, at ${at}, was ${latest}: paste that code here to look at it.`
      : `No sign-in of this account failed with ${code} in the last 24 hours; a failure minutes old may not have reached the log yet. Its latest failed sign-in, at ${at}, was ${latest}: paste that code to look at it.`;
  return {
    ...first,
    // Another sign-in failed: "no problem now" is not what the log says.
    status: first.status === 'resolved' ? 'explained' : first.status,
    findings: [
      { kind: 'context', title: `${code} is not in the sign-in log`, detail, evidence: [] },
      ...first.findings,
    ],
    ...(young(ctx) ? { checkAgain: true } : {}),
  };
}

/** What the pasted code means, kept on the card when the answer is another failure's. */
export function pastedMeaning(
  code: number | undefined,
  audience: 'user' | 'helpdesk',
): KindResult['findings'] {
  const meaning = code === undefined ? undefined : catalogText(triageOfCode(code), audience);
  if (meaning === undefined) return [];
  // Some codes never reach the person's own log, so their meaning is worth keeping.
  return [
    { kind: 'context', title: `What AADSTS${code} means`, detail: meaning.meaning, evidence: [] },
  ];
}

/** Asked about so recently that a sign-in of that moment may not be in the log yet. */
export function young(ctx: DiagnosisContext): boolean {
  return ctx.now.getTime() - ctx.firstAskedAt.getTime() < SIGN_IN_ARRIVAL_MS;
}
