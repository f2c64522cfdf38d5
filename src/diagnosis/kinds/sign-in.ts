import type { DiagnosisContext, KindResult } from '../context';
import { catalogText, pasteHasSignInId } from '../context';
import { locatedOf, locateOrUnread, unreadOf, withLogUnread } from '../log-unread';
import { ownSignInOrOther } from '../own-sign-in';
import type { Unreached } from '../unreached';
import { readFromWordsAlone } from '../../triage/correction';
import { isAccountCheck } from '../account-check';
import type { Finding } from '../types';
import { meaningTitle, pendingResult, stepsOr, TRY_AGAIN_LATER } from './sign-in-status';

const GENERIC_MEANING =
  'The sign-in did not complete. The bot does not know this error well enough to say more than the sign-in log does.';

/**
 * The account check when Graph did not answer the one read it makes, the look at the latest
 * failed sign-in: it can say nothing about the sign-ins either way, only that the log was not
 * read (the one line), and Check again may answer it.
 */
export function accountCheckUnread(first: KindResult, why: Unreached): KindResult {
  return withLogUnread(
    {
      ...first,
      status: 'explained',
      headline: 'The sign-in log could not be read just now',
      findings: [],
    },
    why,
  );
}

/**
 * Everything else: the catalog's explanation, plus the matching sign-in when the paste points at
 * one (or names a code to look for among the user's recent failures).
 */
export async function diagnoseSignIn(ctx: DiagnosisContext): Promise<KindResult> {
  if (isAccountCheck(ctx.triage) && !pasteHasSignInId(ctx.triage)) {
    // Nothing pasted to explain: the latest failure answers (see latest-failure.ts), or this.
    return {
      status: 'no-record',
      headline: 'No failed sign-in in the last 24 hours',
      findings: [
        {
          kind: 'context',
          title: 'Nothing failed lately',
          detail:
            'The sign-in log has no failed sign-in for this account in the last 24 hours, so it cannot say what stops the sign-in. The error shown at sign-in can: paste it here.',
          evidence: [],
        },
      ],
      offers: [],
      nextSteps: [
        'Paste the error shown at sign-in here: the whole page, the code or the message (ask for it when someone else is stuck).',
      ],
      checkAgain: false,
      details: { view: 'sign-in' },
    };
  }
  const catalog = catalogText(ctx.triage, ctx.audience);
  const lookUp = pasteHasSignInId(ctx.triage) || ctx.triage.code !== undefined;
  // Graph not answering the log leaves the explanation, with one line saying the log was not read.
  const read = lookUp ? await locateOrUnread(ctx) : undefined;
  const located = locatedOf(read);
  const details = { view: 'sign-in' as const };
  if (located?.outcome.kind === 'pending' && pasteHasSignInId(ctx.triage)) {
    return pendingResult(ctx, located.outcome.reason, details);
  }
  // Only a failure with the pasted code is this error's sign-in; another (a lock-out) is not.
  const { signIn, otherFailure } = ownSignInOrOther(ctx, located, 'sign-in');
  const findings: Finding[] = [
    {
      kind: 'cause',
      title: meaningTitle(ctx.triage),
      detail: catalog?.meaning ?? GENERIC_MEANING,
      evidence: [],
    },
  ];
  const detail = signIn?.record.status.additionalDetails;
  if (detail) {
    findings.push({ kind: 'context', title: 'What the sign-in log adds', detail, evidence: [] });
  }
  return withLogUnread(
    {
      status: signIn ? 'found' : 'explained',
      headline:
        signIn?.record.status.failureReason ??
        (readFromWordsAlone(ctx.triage)
          ? 'What the bot read in the message'
          : 'What this error means'),
      findings,
      signIn,
      offers: [],
      ...stepsOr(ctx, TRY_AGAIN_LATER),
      checkAgain: false,
      ...(otherFailure === undefined ? {} : { otherFailure }),
      details,
    },
    unreadOf(read),
  );
}
