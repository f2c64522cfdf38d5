import type { ActionOffer } from '../../remediation/action-kinds';
import { ASKED_STEPS, OWN_QUESTION_CUE } from '../account-check';
import { NOTHING_FOUND_STEPS, stepsFor } from './user-account-steps';
import type { DiagnosisContext, KindResult } from '../context';
import { formatAgo, formatInstant, type InstantWords } from '../format';
import type { DirectoryUser, SignInRecord } from '../ports';
import type { Evidence, Finding } from '../types';
import { failuresFinding, looksGuessed } from './account-failures';
import { ownSignIn } from '../own-sign-in';
import {
  claimParts,
  expiryChecked,
  LOCKED_TITLE,
  lockedDetail,
  readExpiry,
  type Checked,
} from './account-state';
import { locateOrUnread, logUnreadFinding } from '../log-unread';
import { lockoutChecked, turnedOffNotLocked, TURNED_OFF, type LogUnread } from './lockout-check';
import { userAccountWithoutRecord } from './account-unread';

export function accountFacts(
  user: DirectoryUser,
  now: Date,
  when: InstantWords = formatInstant,
): Evidence[] {
  const synced = user.onPremisesSyncEnabled === true;
  const facts: Evidence[] = [
    { label: 'Account', value: user.userPrincipalName },
    { label: 'Enabled', value: user.accountEnabled === false ? 'No' : 'Yes' },
    {
      label: 'Managed in',
      value: synced ? 'On-premises Active Directory (synced)' : 'Microsoft Entra ID (cloud only)',
    },
  ];
  if (synced) {
    facts.push({
      label: 'Last sync',
      value: `${when(user.onPremisesLastSyncDateTime)} (${formatAgo(user.onPremisesLastSyncDateTime, now)})`,
    });
  }
  facts.push({
    label: 'Password changed',
    value:
      user.lastPasswordChangeDateTime === null
        ? 'unknown'
        : `${when(user.lastPasswordChangeDateTime)} (${formatAgo(user.lastPasswordChangeDateTime, now)})`,
  });
  if ((user.passwordPolicies ?? '').includes('DisablePasswordExpiration')) {
    facts.push({ label: 'Password expiry', value: 'Never expires' });
  }
  return facts;
}

/** Where an account's state is fixed, as one sentence. */
function fixedWhere(user: DirectoryUser): string {
  return user.onPremisesSyncEnabled === true
    ? 'The account comes from on-premises Active Directory, so the fix happens there (then waits for the next sync, usually within 30 minutes).'
    : 'The account lives in Entra ID, so an administrator fixes it there.';
}

function accountCause(ctx: DiagnosisContext, user: DirectoryUser): Finding | undefined {
  const synced = user.onPremisesSyncEnabled === true;
  switch (ctx.triage.intent) {
    case 'account-disabled':
      return user.accountEnabled === false
        ? {
            kind: 'cause',
            title: TURNED_OFF,
            detail: `Sign-in is disabled for this account. ${fixedWhere(user)}`,
            evidence: [],
          }
        : undefined;
    // With a code the sign-in itself said so (50053, 50055); without one, checkClaim decides.
    case 'account-locked':
      return {
        kind: 'cause',
        title: LOCKED_TITLE,
        detail: lockedDetail(synced),
        evidence: [],
      };
    case 'password-expired':
      return {
        kind: 'cause',
        title: 'The password has expired',
        detail: synced
          ? 'The password is set in on-premises Active Directory: change it there (Ctrl+Alt+Del on a company PC), or through self-service reset if password writeback is on.'
          : 'Change it on the sign-in page when asked, or at https://aka.ms/sspr.',
        evidence: [],
      };
    // Without a code the person may not have typed anything ("forgot my password").
    case 'invalid-password':
      return {
        kind: 'cause',
        title:
          ctx.triage.code === undefined
            ? 'The password does not work'
            : 'The password typed does not match',
        detail: synced
          ? 'The password is the one from on-premises Active Directory. A password changed there reaches Entra ID with the next password sync, usually within a few minutes.'
          : ctx.triage.code === undefined
            ? 'A forgotten password is reset at https://aka.ms/sspr, with a method registered beforehand (Authenticator, a phone); without one, the helpdesk resets it. A known password that is refused: check Caps Lock and the keyboard language.'
            : 'Check Caps Lock and the keyboard language, or reset it at https://aka.ms/sspr.',
        evidence: [],
      };
    case 'user-not-found': {
      const pasted = ctx.triage.fields.upn;
      if (pasted !== undefined && pasted.toLowerCase() !== user.userPrincipalName.toLowerCase()) {
        return {
          kind: 'cause',
          title: 'A different account was used',
          detail: `The error page shows ${pasted}, but the work account here is ${user.userPrincipalName}. Sign out and sign in with the work account.`,
          evidence: [],
        };
      }
      return {
        kind: 'context',
        title: 'The account exists here',
        detail:
          'The app that refused it may belong to another organisation, which needs to invite this account as a guest.',
        evidence: [],
      };
    }
    default:
      return undefined;
  }
}

