import { TENANT_SUBJECT_ID, type ActionOffer } from '../../remediation/action-kinds';
import { recordOf, type DiagnosisContext, type KindResult } from '../context';
import type { Unreached } from '../unreached';
import { formatInstant, formatMinutes, type InstantWords } from '../format';
import { READ_PERMISSIONS, type TapMethodRecord, type TapPolicyRecord } from '../ports';
import type { Evidence, Finding } from '../types';
import { groupIds, policyBreaksPasses, policyFacts, scopeOf } from './tap-policy';
import { TAP_WANTED_CUE } from '../../triage/concept-cues';

/** Why a pass does not work now, from Graph's reason and from its times. */
export function passProblem(
  pass: TapMethodRecord,
  policy: TapPolicyRecord | undefined,
  now: Date,
  when: InstantWords = formatInstant,
): string | undefined {
  const start = Date.parse(pass.startDateTime);
  const end = start + pass.lifetimeInMinutes * 60_000;
  const reason = pass.methodUsabilityReason ?? '';
  if (reason === 'OneTimeUsed') {
    return 'It was a one-time pass and it has already been used. A one-time pass works for a single sign-in.';
  }
  if (reason === 'Expired' || end <= now.getTime()) {
    return `It expired on ${when(new Date(end).toISOString())}.`;
  }
  if (reason === 'NotYetValid' || start > now.getTime()) {
    return `It only becomes valid on ${when(pass.startDateTime)}.`;
  }
  if (policy !== undefined && policy.isUsableOnce && !pass.isUsableOnce) {
    return 'It was issued for several uses, but the tenant now allows one-time passes only.';
  }
  if (reason === 'DisabledByPolicy') return 'The Temporary Access Pass policy does not allow it.';
  return undefined;
}

function passFacts(pass: TapMethodRecord, when: InstantWords): Evidence[] {
  return [
    { label: 'Created', value: when(pass.createdDateTime) },
    { label: 'Valid from', value: when(pass.startDateTime) },
    { label: 'Lifetime', value: formatMinutes(pass.lifetimeInMinutes) },
    { label: 'Use', value: pass.isUsableOnce ? 'One time' : 'Several times' },
  ];
}

/** A read Graph did not answer, as one that was not allowed: nothing is claimed from either. */
function readOrNothing<T>(read: T | Unreached): T | undefined {
  return typeof read === 'string' ? undefined : read;
}

