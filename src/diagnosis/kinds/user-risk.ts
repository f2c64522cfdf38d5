import type { ActionOffer } from '../../remediation/action-kinds';
import { ASKED_STEPS, OWN_QUESTION_CUE } from '../account-check';
import { recordOf, type DiagnosisContext, type KindResult } from '../context';
import {
  countryWords,
  formatAgo,
  riskDetailWords,
  riskEventWords,
  riskLevelWords,
  riskStateWords,
  type InstantWords,
} from '../format';
import type { DirectoryUser, RiskDetectionRecord, RiskyUserRecord } from '../ports';
import type { Evidence, Finding } from '../types';
import { lookUpUnread } from './account-unread';

const DETECTIONS_SHOWN = 5;
const ACTIVE = new Set(['atRisk', 'confirmedCompromised']);

/** Whether Identity Protection holds the account at risk now (at risk, or confirmed compromised). */
export function isActiveRisk(risky: RiskyUserRecord): boolean {
  return ACTIVE.has(risky.riskState);
}

/** A risk record as the lines every risk finding shows. */
export function riskEvidence(risky: RiskyUserRecord, when: InstantWords): Evidence[] {
  return [
    { label: 'Risk level', value: riskLevelWords(risky.riskLevel) },
    { label: 'Risk state', value: riskStateWords(risky.riskState) },
    { label: 'Risk detail', value: riskDetailWords(risky.riskDetail) },
    { label: 'Last updated', value: when(risky.riskLastUpdatedDateTime) },
  ];
}

function detectionLine(
  d: RiskDetectionRecord,
  when: InstantWords,
): { label: string; value: string } {
  const where = d.location ? countryWords(d.location) : null;
  return {
    label: when(d.activityDateTime),
    value: `${riskEventWords(d.riskEventType)} (${riskLevelWords(d.riskLevel).toLowerCase()}${where && where !== 'unknown' ? `, ${where}` : ''})`,
  };
}

function guestFinding(user: DirectoryUser): Finding {
  return {
    kind: 'cause',
    title: 'Guest risk lives in the home tenant',
    detail: `${user.displayName} signs in through their own organisation, which keeps their risk record. This tenant cannot see, dismiss or fix that risk.`,
    evidence: [{ label: 'Account type', value: 'Guest (B2B collaboration)' }],
  };
}

const GUEST_STEPS = [
  "Ask the guest's own IT team to check their account: a secure password change there clears the risk.",
  'If guests should not face this tenant\'s user-risk policy at all, an administrator can exclude them: make a dynamic group with the rule (user.userType -eq "Guest") and add it to the policy\'s exclusions.',
];

/** What to do about an active risk: the person's steps, and the helpdesk's for the person. */
const MEMBER_STEPS = {
  user: [
    'If you can still sign in somewhere with MFA, change your password at https://aka.ms/sspr; that clears the risk.',
    'Otherwise the helpdesk confirms the activity with you and then clears the risk or has you change the password.',
    'After the risk is cleared, allow 10 to 15 minutes before signing in again.',
  ],
  helpdesk: [
    'Confirm with the person whether the risky activity was theirs before clearing anything.',
    'If they can still sign in somewhere with MFA, have them change the password at https://aka.ms/sspr; that clears the risk. Otherwise reset it, or dismiss the risk if the activity was theirs.',
    'Tell them the block lifts 10 to 15 minutes after the risk is cleared.',
  ],
} as const;

/** A risk cleared already: the block lifts by itself a little later. */
const RISK_CLEARED_STEPS = {
  user: ['Wait 10 to 15 minutes, then sign in again.'],
  helpdesk: ['Tell them to wait 10 to 15 minutes, then sign in again.'],
} as const;

function guestResult(user: DirectoryUser): KindResult {
  return {
    status: 'found',
    headline: 'This guest account was judged risky by its home organisation',
    findings: [guestFinding(user)],
    offers: [],
    nextSteps: GUEST_STEPS,
    checkAgain: false,
    details: { view: 'user-risk', risky: undefined, detections: [], guest: true },
  };
}

/**
 * For a Conditional Access block by a user-risk policy: the account's risk record in one more
 * read, and the fixes that fit it. Detections are left to the risk card, to keep Identity
 * Protection's one-request-a-second budget for others.
 */
