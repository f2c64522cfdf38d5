import { locateSignIn, type DiagnosisContext, type KindResult } from './context';
import { unreached, type Unreached } from './unreached';
import type { Finding } from './types';

/**
 * The one plain line an answer carries when Microsoft Graph did not answer its sign-in log read
 * (too busy past the wait budget, or out of reach): the rest of the answer stands without the
 * sign-ins, and looking again later may add them.
 */
const LOG_UNREAD: Record<Unreached, string> = {
  busy: 'Microsoft Graph was too busy to read the sign-in log just now, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.',
  unreachable:
    'Microsoft Graph could not be reached just now to read the sign-in log, so recent sign-ins are not part of this answer; checking again in a few minutes may add them.',
};

export function logUnreadFinding(why: Unreached): Finding {
  return {
    kind: 'gap',
    title: 'Could not read the sign-in log',
    detail: LOG_UNREAD[why],
    evidence: [],
  };
}

export type Located = Awaited<ReturnType<typeof locateSignIn>>;

/**
 * The answer's one sign-in search, where Graph not answering it (too busy past the wait budget,
 * or out of reach) is a read that could not be made, returned as why, rather than a failed
 * answer. A 403 stays a named permission (undefined, as from locateSignIn); any other refusal
 * still fails the answer.
 */
export async function locateOrUnread(
  ctx: DiagnosisContext,
  options?: { narrowToCode: boolean },
): Promise<Located | Unreached> {
  try {
    return await locateSignIn(ctx, options);
  } catch (error) {
    const why = unreached(error);
    if (why === undefined) throw error;
    return why;
  }
}

/** The search's rows and outcome, or nothing when Graph did not answer (see `unreadOf`). */
export function locatedOf(read: Located | Unreached | undefined): Located {
  return typeof read === 'string' ? undefined : read;
}

/** Why Graph did not answer the search, when it did not. */
export function unreadOf(read: Located | Unreached | undefined): Unreached | undefined {
  return typeof read === 'string' ? read : undefined;
}

/**
 * An answer that stands without the sign-in log because Graph did not answer its read: the one
 * line under what could not be checked, `unanswered` for the card's "Check again", and
 * `logUnread` so the look at the latest failed sign-in (the same log) is not tried. Unchanged
 * when the log was read.
 */
export function withLogUnread(result: KindResult, why: Unreached | undefined): KindResult {
  if (why === undefined) return result;
  return {
    ...result,
    findings: [...result.findings, logUnreadFinding(why)],
    unanswered: result.unanswered ?? why,
    logUnread: why,
  };
}
