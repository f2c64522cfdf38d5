import type { ActionOffer } from '../../remediation/action-kinds';
import { recordOf, type DiagnosisContext, type KindResult } from '../context';
import {
  countryWords,
  formatAgo,
  plural,
  riskLevelWords,
  riskStateWords,
  type InstantWords,
} from '../format';
import { locatedOf, locateOrUnread, unreadOf, withLogUnread } from '../log-unread';
import { explainedBy, ownSignIn } from '../own-sign-in';
import type { RiskyUserRecord, SignInRecord } from '../ports';
import type { Finding } from '../types';
import { methodLine } from './method-line';
import { isActiveRisk, riskEvidence } from './user-risk';

/**
 * Second-step requests or codes the person did not start (MFA fatigue, push bombing): whoever
 * sends them got past the password. The answer says so, tells the person what to do now, and
 * shows what the tenant can tell: the failed second-step sign-ins of the last day and where they
 * came from, and the account's risk record. It never tells them how to approve, and never offers
 * a Temporary Access Pass: that would be one more way in.
 */

const ROWS_SHOWN = 5;
const DENIED = /denied|declined|fraud/i;

/** The person's steps, and the helpdesk's: what they do for the person and tell them. */
const STEPS = {
  user: [
    'Deny every request you did not start, and never type a number or read out a code for anyone. If Authenticator asks whether to report it, report it.',
    'Change your password now at https://aka.ms/sspr, from a device you trust. If you cannot, ask the helpdesk to reset it.',
    'Tell the helpdesk when the requests began and what they showed (app, place), even if you denied them all.',
  ],
  helpdesk: [
    'Tell them to deny every request they did not start, and never to type a number or read out a code for anyone.',
    'Have them change the password now at https://aka.ms/sspr from a device they trust, or reset it for them, and sign them out everywhere (the button below).',
    'Ask when the requests began and what they showed (app, place); the failed sign-ins in the log say where they came from.',
  ],
} as const;

/** What the requests mean, told to the person, or to the helpdesk about them. */
const MEANING: Record<'user' | 'helpdesk', Finding> = {
  user: {
    kind: 'cause',
    title: 'Someone else very likely knows your password',
    detail:
      'A request to approve a sign-in, or a code, comes only after the password was typed. If you were not signing in, someone else was: denying keeps them out, and a new password stops the requests.',
    evidence: [],
  },
  helpdesk: {
    kind: 'cause',
    title: 'Someone else very likely knows their password',
    detail:
      'A request to approve a sign-in, or a code, comes only after the password was typed. If the person was not signing in, someone else was: denying keeps them out, and a new password stops the requests.',
    evidence: [],
  },
};

/**
 * The second-step code pasted beside the words: what it says here. Its own explanation would
 * have the person try again and approve, which is the wrong thing to do now.
 */
function pastedCodeFinding(code: number, own: boolean): Finding {
  return {
    kind: 'context',
    title: own ? `The code you pasted: AADSTS${code}` : `The code pasted: AADSTS${code}`,
    detail: `It is the code of a sign-in that stopped at the second step (a request to approve, or a code), which comes only after the password was accepted. It fits someone else signing in with ${own ? 'your password: do not approve' : 'their password: they should not approve'} to make it go away.`,
    evidence: [],
  };
}

function rowLine(r: SignInRecord, when: InstantWords): { label: string; value: string } {
  const where = countryWords(r.location);
  const denied = DENIED.test(r.status.additionalDetails ?? '') ? ', denied' : '';
  return {
    label: when(r.createdDateTime),
    value: `${where === 'unknown' ? 'place unknown' : where} (${r.ipAddress}), ${r.appDisplayName}${denied}`,
  };
}