/** tap-blocked: the TAP policy, the user's pass and why it cannot be used, and a new pass. */
export async function diagnoseTemporaryAccessPass(ctx: DiagnosisContext): Promise<KindResult> {
  // The policy Graph did not answer is as one not allowed, except that no pass is offered on
  // its strength: whether the method is on, and the account in scope, is in the policy.
  const policyRead = ctx.unread
    .read(
      ctx.gaps.optional(
        ctx.reader.getTemporaryAccessPassPolicy(),
        'the Temporary Access Pass policy',
      ),
      'pass-policy',
    )
    .then(readOrNothing);
  // Membership is asked as soon as the policy is known: with the policy cached, in the same
  // round trip as the rest.
  const membershipRead = policyRead.then((policy) => {
    const groups = policy
      ? [...groupIds(policy.includeTargets), ...groupIds(policy.excludeTargets)]
      : [];
    return groups.length === 0
      ? []
      : ctx.unread
          .read(
            ctx.gaps.optional(ctx.reader.memberOf(ctx.userId, groups), 'group membership'),
            'groups',
          )
          .then(readOrNothing);
  });
  const [user, passes, policy, memberOf] = await Promise.all([
    ctx.user,
    ctx.unread
      .read(
        ctx.gaps.optional(
          ctx.reader.listTemporaryAccessPasses(ctx.userId),
          'the Temporary Access Pass',
        ),
        'pass',
      )
      .then(readOrNothing),
    policyRead,
    membershipRead,
  ]);
  const inScope = policy ? scopeOf(policy, memberOf) : undefined;
  const pass = passes?.[0];
  const details = { view: 'temporary-access-pass' as const, policy, pass, inScope };
  const guest = recordOf(user)?.userType.toLowerCase() === 'guest';

  const findings: Finding[] = [];
  let blocker = false;
  let policyShown = false;
  if (guest) {
    blocker = true;
    findings.push({
      kind: 'cause',
      title: 'Guests cannot have a Temporary Access Pass',
      detail:
        'A pass cannot be added to an external guest account; the guest signs in with their own organisation.',
      evidence: [],
    });
  }
  if (policy !== undefined && policy.state !== 'enabled') {
    blocker = true;
    findings.push({
      kind: 'cause',
      title: 'Temporary Access Pass is turned off in this tenant',
      detail:
        'No pass works until an administrator turns the method on in the authentication methods policy.',
      evidence: policyFacts(policy),
    });
    policyShown = true;
  } else if (inScope === false) {
    blocker = true;
    findings.push({
      kind: 'cause',
      title: 'The account is outside the policy',
      detail:
        'The Temporary Access Pass policy does not include this account (or excludes it through a group), so any pass is refused.',
      evidence: policy ? policyFacts(policy) : [],
    });
    policyShown = policy !== undefined;
  }
  // The policy covers some groups and the account's membership of them was not read (not
  // allowed, or Graph did not answer): whether a pass would be accepted is not known.
  const scopeUnread = !blocker && policy !== undefined && inScope === undefined;
  if (scopeUnread) {
    findings.push({
      kind: 'context',
      title: 'Whether the pass policy includes this account could not be checked',
      detail:
        "The Temporary Access Pass policy is for members of some groups, and this account's group membership could not be read, so whether a pass would be accepted is not known.",
      evidence: policyFacts(policy),
    });
    policyShown = true;
  }
  const problem = pass ? passProblem(pass, policy, ctx.now, ctx.when) : undefined;
  // "I need a temporary access pass": a pass asked for, so none yet is no refusal.
  const wanted = ctx.triage.cue === TAP_WANTED_CUE;
  if (pass === undefined && passes !== undefined) {
    findings.push({
      kind: 'cause',
      title: wanted ? 'There is no pass on this account yet' : 'There is no pass on this account',
      detail: wanted
        ? 'Nobody has issued a Temporary Access Pass for this account yet; the helpdesk issues one on request.'
        : 'No Temporary Access Pass exists for this account now, so any code typed will be refused.',
      evidence: [],
    });
  } else if (pass !== undefined && problem !== undefined) {
    findings.push({
      kind: 'cause',
      title: 'The pass cannot be used',
      detail: problem,
      evidence: passFacts(pass, ctx.when),
    });
  } else if (pass !== undefined && (policy === undefined || scopeUnread)) {
    // Whether the tenant lets the pass be used is in the policy: unread, it is not judged.
    findings.push({
      kind: 'context',
      title: 'The pass is within its valid time',
      detail: `Its times are valid now, but whether the tenant's Temporary Access Pass policy lets it be used was not checked: ${policy === undefined ? 'the policy was not read' : "the account's groups were not read"}.`,
      evidence: passFacts(pass, ctx.when),
    });
  } else if (pass !== undefined) {
    findings.push({
      kind: 'context',
      title: 'The pass looks usable',
      detail:
        'The pass is valid now. It may have been mistyped, or it was created minutes ago and has not reached every server yet.',
      evidence: passFacts(pass, ctx.when),
    });
  }
  if (policy !== undefined && !policyShown) {
    findings.push({
      kind: 'context',
      title: 'Temporary Access Pass policy',
      detail: 'How passes work in this tenant.',
      evidence: policyFacts(policy),
    });
  }

  // Not read: Graph did not answer (policyBusy), or the bot may not read it (403, a gap that
  // names the permission). A new pass is checked against the policy when it is asked for
  // (remediation/preflight.ts), so none is offered on the strength of a policy not read.
  const policyBusy = ctx.unread.has('pass-policy');
  const policyUnread = policy === undefined;
  const canIssue =
    !blocker &&
    !policyUnread &&
    !scopeUnread &&
    passes !== undefined &&
    (pass === undefined || problem !== undefined);
  // A pass that failed under a policy that breaks passes: the policy is the cause to fix first.
  const policyProblem =
    pass !== undefined && problem !== undefined ? policyBreaksPasses(policy) : undefined;
  if (policyProblem !== undefined && policy !== undefined) {
    findings.unshift({
      kind: 'cause',
      title: "The tenant's pass policy makes passes fail",
      detail: `${policyProblem} An admin can allow multi-use passes with a lifetime that fits.`,
      evidence: policyFacts(policy),
    });
  }
  const offers: ActionOffer[] = [];
  if (policyProblem !== undefined) {
    offers.push({
      kind: 'tap-policy',
      subjectId: TENANT_SUBJECT_ID,
      reason: `A pass failed because of the tenant policy: ${policyProblem}`,
    });
  }
  if (canIssue) {
    offers.push({
      kind: 'issue-tap',
      subjectId: ctx.userId,
      reason: pass
        ? 'Issue a new pass; it replaces the unusable one.'
        : 'Issue a pass so the person can sign in and set up a sign-in method.',
    });
  }
  const cause = findings.find((f) => f.kind === 'cause');
  return {
    status: cause
      ? 'found'
      : policyUnread && (passes === undefined || !policyBusy)
        ? 'missing-permission'
        : passes === undefined || policyUnread || scopeUnread
          ? 'explained'
          : 'resolved',
    // A pass or policy that was not read (not allowed, or Graph did not answer) is not said to
    // make the pass usable.
    ...(wanted ? { causesHeading: 'The pass asked for' } : {}),
    headline:
      cause?.title ??
      (passes === undefined
        ? 'The Temporary Access Pass could not be checked'
        : policyUnread
          ? 'The Temporary Access Pass policy could not be read'
          : scopeUnread
            ? 'Whether the pass policy includes this account could not be checked'
            : 'The Temporary Access Pass looks usable'),
    findings,
    offers,
    nextSteps: canIssue
      ? [...ISSUE_STEPS[ctx.audience]]
      : policyUnread && !blocker
        ? [policyBusy ? POLICY_BUSY_STEP : POLICY_FORBIDDEN_STEP]
        : scopeUnread
          ? [SCOPE_UNREAD_STEP[ctx.audience]]
          : pass !== undefined && problem === undefined
            ? [RETYPE_STEP[ctx.audience]]
            : [NO_NEW_PASS_STEP[ctx.audience]],
    checkAgain: false,
    details,
  };
}

