import type { ActionOffer } from '../../remediation/action-kinds';
import type { DiagnosisContext, KindResult } from '../context';
import { locateOrUnread } from '../log-unread';
import { logUnreadResult } from './conditional-access-unread';
import { countryWords, grantControl, grantControlWords, listWords, platformWords } from '../format';
import {
  SIGN_IN_CA_DETAILS_PERMISSION,
  type AppliedPolicyRecord,
  type ConditionalAccessPolicyRecord,
  type SignInRecord,
} from '../ports';
import type { DiagnosisDetails, Finding, PolicyOutcome } from '../types';
import {
  noRecordResult,
  pendingResult,
  stepsOr,
  succeededResult,
  unreadableResult,
} from './sign-in-status';
import { riskFollowUp } from './user-risk';

const REPORT_ONLY_FAILURES = new Set(['reportOnlyFailure', 'reportOnlyInterrupted']);

/**
 * What to do about each kind of grant control: in the words of the person who was blocked, or,
 * for the helpdesk, what they tell the person and what is theirs to decide.
 */
function stepsFor(control: string, row: SignInRecord, audience: 'user' | 'helpdesk'): string[] {
  const own = audience === 'user';
  const words = grantControlWords(control);
  if (words === 'blocks access outright') {
    const how = `from ${row.location.countryOrRegion ?? 'this place'}, with ${row.clientAppUsed}, on ${row.deviceDetail.operatingSystem || 'this device'}`;
    return own
      ? [
          `This rule stops sign-ins like this one entirely (${how}). Try from your usual place, app and device.`,
          'If you need access from here, ask the helpdesk; only a policy owner can make an exception.',
        ]
      : [
          `This rule stops sign-ins like this one entirely (${how}). Ask them to try from their usual place, app and device.`,
          'If they need access from here, only a policy owner can make an exception.',
        ];
  }
  if (words.includes('multifactor') || words.includes('stronger')) {
    return [
      own
        ? 'Make sure you have a verification method set up at https://aka.ms/mysecurityinfo, then sign in again and complete the prompt.'
        : 'Check that they have a verification method they can use (https://aka.ms/mysecurityinfo is where they add one), then ask them to sign in again and complete the prompt.',
    ];
  }
  if (words.includes('compliant by Intune')) {
    return [
      own
        ? 'Sign in from a company device that Intune marks compliant: open Company Portal on it and check its status.'
        : 'Ask them to sign in from a company device that Intune marks compliant, and to open Company Portal on it to check its status.',
    ];
  }
  if (words.includes('hybrid joined')) {
    return [
      own
        ? 'Sign in from a company computer joined to the domain. In Chrome, add the Microsoft Single Sign On extension so the browser can prove which device it is on.'
        : 'Ask them to sign in from a company computer joined to the domain; in Chrome, the Microsoft Single Sign On extension lets the browser prove which device it is on.',
    ];
  }
  if (words.includes('client app') || words.includes('app protection')) {
    return [
      own
        ? 'Use the Microsoft app (Outlook, Teams, Edge) instead of the built-in mail app or browser.'
        : 'Ask them to use the Microsoft app (Outlook, Teams, Edge) instead of the built-in mail app or browser.',
    ];
  }
  return [];
}

function policyOf(
  id: string,
  policies: ConditionalAccessPolicyRecord[] | undefined,
): ConditionalAccessPolicyRecord | undefined {
  return policies?.find((p) => p.id.toLowerCase() === id.toLowerCase());
}

/** What the policy looks at, told against this sign-in, when the policy itself could be read. */
function conditionWords(
  policy: ConditionalAccessPolicyRecord | undefined,
  row: SignInRecord,
): string {
  if (policy === undefined) return '';
  const parts: string[] = [];
  if (policy.locationBased) {
    parts.push(
      `It decides by where a sign-in comes from; this one came from ${countryWords(row.location)}.`,
    );
  }
  if (policy.userRiskLevels.length > 0) {
    parts.push(`It acts when the account's risk is ${listWords(policy.userRiskLevels)}.`);
  }
  if (policy.signInRiskLevels.length > 0) {
    parts.push(`It acts when a sign-in looks ${listWords(policy.signInRiskLevels)} risk.`);
  }
  if (policy.platforms.length > 0 && !policy.platforms.includes('all')) {
    parts.push(
      `It applies to ${listWords(policy.platforms.map(platformWords))} devices; this one reported ${row.deviceDetail.operatingSystem || 'no platform'}.`,
    );
  }
  return parts.join(' ');
}

function rawControls(outcome: PolicyOutcome, applied: AppliedPolicyRecord[] | undefined): string[] {
  return applied?.find((p) => p.id === outcome.id)?.enforcedGrantControls ?? [];
}

function outcomeOf(
  applied: AppliedPolicyRecord,
  policies: ConditionalAccessPolicyRecord[] | undefined,
): PolicyOutcome {
  const policy = policyOf(applied.id, policies);
  return {
    id: applied.id,
    name: applied.displayName,
    controls: applied.enforcedGrantControls.map(grantControlWords),
    result: applied.result,
    hasExclusionGroups: (policy?.excludeGroupIds.length ?? 0) > 0,
  };
}