export async function riskFollowUp(
  ctx: DiagnosisContext,
): Promise<{ findings: Finding[]; offers: ActionOffer[]; steps: string[] } | undefined> {
  const user = recordOf(await ctx.user);
  if (user !== undefined && user.userType.toLowerCase() === 'guest') {
    return { findings: [guestFinding(user)], offers: [], steps: GUEST_STEPS };
  }
  const risky = await ctx.unread.read(
    ctx.gaps.optional(ctx.reader.getRiskyUser(ctx.userId), 'the account risk'),
    'risk',
  );
  // Not allowed (a gap), or Graph did not answer (the one line): the block's explanation stands.
  if (risky === undefined || typeof risky === 'string') return undefined;
  if (!ACTIVE.has(risky.riskState)) {
    return {
      findings: [
        {
          kind: 'context',
          title: `The account risk is ${riskStateWords(risky.riskState).toLowerCase()} now`,
          detail: `It changed ${formatAgo(risky.riskLastUpdatedDateTime, ctx.now)}. The block lifts 10 to 15 minutes after the risk is cleared.`,
          evidence: riskFinding(risky, ctx.now, ctx.when).evidence,
        },
      ],
      offers: [],
      steps: [...RISK_CLEARED_STEPS[ctx.audience]],
    };
  }
  return {
    findings: [riskFinding(risky, ctx.now, ctx.when)],
    offers: risky.isDeleted ? [] : memberOffers(ctx.userId, risky),
    steps: [...MEMBER_STEPS[ctx.audience]],
  };
}

/** The risk asked about an account in words, with no code and no message read from a paste. */
function asksOfAccount(ctx: DiagnosisContext): boolean {
  const t = ctx.triage;
  return t.code === undefined && t.entry === undefined && t.message === undefined;
}

function riskFinding(risky: RiskyUserRecord, now: Date, when: InstantWords): Finding {
  return {
    kind: 'cause',
    title: `User risk is ${riskLevelWords(risky.riskLevel).toLowerCase()}`,
    detail: `Identity Protection marked this account ${riskStateWords(risky.riskState).toLowerCase()} ${formatAgo(risky.riskLastUpdatedDateTime, now)}. The user-risk policy blocks it until the risk is dealt with.`,
    evidence: riskEvidence(risky, when),
  };
}

function memberOffers(userId: string, risky: RiskyUserRecord): ActionOffer[] {
  const offers: ActionOffer[] = [];
  if (risky.riskState === 'atRisk' && !risky.isDeleted) {
    offers.push({
      kind: 'dismiss-risk',
      subjectId: userId,
      reason:
        'Clear the risk if the helpdesk has confirmed with the person that the activity was theirs. It does not change the password.',
    });
    offers.push({
      kind: 'confirm-compromised',
      subjectId: userId,
      reason:
        'If the person did not do what Identity Protection saw, confirm the compromise: the risk becomes high and the account stays blocked until it is made safe.',
    });
  }
  offers.push(
    {
      kind: 'require-password-change',
      subjectId: userId,
      reason:
        'A secure password change clears the risk and locks out whoever may know the old password.',
    },
    {
      kind: 'revoke-sessions',
      subjectId: userId,
      reason: 'Sign the account out everywhere, so stolen sessions stop working.',
    },
  );
  return offers;
}

function detectionsFinding(
  shown: RiskDetectionRecord[],
  when: InstantWords,
  riskRead = true,
): Finding {
  return {
    kind: 'context',
    title: 'What Identity Protection noticed',
    detail: riskRead
      ? 'The most recent detections behind the risk, newest first.'
      : 'The most recent detections on this account, newest first.',
    evidence: shown.map((d) => detectionLine(d, when)),
  };
}