/**
 * Locked and expired read from a code-less paste are claims the tenant can check; undefined for
 * a pasted code (the sign-in said so) and for the other intents.
 */
async function checkClaim(
  ctx: DiagnosisContext,
  user: DirectoryUser,
  rows: SignInRecord[] | LogUnread,
): Promise<Checked | undefined> {
  if (ctx.triage.code !== undefined) return undefined;
  switch (ctx.triage.intent) {
    case 'account-locked': {
      const lockout = lockoutChecked(rows, user.onPremisesSyncEnabled === true, ctx.when);
      return user.accountEnabled === false && lockout.status !== 'found'
        ? turnedOffNotLocked(lockout, fixedWhere(user))
        : lockout;
    }
    case 'password-expired':
      return expiryChecked(await readExpiry(ctx, user), ctx.now, ctx.when);
    default:
      return undefined;
  }
}

function offersFor(ctx: DiagnosisContext, user: DirectoryUser, suspicious: boolean): ActionOffer[] {
  if (!suspicious || user.userType.toLowerCase() === 'guest') return [];
  return [
    {
      kind: 'require-password-change',
      subjectId: user.id,
      reason:
        'Failed attempts come from several addresses; a new password stops whoever is guessing.',
    },
  ];
}

/**
 * The one sign-in search. Graph not answering it (too busy past the wait budget, or out of reach)
 * leaves the answer without the sign-ins rather than failing it: the account record and the
 * explanation still stand, and the answer says in one line that the log could not be read. For a
 * code-less "locked" claim, the log is what the claim is checked against: that line is the
 * lock-out check's own.
 */
function locate(ctx: DiagnosisContext): ReturnType<typeof locateOrUnread> {
  return locateOrUnread(ctx, { narrowToCode: false });
}

/** The lock-out check says itself that the log could not be read; every other answer adds it. */
function checksTheLog(ctx: DiagnosisContext): boolean {
  return ctx.triage.code === undefined && ctx.triage.intent === 'account-locked';
}

/** Locked, disabled, expired, wrong password, not found: the user record and recent failures. */
export async function diagnoseUserAccount(ctx: DiagnosisContext): Promise<KindResult> {
  const [user, read] = await Promise.all([ctx.user, locate(ctx)]);
  if (typeof user === 'string') {
    return userAccountWithoutRecord(ctx, user, read, (rows) => failuresFinding(rows, ctx.when));
  }
  const located = typeof read === 'string' ? undefined : read;
  const logUnread = typeof read === 'string' ? read : undefined;
  const rows = located?.rows ?? [];
  const signIn = ownSignIn(ctx, located, 'user-account');
  if (user === undefined) {
    return {
      status: 'user-not-found',
      headline: 'The account was not found',
      findings: [],
      offers: [],
      nextSteps: [],
      checkAgain: false,
      details: { view: 'user-account', user: undefined, recentFailures: 0 },
    };
  }
  const failures = failuresFinding(rows, ctx.when);
  const suspicious = looksGuessed(rows);
  // No rows: a 403 (a gap already noted), or Graph not answering.
  const checked = await checkClaim(
    ctx,
    user,
    located?.rows ?? (typeof read === 'string' ? read : 'unreadable'),
  );
  const cause = checked?.finding ?? accountCause(ctx, user);
  const findings: Finding[] = [
    ...(cause ? [cause] : []),
    {
      kind: 'context',
      title: 'The account record',
      detail: 'What the directory says about this account now.',
      evidence: accountFacts(user, ctx.now, ctx.when),
    },
    ...(failures ? [failures] : []),
    ...(logUnread !== undefined && !checksTheLog(ctx) ? [logUnreadFinding(logUnread)] : []),
  ];
  const unanswered = logUnread ?? checked?.unanswered;
  return {
    status: checked?.status ?? (cause === undefined ? 'resolved' : 'found'),
    headline:
      checked?.headline ??
      cause?.title ??
      (ctx.triage.intent === 'account-disabled'
        ? 'The account is turned on now'
        : 'The account record shows nothing wrong'),
    findings,
    signIn,
    offers: offersFor(ctx, user, suspicious),
    nextSteps:
      checked?.status !== 'resolved'
        ? stepsFor(ctx, user)
        : ctx.triage.cue === OWN_QUESTION_CUE
          ? (ASKED_STEPS[ctx.triage.intent] ?? NOTHING_FOUND_STEPS)
          : NOTHING_FOUND_STEPS,
    checkAgain: false,
    ...(unanswered === undefined ? {} : { unanswered }),
    ...(logUnread === undefined ? {} : { logUnread }),
    ...claimParts(checked),
    details: {
      view: 'user-account',
      user,
      recentFailures: rows.filter((r) => r.status.errorCode !== 0).length,
    },
  };
}
