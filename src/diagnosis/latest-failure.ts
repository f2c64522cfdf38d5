import type { Intent, Triage } from '../triage/types';
import { pasteHasSignInId, type DiagnosisContext, type KindResult } from './context';
import { pastedFacts } from './pasted';
import { RUNNERS, viewFor } from './runners';
import { idWords, pickFailure, signInSearch } from './sign-in-search';
import type { DiagnosisStatus, DiagnosisView } from './types';
import { unreached, type Unreached } from './unreached';
import { withLogUnread } from './log-unread';
import { isAccountCheck, OWN_QUESTION_CUE } from './account-check';
import { accountCheckUnread } from './kinds/sign-in';
import { knowing } from './known-sign-in';
import { notFoundSaid, otherFailureOf, pastedMeaning, triageOfCode, young } from './other-code';

/**
 * When a paste does not lead to a sign-in, the person's latest failed sign-in usually explains
 * what they met, so the answer turns to it, saying so:
 *
 * - ids that match no sign-in (not there yet, or not at all): the card says so, shows what the
 *   paste said, and then the latest failure, labelled as a different sign-in. Its status stays
 *   the paste's (pending keeps "Check again").
 * - a paste without a code or id ("Your account is blocked") whose message alone shows no problem
 *   now: the latest failure is diagnosed by its own code, as a pasted code would be.
 * - the same paste whose claim the tenant could not check ("expired", for an account Active
 *   Directory decides about, or a domain the bot may not read): the answer says so in one line and
 *   turns to the latest failure too; without one, the explanation stays the answer.
 * - a code ("53003 for alex@…", "50076 for alex@…") that no failure of the last day carries, while
 *   another failure is there (a lock-out, which would show under a Conditional Access headline as
 *   "the blocked sign-in", or under a second-step answer as what the log says): that failure is
 *   answered by its own code, and the card says the pasted code was not found and what it means.
 *   An answer that found a cause of its own, or whose explanation is the answer, stands instead,
 *   without that sign-in, saying the code was not found. A sibling code with the same answer keeps
 *   the first.
 *
 * Costs one more sign-in read, only in those cases; the rows read are handed to the second look-up
 * so it does not ask again.
 */

/**
 * Statuses of a code-less answer that found nothing stopping the person now. `explained` is not
 * one: there the message itself is the answer (a refused new password is not a failed sign-in),
 * unless the answer says its claim could not be checked (`uncheckedClaim`).
 */
const NOTHING_FOUND: ReadonlySet<DiagnosisStatus> = new Set([
  'resolved',
  'no-record',
  'pending-sign-in',
]);

export interface Answer {
  view: DiagnosisView;
  result: KindResult;
  /** Set when the answer is about another sign-in: the intent of that sign-in's code. */
  intent?: Intent;
}

function withoutIds(triage: Triage): Triage {
  const fields = { ...triage.fields };
  delete fields.requestId;
  delete fields.correlationId;
  return { ...triage, fields };
}

function unmatchedHeadline(ctx: DiagnosisContext, by: 'request-id' | 'correlation-id'): string {
  const pending = ctx.unmatchedId?.pending === true;
  const log = ctx.audience === 'user' ? 'your sign-in log' : 'the sign-in log';
  return `No sign-in with that ${idWords(by)} in ${log}${pending ? ' yet' : ''}`;
}

/** The second answer's findings, after what checking the message's own claim found (or not). */
function withClaim(first: KindResult, second: KindResult): KindResult['findings'] {
  const claim = first.checkedClaim ?? first.uncheckedClaim?.finding;
  return claim ? [claim, ...second.findings] : second.findings;
}

/** What the banner says about the message's own claim above the latest failure. */
function claimWords(
  first: KindResult,
): Pick<NonNullable<KindResult['latestFailure']>, 'checked' | 'unchecked'> {
  if (first.checkedClaim) return { checked: first.checkedClaim.title };
  if (first.uncheckedClaim) return { unchecked: first.uncheckedClaim.line };
  return {};
}

/** Graph not answering a read of either look stays on the answer that joins them. */
function unansweredOf(first: KindResult, second: KindResult): Pick<KindResult, 'unanswered'> {
  const why = first.unanswered ?? second.unanswered;
  return why === undefined ? {} : { unanswered: why };
}

/**
 * A paste whose request or correlation id led to its sign-in, but which named no code (the error
 * page's "Sorry, but we're having trouble signing you in" with its troubleshooting details, a
 * tool's message without the AADSTS line): that sign-in failed with a code of its own, and the
 * answer is the one a paste of that code with the same ids gets (the Conditional Access policies
 * that failed it, the device, the methods), not the plain look-up. The row at hand answers the
 * second look, so it costs no sign-in log read.
 */
async function ownCodeAnswer(
  ctx: DiagnosisContext,
  view: DiagnosisView,
  first: KindResult,
): Promise<Answer | undefined> {
  const found = first.signIn;
  if (ctx.triage.code !== undefined || found === undefined || found.matchedBy === 'recent-failures')
    return undefined;
  const code = found.record.status.errorCode;
  if (code === 0) return undefined;
  const coded: Triage = { ...triageOfCode(code), fields: ctx.triage.fields };
  const codedView = viewFor(coded);
  if (codedView === view) return undefined;
  const second = await RUNNERS[codedView]({
    ...ctx,
    triage: coded,
    reader: knowing(ctx.reader, found.record),
  });
  return { view: codedView, intent: coded.intent, result: second };
}

/**
 * Whether the answer turns to that other failure. Only Conditional Access answers rest wholly on
 * the sign-in (the policies that failed it); another answer that, without its own sign-in, found
 * nothing (methods in order, no device seen) turns too, as a code-less one does. One that found a
 * cause of its own (no method registered), or whose explanation is the answer (a code the bot
 * only explains), stands, saying the code was not found.
 */
