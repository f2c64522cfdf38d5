import type { ActionOffer } from '../../remediation/action-kinds';
import type { DiagnosisContext, KindResult } from '../context';
import { locatedOf, locateOrUnread, unreadOf, withLogUnread } from '../log-unread';
import { ownSignInOrOther } from '../own-sign-in';
import { listWords } from '../format';
import type { AuthenticationMethodKind, AuthenticatorPolicyRecord } from '../ports';
import type { Evidence, Finding } from '../types';
import { monthName } from '../../dates';
import { explanationFinding } from './account-unread';
import { NEW_PHONE, NEW_PHONE_STEPS, PROMPTS_MISSING_STEPS, SET_UP_STEPS } from './mfa-steps';
import {
  PHONE_CHANGED_CUE,
  PROMPTS_MISSING_CUE,
  PROMPTS_NOT_STARTED_CUE,
  SET_UP_ASKED_CUE,
} from '../../triage/concept-cues';
import { diagnosePromptsNotStarted } from './prompts-not-started';
import { METHOD_NAMES, methodLine } from './method-line';

/** Methods that can answer an MFA prompt. */
const SECOND_FACTORS = new Set<AuthenticationMethodKind>([
  'phone',
  'microsoftAuthenticator',
  'fido2',
  'windowsHelloForBusiness',
  'softwareOath',
  'platformCredential',
]);

function featureWords(state: string | null): string {
  if (state === 'enabled') return 'shown';
  if (state === 'disabled') return 'not shown';
  return 'Microsoft default (not shown)';
}

export function authenticatorFacts(policy: AuthenticatorPolicyRecord): Evidence[] {
  return [
    { label: 'Authenticator', value: policy.state === 'enabled' ? 'Allowed' : 'Turned off' },
    { label: 'Number matching', value: 'Always on: type the number shown on the sign-in screen' },
    {
      label: 'App name in request',
      value: featureWords(policy.displayAppInformationRequiredState),
    },
    {
      label: 'Location in request',
      value: featureWords(policy.displayLocationInformationRequiredState),
    },
  ];
}

/**
 * Android builds of Authenticator are numbered 6.YYMM.build, so their age can be read off the
 * version. Builds from before 2022 may predate number matching, which every push now uses.
 * iOS numbers (6.8.18) carry no date and are not judged.
 */
export function authenticatorAge(version: string | undefined): string | undefined {
  const match = /^6\.(\d{2})(\d{2})\.\d+$/.exec(version ?? '');
  if (!match) return undefined;
  const [year, month] = [2000 + Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || year >= 2022) return undefined;
  return `${monthName(month)} ${year}`;
}

const DENIED = /denied|declined|fraud/i;

/** The same step told to the person (first) or, for the helpdesk, what they ask the person. */
const say = (ctx: DiagnosisContext, person: string, helpdesk: string): string =>
  ctx.audience === 'user' ? person : helpdesk;

/**
 * mfa-required-or-failed: the registered methods and how Authenticator prompts look. A sign-in
 * log Graph does not answer leaves the methods and the policy standing, with one line saying so.
 */
