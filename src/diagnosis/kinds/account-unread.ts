import { isAccountCheck } from '../account-check';
import { ownSignIn } from '../own-sign-in';
import { catalogText, type DiagnosisContext, type KindResult } from '../context';
import { locatedOf, logUnreadFinding, unreadOf, type Located } from '../log-unread';
import type { Triage } from '../../triage/types';
import { readFromWordsAlone } from '../../triage/correction';
import type { SignInRecord } from '../ports';
import type { Finding } from '../types';
import { claimParts, type Checked } from './account-state';
import type { Unreached } from '../unreached';
import { lockoutChecked } from './lockout-check';
import { meaningTitle } from './sign-in-status';

/**
 * Answers that stand without the account's record because Microsoft Graph did not answer its
 * read (too busy past the wait budget, or out of reach): the error's explanation, and what the
 * sign-in log showed when it was read, but nothing the record would have told (enabled or not,
 * synced or cloud, when the password changed). The one line saying the account was not read is
 * the orchestrator's (part-unread.ts), as is "Check again".
 */

const GENERIC_MEANING =
  'The sign-in did not complete. The bot does not know this error well enough to say more than the sign-in log does.';

const EXPIRY_UNCHECKED = 'Could not tell whether the password has expired';

const ACCOUNT_UNREAD_BECAUSE: Record<Unreached, string> = {
  busy: 'Microsoft Graph was too busy to read the account',
  unreachable: 'Microsoft Graph could not be reached just now to read the account',
};

/** The catalog's explanation of the paste, as the answer's cause. */
export function explanationFinding(
  triage: Triage,
  audience: 'user' | 'helpdesk' = 'user',
): Finding {
  return {
    kind: 'cause',
    title: meaningTitle(triage),
    detail: catalogText(triage, audience)?.meaning ?? GENERIC_MEANING,
    evidence: [],
  };
}

function explanationHeadline(triage: Triage): string {
  return readFromWordsAlone(triage) ? 'What the bot read in the message' : 'What this error means';
}

function catalogSteps(triage: Triage): Pick<KindResult, 'nextSteps' | 'stepsFromCatalog'> {
  const steps = catalogText(triage)?.nextSteps;
  return steps === undefined
    ? { nextSteps: ['Try again in a few minutes; if it keeps happening, ask the helpdesk.'] }
    : { nextSteps: steps, stepsFromCatalog: true };
}

/**
 * The answer when the account named in the message could not be read at all (its id comes from
 * that read, so nothing else about the person can be read either): the error's explanation only.
 * An account check ("diagnose alex@…") has nothing to explain: it says the account was not read.
 */
export function explanationOnly(triage: Triage): KindResult {
  const check = isAccountCheck(triage);
  return {
    status: 'explained',
    headline: check ? 'The account could not be read just now' : explanationHeadline(triage),
    findings: check ? [] : [explanationFinding(triage)],
    offers: [],
    ...(check ? { nextSteps: ['Check again in a few minutes.'] } : catalogSteps(triage)),
    checkAgain: false,
    details: { view: 'sign-in' },
  };
}

/**
 * An answer whose own look-up (the account's methods, risk record or devices) Graph did not
 * answer: the error's explanation, and the sign-in when the log was read, claiming nothing the
 * look-up would have told. The one line and "Check again" are the orchestrator's.
 */
export function lookUpUnread(
  triage: Triage,
  details: KindResult['details'],
  signIn?: KindResult['signIn'],
  audience: 'user' | 'helpdesk' = 'user',
): KindResult {
  return {
    status: 'explained',
    headline: signIn?.record.status.failureReason ?? explanationHeadline(triage),
    findings: [explanationFinding(triage, audience)],
    signIn,
    offers: [],
    ...catalogSteps(triage),
    checkAgain: false,
    details,
  };
}

/**
 * A code-less claim, checked without the account: a lock-out still against the sign-in log (when
 * it was read); an expiry not at all, since the record says when the password changed.
 */
function claimWithoutAccount(
  ctx: DiagnosisContext,
  why: Unreached,
  located: Located,
  logUnread: Unreached | undefined,
): Checked | undefined {
  if (ctx.triage.code !== undefined) return undefined;
  if (ctx.triage.intent === 'account-locked') {
    // Whether the account is synced is in the record: the cloud wording claims neither.
    return lockoutChecked(located?.rows ?? logUnread ?? 'unreadable', false, ctx.when);
  }
  if (ctx.triage.intent !== 'password-expired') return undefined;
  return {
    status: 'explained',
    headline: EXPIRY_UNCHECKED,
    unchecked: `${EXPIRY_UNCHECKED}: ${ACCOUNT_UNREAD_BECAUSE[why]}`,
    unanswered: why,
    finding: {
      kind: 'context',
      title: 'Password expiry not checked',
      detail:
        'When the password last changed is part of the account record, which could not be read just now.',
      evidence: [],
    },
  };
}

/**
 * Locked, disabled, expired, wrong password, not found, without the account's record: the
 * explanation, the sign-in and recent failures from the log when it was read, and a code-less
 * claim checked only as far as the log allows. Never "resolved" on its own account: whatever the
 * record would have shown is unknown.
 */
export function userAccountWithoutRecord(
  ctx: DiagnosisContext,
  why: Unreached,
  read: Located | Unreached,
  failures: (rows: SignInRecord[]) => Finding | undefined,
): KindResult {
  const located = locatedOf(read);
  const logUnread = unreadOf(read);
  const rows = located?.rows ?? [];
  const checked = claimWithoutAccount(ctx, why, located, logUnread);
  const failed = failures(rows);
  const lockoutLine = ctx.triage.code === undefined && ctx.triage.intent === 'account-locked';
  const findings: Finding[] = [
    checked?.finding ?? explanationFinding(ctx.triage, ctx.audience),
    ...(failed ? [failed] : []),
    ...(logUnread !== undefined && !lockoutLine ? [logUnreadFinding(logUnread)] : []),
  ];
  return {
    status: checked?.status ?? 'explained',
    headline: checked?.headline ?? explanationHeadline(ctx.triage),
    findings,
    signIn: ownSignIn(ctx, located, 'user-account'),
    offers: [],
    ...catalogSteps(ctx.triage),
    checkAgain: false,
    unanswered: logUnread ?? why,
    ...(logUnread === undefined ? {} : { logUnread }),
    ...claimParts(checked),
    details: {
      view: 'user-account',
      user: undefined,
      recentFailures: rows.filter((r) => r.status.errorCode !== 0).length,
    },
  };
}