/** The failed second-step sign-ins of the last day the answer already read, newest first. */
function attemptsFinding(rows: SignInRecord[], when: InstantWords): Finding {
  const own = rows
    .filter((r) => explainedBy(r, 'mfa-methods'))
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  if (own.length === 0) {
    return {
      kind: 'context',
      title: 'No failed second-step sign-in in the last day',
      detail:
        'The sign-in log shows none for this account. The requests may be older, or for another account on the same phone (Authenticator can hold several); tell the helpdesk anyway.',
      evidence: [],
    };
  }
  const places = new Set(own.map((r) => r.ipAddress)).size;
  return {
    kind: 'context',
    title: `${plural(own.length, 'failed second-step sign-in')} in the last day`,
    detail: `From ${places} ${places === 1 ? 'address' : 'addresses'}. Any you do not recognise is someone else trying your password.`,
    evidence: own.slice(0, ROWS_SHOWN).map((r) => rowLine(r, when)),
  };
}

function riskFinding(risky: RiskyUserRecord | undefined, ctx: DiagnosisContext): Finding {
  if (risky === undefined || !isActiveRisk(risky)) {
    return {
      kind: 'context',
      title: 'Identity Protection has not marked the account at risk',
      detail:
        'That does not clear the requests: they still mean the password is known. Change it anyway.',
      evidence: [],
    };
  }
  return {
    kind: 'cause',
    title: `Identity Protection marks the account ${riskStateWords(risky.riskState).toLowerCase()}`,
    detail: `Its user risk is ${riskLevelWords(risky.riskLevel).toLowerCase()}, updated ${formatAgo(risky.riskLastUpdatedDateTime, ctx.now)}.`,
    evidence: riskEvidence(risky, ctx.when),
  };
}

export async function diagnosePromptsNotStarted(ctx: DiagnosisContext): Promise<KindResult> {
  const user = recordOf(await ctx.user);
  const guest = user !== undefined && user.userType.toLowerCase() === 'guest';
  // One Identity Protection read (its budget is one request a second), none for a guest, whose
  // risk lives in the home tenant.
  const [read, riskRead, methodsRead] = await Promise.all([
    locateOrUnread(ctx),
    guest
      ? Promise.resolve(undefined)
      : ctx.unread.read(
          ctx.gaps.optional(
            ctx.reader.getRiskyUser(ctx.userId).then((record) => ({ record })),
            'the account risk',
          ),
          'risk',
        ),
    ctx.unread.read(
      ctx.gaps.optional(ctx.reader.listAuthenticationMethods(ctx.userId), 'the sign-in methods'),
      'methods',
    ),
  ]);
  const located = locatedOf(read);
  const own = ctx.audience === 'user';
  const findings: Finding[] = [MEANING[ctx.audience]];
  if (ctx.triage.code !== undefined) findings.push(pastedCodeFinding(ctx.triage.code, own));
  if (located !== undefined) findings.push(attemptsFinding(located.rows, ctx.when));
  // A record not allowed (a gap) or not answered (one line): nothing is said of the risk.
  if (riskRead !== undefined && typeof riskRead !== 'string') {
    findings.push(riskFinding(riskRead.record, ctx));
  }
  const methods = methodsRead === undefined || typeof methodsRead === 'string' ? [] : methodsRead;
  if (methods.length > 0) {
    findings.push({
      kind: 'context',
      title: 'Sign-in methods on the account',
      detail:
        'If one of these is not yours, tell the helpdesk: it may have been added by someone else.',
      evidence: methods.map(methodLine),
    });
  }
  const offers: ActionOffer[] = [
    {
      kind: 'revoke-sessions',
      subjectId: ctx.userId,
      reason:
        'Once the password is changed, sign the account out everywhere, so a session someone else may already have stops working.',
    },
  ];
  return withLogUnread(
    {
      status: 'found',
      headline: own
        ? 'Sign-in requests you did not start'
        : 'Sign-in requests the person did not start',
      findings,
      signIn: ownSignIn(ctx, located, 'mfa-methods'),
      offers,
      nextSteps: [...STEPS[ctx.audience]],
      checkAgain: false,
      details: { view: 'mfa-methods', methods, authenticator: undefined },
    },
    unreadOf(read),
  );
}
