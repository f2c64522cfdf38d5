import type { DiagnosisContext } from '../context';
import { countryWords, plural, type InstantWords } from '../format';
import type { SignInRecord } from '../ports';
import { signInOutcome, signInSearch, type SignInOutcome } from '../sign-in-search';
import type { Finding, SignInEvidence } from '../types';
import { loadCatalog } from '../../triage/catalog';

/**
 * The failed sign-ins an account answer (locked, disabled, expired, wrong password, not found)
 * counts and shows: those the account explains, not another answer's (kinds/user-account.ts).
 */

/** Failures from this many different addresses look like someone else guessing. */
const SUSPICIOUS_ADDRESSES = 3;

/**
 * A failure the account itself explains (a wrong, expired or unknown password, a lock-out, a
 * disabled or unknown account): these are what "failed attempts" count and what a password answer
 * may show as its sign-in. A Conditional Access block or a second step is another answer's, and
 * counting it here would read a blocked country as someone guessing the password.
 */
export function isAccountFailure(row: SignInRecord): boolean {
  const code = row.status.errorCode;
  return code !== 0 && loadCatalog().byCode(code)?.diagnosis === 'user-account';
}

/**
 * The sign-in the answer shows: the one the paste's id points at, else the newest failure the
 * account explains; another kind of failure (a blocked country) is not this answer's sign-in.
 */
export function accountSignIn(
  ctx: DiagnosisContext,
  located: { outcome: SignInOutcome; rows: SignInRecord[] } | undefined,
): SignInEvidence | undefined {
  if (located?.outcome.kind !== 'failed') return undefined;
  const { outcome } = located;
  if (outcome.evidence.matchedBy !== 'recent-failures' || isAccountFailure(outcome.row)) {
    return outcome.evidence;
  }
  const rows = located.rows.filter(isAccountFailure);
  if (rows.length === 0) return undefined;
  const search = signInSearch(ctx.triage, ctx.userId, ctx.now, { narrowToCode: false });
  const own = signInOutcome(search, rows, ctx.triage.code, {
    now: ctx.now,
    firstAskedAt: ctx.firstAskedAt,
    when: ctx.when,
  });
  return own.kind === 'failed' ? own.evidence : undefined;
}

export function failuresFinding(rows: SignInRecord[], when: InstantWords): Finding | undefined {
  const failed = rows.filter(isAccountFailure);
  if (failed.length === 0) return undefined;
  const addresses = new Map<string, SignInRecord>();
  for (const r of failed) if (!addresses.has(r.ipAddress)) addresses.set(r.ipAddress, r);
  return {
    kind: 'context',
    title: `${plural(failed.length, 'failed attempt')} in the last day`,
    detail:
      addresses.size >= SUSPICIOUS_ADDRESSES
        ? `They came from ${addresses.size} different addresses. If the person does not recognise them, someone else may be guessing the password.`
        : 'From the addresses below.',
    evidence: [...addresses.values()].slice(0, 5).map((r) => ({
      label: r.ipAddress,
      value: `${countryWords(r.location)}, last ${when(r.createdDateTime)}`,
    })),
  };
}

/** The account's failures came from enough addresses to look like someone else guessing. */
export function looksGuessed(rows: readonly SignInRecord[]): boolean {
  return (
    new Set(rows.filter(isAccountFailure).map((r) => r.ipAddress)).size >= SUSPICIOUS_ADDRESSES
  );
}