function turnsTo(view: DiagnosisView, first: KindResult): boolean {
  return view === 'conditional-access' || NOTHING_FOUND.has(first.status);
}

export async function latestFailureAnswer(
  ctx: DiagnosisContext,
  view: DiagnosisView,
  first: KindResult,
): Promise<Answer> {
  const byOwnCode = await ownCodeAnswer(ctx, view, first);
  if (byOwnCode !== undefined) return byOwnCode;
  const unmatched = ctx.unmatchedId;
  const codeless =
    ctx.triage.code === undefined &&
    !pasteHasSignInId(ctx.triage) &&
    (NOTHING_FOUND.has(first.status) || first.uncheckedClaim !== undefined);
  const other = otherFailureOf(ctx, view, first);
  if (other !== undefined && !turnsTo(view, first)) {
    return { view, result: notFoundSaid(ctx, first, other) };
  }
  // A device answer to a pasted code without ids reads no sign-in; finding every device in order
  // now, it looks at the latest failure too, which may be the block the paste came from (a
  // Conditional Access policy that wanted a compliant device from a sign-in that sent none).
  const devicesFine =
    view === 'device-compliance' &&
    ctx.triage.code !== undefined &&
    !pasteHasSignInId(ctx.triage) &&
    NOTHING_FOUND.has(first.status);
  const pastedCode = other === undefined && !devicesFine ? undefined : ctx.triage.code;
  if (unmatched === undefined && !codeless && pastedCode === undefined) {
    return { view, result: first };
  }
  // "When does my password expire?": the answer is what was asked, not the latest failure.
  if (ctx.triage.cue === OWN_QUESTION_CUE) return { view, result: first };
  // The first look could not read the sign-in log, and says so: a second read would fail too.
  if (first.logUnread !== undefined) return { view, result: first };

  const pasted =
    unmatched === undefined
      ? undefined
      : { note: unmatched.reason, facts: pastedFacts(ctx.triage, ctx.when) };
  // Ids that match no sign-in, pasted with a code whose answer stands without its sign-in (a
  // cause of its own, or an explanation that is the answer: an app's expired refresh token): that
  // answer, with what was pasted and not found; the newest failure is not what the paste is about.
  if (pasted !== undefined && ctx.triage.code !== undefined && !turnsTo(view, first)) {
    return { view, result: { ...first, pasted } };
  }

  const search = signInSearch(withoutIds(ctx.triage), ctx.userId, ctx.now, {
    narrowToCode: false,
  });
  let unread: Unreached | undefined;
  const rows = await ctx.gaps
    .optional(ctx.reader.findSignIns(search.query), 'the sign-in log')
    .catch((error: unknown) => {
      // Graph too busy or out of reach for this extra look: the first answer stands, saying so.
      unread = unreached(error);
      if (unread !== undefined) return undefined;
      throw error;
    });
  const latest = rows === undefined ? undefined : pickFailure(rows);

  if (latest === undefined) {
    // Graph too busy or out of reach for this extra look: the first answer stands, saying so. The
    // account check's own answer ("nothing failed lately") is this look's, so it says only that.
    const stands =
      unread !== undefined && isAccountCheck(ctx.triage)
        ? accountCheckUnread(first, unread)
        : withLogUnread(first, unread);
    if (unmatched === undefined) return { view, result: stands };
    return {
      view,
      result: { ...stands, headline: unmatchedHeadline(ctx, unmatched.by), pasted },
    };
  }

  const latestTriage = triageOfCode(latest.status.errorCode);
  const latestView = viewFor(latestTriage);
  // Only a failure of another kind is another answer; the pasted code's own stands.
  if (
    devicesFine &&
    other === undefined &&
    (latest.status.errorCode === ctx.triage.code || latestView === view)
  ) {
    return { view, result: first };
  }
  const second = await RUNNERS[latestView]({
    ...ctx,
    triage: latestTriage,
    recentSignIns: rows,
    unmatchedId: undefined,
  });
  if (unmatched !== undefined) {
    return {
      view: latestView,
      intent: latestTriage.intent,
      result: {
        ...second,
        findings: [
          ...withClaim(first, second),
          // The paste's own code, when the newest failure is another: what it means stays.
          ...(ctx.triage.code === latest.status.errorCode
            ? []
            : pastedMeaning(ctx.triage.code, ctx.audience)),
        ],
        ...unansweredOf(first, second),
        status: first.status,
        checkAgain: first.checkAgain,
        headline: unmatchedHeadline(ctx, unmatched.by),
        latestFailure: { because: 'unmatched-id', headline: second.headline },
        pasted,
      },
    };
  }
  // A look-up that could not use the failure (not readable, nothing behind it) adds nothing; the
  // pasted code not found is still said.
  if (second.status !== 'found' && second.signIn === undefined) {
    const stands = other === undefined || view === 'conditional-access';
    return { view, result: stands ? first : notFoundSaid(ctx, first, other) };
  }
  return {
    view: latestView,
    intent: latestTriage.intent,
    result: {
      ...second,
      findings: [...withClaim(first, second), ...pastedMeaning(pastedCode, ctx.audience)],
      ...unansweredOf(first, second),
      latestFailure:
        pastedCode === undefined
          ? { because: 'no-code', headline: second.headline, ...claimWords(first) }
          : { because: 'other-code', headline: second.headline, pastedCode },
      // A failure with the pasted code may be minutes away from the log: Check again looks anew.
      ...(pastedCode !== undefined && young(ctx) ? { checkAgain: true } : {}),
    },
  };
}