/** Each step told to the person, or to the helpdesk as what they do or tell the person. */
const ISSUE_STEPS = {
  user: [
    'Ask the helpdesk for a new pass (the button below), then sign in within its lifetime.',
    'Type the pass exactly as given; after a new pass is made, allow a few minutes before using it.',
  ],
  helpdesk: [
    'Issue a new pass (the button below) and tell them from when it is valid and for how long.',
    'Tell them to type it exactly as given, and to allow a few minutes after it is made before using it.',
  ],
} as const;

const RETYPE_STEP = {
  user: 'Type the pass exactly as given, or wait a few minutes and try again.',
  helpdesk: 'Ask them to type the pass exactly as given, or to wait a few minutes and try again.',
} as const;

const NO_NEW_PASS_STEP = {
  user: 'Ask the helpdesk how to sign in; a new pass would not work here.',
  helpdesk:
    'A new pass would not work here: fix what stops it (above), or help them sign in another way.',
} as const;

const SCOPE_UNREAD_STEP = {
  user: 'Ask the helpdesk whether the Temporary Access Pass policy includes your account before a pass is made for you.',
  helpdesk:
    "Check in the Entra admin center (Authentication methods > Temporary Access Pass) whether the policy's groups include the account before issuing a pass.",
} as const;

const POLICY_BUSY_STEP =
  'Check again in a few minutes: whether a pass works here depends on the Temporary Access Pass policy, which could not be read just now.';

const POLICY_FORBIDDEN_STEP =
  `The bot may not read the Temporary Access Pass policy (it needs the Microsoft Graph permission ${READ_PERMISSIONS.getTemporaryAccessPassPolicy}), ` +
  'so whether a pass works here was not checked: an admin can grant it; until then the helpdesk checks the policy in the Entra admin center.';