function policyFinding(
  outcome: PolicyOutcome,
  enforced: boolean,
  conditions: string,
  raw: readonly string[],
): Finding {
  const controls = outcome.controls.length > 0 ? listWords(outcome.controls) : 'has a requirement';
  const blocks = outcome.controls.length === 1 && outcome.controls[0] === 'blocks access outright';
  const met = blocks
    ? 'This policy blocks access outright for sign-ins like this one.'
    : `This policy ${controls}, and the sign-in did not meet it.`;
  return {
    kind: enforced ? 'cause' : 'context',
    title: enforced
      ? `Policy "${outcome.name}" failed this sign-in`
      : `Report-only policy "${outcome.name}" would also have failed it`,
    detail: enforced
      ? `${met}${conditions ? ` ${conditions}` : ''}`
      : `This policy ${controls}. It only records what it would do and blocked nothing; it is shown so the helpdesk knows it is coming.`,
    evidence: [
      {
        label: 'It enforces',
        value: raw.map((c) => grantControl(c).noun).join('; ') || 'not stated in the log',
      },
    ],
  };
}

/**
 * ca-blocked: the failed sign-in, the policies that failed it, and the sign-in's context. A
 * sign-in log Graph does not answer leaves the explanation (and for the helpdesk the tenant's
 * policies), with one line.
 */
export async function diagnoseConditionalAccess(ctx: DiagnosisContext): Promise<KindResult> {
  const [located, policiesRead] = await Promise.all([
    locateOrUnread(ctx),
    ctx.unread.read(
      ctx.gaps.optional(
        ctx.reader.listConditionalAccessPolicies(),
        'the Conditional Access policies themselves',
      ),
      'ca-policies',
    ),
  ]);
  // Policies not allowed, or not answered (the one line names them), are not read: what a policy
  // looks at, whether it excludes groups and whether it acts on risk are then left unsaid, and no
  // exclusion or risk fix is offered on their strength.
  const policies = typeof policiesRead === 'string' ? undefined : policiesRead;
  const empty: DiagnosisDetails = {
    view: 'conditional-access',
    enforced: [],
    reportOnly: [],
    caDetailsHidden: false,
  };
  if (typeof located === 'string') return logUnreadResult(ctx, policies, located, empty);
  if (located === undefined) return unreadableResult(ctx, empty);
  const { outcome } = located;
  if (outcome.kind === 'pending') return pendingResult(ctx, outcome.reason, empty);
  if (outcome.kind === 'none') return noRecordResult(ctx, outcome.reason, empty);
  if (outcome.kind === 'succeeded') return succeededResult(ctx, empty, outcome.evidence);

  const row = outcome.row;
  const applied = row.appliedConditionalAccessPolicies;
  const hidden =
    applied === undefined || (applied.length === 0 && row.conditionalAccessStatus === 'failure');
  if (hidden) {
    ctx.gaps.note(SIGN_IN_CA_DETAILS_PERMISSION, 'which Conditional Access policies applied');
  }
  const enforced = (applied ?? [])
    .filter((p) => p.result === 'failure')
    .map((p) => outcomeOf(p, policies));
  const reportOnly = (applied ?? [])
    .filter((p) => REPORT_ONLY_FAILURES.has(p.result))
    .map((p) => outcomeOf(p, policies));
  const details: DiagnosisDetails = {
    view: 'conditional-access',
    enforced,
    reportOnly,
    caDetailsHidden: hidden,
  };

  const findings: Finding[] = [
    ...enforced.map((o) =>
      policyFinding(
        o,
        true,
        conditionWords(policyOf(o.id, policies), row),
        rawControls(o, applied),
      ),
    ),
    ...reportOnly.map((o) => policyFinding(o, false, '', rawControls(o, applied))),
  ];
  if (enforced.length === 0 && !hidden) {
    findings.unshift({
      kind: 'context',
      title: 'No enforced policy is named as failing',
      detail:
        `The log records the failure (AADSTS${row.status.errorCode}) but no enforced Conditional Access policy with a failed result. ${row.status.failureReason ?? ''}`.trim(),
      evidence: [],
    });
  }

  const steps = [
    ...new Set(
      (applied ?? [])
        .filter((p) => p.result === 'failure')
        .flatMap((p) => p.enforcedGrantControls.flatMap((c) => stepsFor(c, row, ctx.audience))),
    ),
  ];
  const riskBased = enforced.some((o) => {
    const policy = policyOf(o.id, policies);
    return policy !== undefined && policy.userRiskLevels.length > 0;
  });
  const risk = riskBased ? await riskFollowUp(ctx) : undefined;
  if (risk) findings.push(...risk.findings);
  const offers: ActionOffer[] = [
    ...(risk?.offers ?? []),
    ...enforced
      .filter((o) => o.hasExclusionGroups)
      .slice(0, 2)
      .map((o): ActionOffer => ({
        kind: 'ca-exclusion',
        subjectId: ctx.userId,
        targetId: o.id,
        reason: `Exclude the person from "${o.name}" for a limited time through the group that policy already excludes.`,
      })),
  ].slice(0, 4);
  if (risk) steps.unshift(...risk.steps);

  const names = enforced.map((o) => `"${o.name}"`);
  const when = ctx.when(row.createdDateTime);
  const headline =
    names.length > 0
      ? `${listWords(names)} blocked the sign-in to ${row.appDisplayName} at ${when}`
      : `A Conditional Access rule blocked the sign-in to ${row.appDisplayName} at ${when}`;
  return {
    status: 'found',
    headline,
    findings,
    signIn: outcome.evidence,
    offers,
    ...(steps.length > 0
      ? { nextSteps: steps }
      : stepsOr(ctx, {
          user: 'Ask the helpdesk which rule applies to this sign-in.',
          helpdesk:
            "Open this sign-in's Conditional Access tab in the sign-in log to see which rule applied.",
        })),
    checkAgain: false,
    details,
  };
}