export async function diagnoseMfaMethods(ctx: DiagnosisContext): Promise<KindResult> {
  // Requests the person did not start, in words alone or beside a pasted second-step code:
  // someone else has the password, and how to approve, or a new pass, is the wrong answer
  // (prompts-not-started.ts).
  if (ctx.triage.cue === PROMPTS_NOT_STARTED_CUE) {
    return diagnosePromptsNotStarted(ctx);
  }
  const [methodsRead, policyRead, read] = await Promise.all([
    ctx.unread.read(
      ctx.gaps.optional(ctx.reader.listAuthenticationMethods(ctx.userId), 'the sign-in methods'),
      'methods',
    ),
    ctx.unread.read(
      ctx.gaps.optional(ctx.reader.getAuthenticatorPolicy(), 'the Authenticator policy'),
      'authenticator-policy',
    ),
    locateOrUnread(ctx),
  ]);
  // The Authenticator policy Graph did not answer: whether Authenticator is allowed is not said.
  const policyUnread = typeof policyRead === 'string';
  const policy = policyUnread ? undefined : policyRead;
  const located = locatedOf(read);
  const unread = unreadOf(read);
  // Graph not answering the methods: what else was read stands, claiming nothing about them.
  const methodsUnread = typeof methodsRead === 'string';
  const methods = methodsUnread ? undefined : methodsRead;
  // The newest failure may be another kind (a blocked country, a lock-out), with or without a
  // pasted code: it is not this answer's sign-in, and the answer turns to it as the latest failure
  // instead (latest-failure.ts), or stands without it.
  const { signIn, otherFailure } = ownSignInOrOther(ctx, located, 'mfa-methods');
  const details = { view: 'mfa-methods' as const, methods: methods ?? [], authenticator: policy };
  const findings: Finding[] = [];
  const offers: ActionOffer[] = [];
  const steps: string[] = [];

  const factors = (methods ?? []).filter((m) => SECOND_FACTORS.has(m.kind));
  let registered: Finding | undefined;
  if (methods !== undefined && factors.length === 0) {
    findings.push({
      kind: 'cause',
      title: 'No verification method is registered',
      detail:
        'The account has nothing that can answer a multifactor prompt, so the sign-in cannot finish.',
      evidence: methods.map(methodLine),
    });
    offers.push({
      kind: 'issue-tap',
      subjectId: ctx.userId,
      reason:
        'A Temporary Access Pass lets the person sign in once and register Authenticator or a phone.',
    });
    offers.push({
      kind: 'add-sms-method',
      subjectId: ctx.userId,
      reason:
        'Registering their mobile number lets the person answer the prompt with a texted code or a call (and sign in by SMS where the tenant allows it).',
    });
    steps.push(
      say(
        ctx,
        'Set up a method at https://aka.ms/mysecurityinfo (the helpdesk can give you a Temporary Access Pass to get in).',
        'Ask them to set up a method at https://aka.ms/mysecurityinfo; a Temporary Access Pass gets them in to do it.',
      ),
    );
  } else if (methods !== undefined) {
    // In words alone ("lost my phone", "authenticator not working") the registered phone may be
    // the one gone: a pass signs in without it long enough to register another.
    if (ctx.triage.code === undefined) {
      offers.push({
        kind: 'issue-tap',
        subjectId: ctx.userId,
        reason:
          'A Temporary Access Pass signs the person in without the registered phone, long enough to register a new one.',
      });
    }
    registered = {
      kind: 'context',
      title: 'Registered sign-in methods',
      detail: `The account can verify with ${listWords(factors.map((m) => METHOD_NAMES[m.kind]))}.`,
      evidence: methods.map(methodLine),
    };
    findings.push(registered);
  }
  // "I got a new phone", "lost my phone": the steps move the second step to the new phone.
  const phoneChanged =
    registered !== undefined &&
    ctx.triage.code === undefined &&
    ctx.triage.cue === PHONE_CHANGED_CUE;
  // "More information required": the steps finish the set-up the sign-in asked for.
  const setUpAsked = ctx.triage.code === undefined && ctx.triage.cue === SET_UP_ASKED_CUE;
  // "Authenticator shows no requests": the steps are about getting the request.
  const promptsMissing =
    registered !== undefined &&
    ctx.triage.code === undefined &&
    ctx.triage.cue === PROMPTS_MISSING_CUE;
  const usesAuthenticator = factors.some((m) => m.kind === 'microsoftAuthenticator');
  if (policy !== undefined && usesAuthenticator && policy.state !== 'enabled') {
    findings.push({
      kind: 'cause',
      title: 'Authenticator is turned off for this tenant',
      detail:
        'The account has Authenticator registered, but the policy does not allow it, so its prompts never come.',
      evidence: authenticatorFacts(policy),
    });
  } else if (policy !== undefined && usesAuthenticator) {
    findings.push({
      kind: 'context',
      title: 'How Authenticator asks',
      detail:
        'Every Authenticator request shows a number on the sign-in screen that must be typed into the app. Apps too old for number matching cannot approve anything.',
      evidence: authenticatorFacts(policy),
    });
    if (!phoneChanged && !promptsMissing && !setUpAsked) {
      steps.push(
        say(
          ctx,
          'Update Microsoft Authenticator, open it, and type the number shown on the sign-in screen.',
          'Ask them to update Microsoft Authenticator, open it, and type the number shown on the sign-in screen.',
        ),
      );
    }
  }
  for (const app of factors.filter((m) => m.kind === 'microsoftAuthenticator')) {
    const age = authenticatorAge(app.appVersion);
    if (age === undefined) continue;
    findings.push({
      kind: 'cause',
      title: `Authenticator on ${app.label ?? 'the phone'} is out of date`,
      detail: `It is version ${app.appVersion}, from ${age}. An app that old may not support number matching, so it cannot approve sign-ins. Update it from the app store.`,
      evidence: [methodLine(app)],
    });
  }
  steps.push(
    ...(setUpAsked
      ? SET_UP_STEPS[ctx.audience]
      : phoneChanged
        ? NEW_PHONE_STEPS[ctx.audience]
        : promptsMissing
          ? PROMPTS_MISSING_STEPS[ctx.audience]
          : [
              say(
                ctx,
                'Sign in again and answer the prompt within a minute; approve only requests you started.',
                'Ask them to sign in again and answer the prompt within a minute, approving only requests they started.',
              ),
            ]),
  );
  const tenantCause = findings.find((f) => f.kind === 'cause');
  if (signIn !== undefined) {
    const { failureReason, additionalDetails } = signIn.record.status;
    const said = [failureReason, additionalDetails].filter((x) => x !== null && x !== '').join(' ');
    findings.unshift({
      kind: 'cause',
      title: 'What the sign-in log says',
      detail: said || 'The verification step did not complete.',
      evidence: [],
    });
  }
  if (signIn !== undefined && DENIED.test(signIn.record.status.additionalDetails ?? '')) {
    steps.unshift(
      say(
        ctx,
        'If you did not start that sign-in yourself, tell the helpdesk straight away: someone else may know your password.',
        'Ask them whether they started that sign-in themselves: if not, someone else may know the password, so reset it and sign them out everywhere.',
      ),
    );
  }
  if (methodsUnread && signIn === undefined)
    findings.unshift(explanationFinding(ctx.triage, ctx.audience));
  const found = tenantCause !== undefined || signIn !== undefined;
  // Authenticator registered under a policy Graph did not answer: the methods are not said to be
  // in order, since the policy may turn Authenticator off.
  const inOrder = registered !== undefined && !(policyUnread && usesAuthenticator);
  // The message's claim checked: nothing in the methods stops the second step (kept first when
  // the answer turns to the latest failed sign-in).
  const checkedClaim =
    !found && ctx.triage.code === undefined && registered !== undefined && inOrder
      ? {
          ...registered,
          title: 'Verification methods look in order',
          detail: `${registered.detail} ${NEW_PHONE}`,
        }
      : undefined;
  // Without the log the bot cannot say nothing stands in the way now, only what it read.
  const nothingFound = unread === undefined ? 'resolved' : 'explained';
  return withLogUnread(
    {
      status: found
        ? 'found'
        : methodsUnread
          ? 'explained'
          : methods === undefined
            ? 'missing-permission'
            : nothingFound,
      headline:
        tenantCause?.title ??
        (found || !inOrder
          ? 'The verification step did not complete'
          : 'Verification methods look in order'),
      findings,
      signIn,
      offers,
      nextSteps: steps,
      checkAgain: located?.outcome.kind === 'pending',
      ...(checkedClaim === undefined ? {} : { checkedClaim }),
      ...(otherFailure === undefined ? {} : { otherFailure }),
      details,
    },
    unread,
  );
}