/** risky-user-blocked: risk level, state, detail, last update, recent detections; guests apart. */
export async function diagnoseUserRisk(ctx: DiagnosisContext): Promise<KindResult> {
  // Guests are not in this tenant's risk report; the record read costs little, and reading it
  // alongside the user keeps the answer to two round trips. Detections wait for the user: both
  // risk reads share Identity Protection's 1 request/second budget, spent only on members.
  // Wrapped, so that a record the bot may not read (undefined) is not taken for no record at all.
  const riskyRead = ctx.gaps.optional(
    ctx.reader.getRiskyUser(ctx.userId).then((record) => ({ record })),
    'the account risk',
  );
  const user = recordOf(await ctx.user);
  if (user !== undefined && user.userType.toLowerCase() === 'guest') {
    await riskyRead.catch(() => undefined);
    return guestResult(user);
  }
  const detectionsRead = ctx.gaps.optional(
    ctx.reader.listRiskDetections(ctx.userId, DETECTIONS_SHOWN),
    'the risk detections',
  );
  // Graph not answering the risk record leaves the explanation, claiming no risk either way. The
  // detections are not waited for then: after a 429 Identity Protection's reads are paused, and a
  // read already waiting for its turn would hold the answer until the pause ends.
  const riskyOrWhy = await ctx.unread.read(riskyRead, 'risk');
  if (typeof riskyOrWhy === 'string') {
    detectionsRead.catch(() => undefined);
    const none = { view: 'user-risk' as const, risky: undefined, detections: [], guest: false };
    return lookUpUnread(ctx.triage, none, undefined, ctx.audience);
  }
  // Detections Graph does not answer are left out: the risk record still decides.
  const detections = await ctx.unread.read(detectionsRead, 'detections');
  const shown = (typeof detections === 'string' ? [] : (detections ?? [])).slice(
    0,
    DETECTIONS_SHOWN,
  );
  const risky = riskyOrWhy?.record;
  const details = { view: 'user-risk' as const, risky, detections: shown, guest: false };
  const findings: Finding[] =
    shown.length > 0 ? [detectionsFinding(shown, ctx.when, riskyOrWhy !== undefined)] : [];
  // The risk record not allowed (its gap names the permission): the detections read are shown,
  // and nothing is said of the risk itself, so no "no active risk" and no fix resting on it.
  if (riskyOrWhy === undefined) {
    return {
      status: 'missing-permission',
      headline:
        detections === undefined
          ? 'The bot may not read Identity Protection in this tenant yet'
          : 'The bot may not read the account risk in this tenant yet',
      findings,
      offers: [],
      nextSteps: [
        ctx.audience === 'user'
          ? 'Ask the helpdesk to look at the account in Identity Protection.'
          : 'Look at the account in Identity Protection (Risky users) in the Entra admin center.',
      ],
      checkAgain: false,
      details,
    };
  }
  // "Is my account compromised?": asked, not blocked, so nothing is said of a block lifting.
  const asked = ctx.triage.cue === OWN_QUESTION_CUE;
  if (risky === undefined || !ACTIVE.has(risky.riskState)) {
    const noRisk: Finding = {
      kind: 'context',
      title: risky ? riskStateWords(risky.riskState) : 'No risk record',
      detail: risky
        ? `The risk was ${riskDetailWords(risky.riskDetail).toLowerCase()} ${formatAgo(risky.riskLastUpdatedDateTime, ctx.now)}.${asked ? '' : ' A block can take 10 to 15 minutes to lift after that.'}`
        : asked
          ? 'Identity Protection has no risk record for this account: it has seen no sign of someone else using it.'
          : 'Identity Protection has no risk record for this account. The block may have come from sign-in risk, which needs a successful MFA on the next attempt.',
      evidence: risky ? riskFinding(risky, ctx.now, ctx.when).evidence : [],
    };
    return {
      status: 'resolved',
      headline: 'The account carries no active risk now',
      findings: [noRisk, ...findings],
      offers: [],
      nextSteps: asked
        ? (ASKED_STEPS['risky-user-blocked'] ?? [])
        : [...RISK_CLEARED_STEPS[ctx.audience]],
      checkAgain: false,
      // Asked of an account ("dismiss risk for alex@…"), said first when the answer turns to the
      // account's latest failed sign-in: there is no risk to dismiss. A page pasted ("Your account
      // is blocked") names no risk, and its answer does not speak of one.
      ...(asksOfAccount(ctx)
        ? { checkedClaim: { ...noRisk, title: 'The account carries no active risk now' } }
        : {}),
      details,
    };
  }
  const hidden = risky.riskLevel === 'hidden';
  return {
    status: 'found',
    headline: hidden
      ? 'The account is at risk (the level is hidden without an Entra ID P2 licence)'
      : `The account is blocked because its user risk is ${riskLevelWords(risky.riskLevel).toLowerCase()}`,
    findings: [riskFinding(risky, ctx.now, ctx.when), ...findings],
    offers: risky.isDeleted ? [] : memberOffers(ctx.userId, risky),
    nextSteps: [...MEMBER_STEPS[ctx.audience]],
    checkAgain: false,
    details,
  };
}
