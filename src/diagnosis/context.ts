import { isAppError } from '../errors';
import type { Triage } from '../triage/types';
import type { InstantWords } from './format';
import type { DirectoryReader, DirectoryUser, SignInRecord } from './ports';
import { pastedInstant, signInOutcome, signInSearch, type SignInOutcome } from './sign-in-search';
import type { Diagnosis, DiagnosisDetails, Finding, SubjectSummary } from './types';
import type { Unreached } from './unreached';
import type { UnreadParts } from './part-unread';

/** What every per-kind diagnosis receives. The reader is the only way to the tenant. */
export interface DiagnosisContext {
  reader: DirectoryReader;
  triage: Triage;
  now: Date;
  /** When this paste was first diagnosed; "Check again" keeps the original instant. */
  firstAskedAt: Date;
  audience: 'user' | 'helpdesk';
  userId: string;
  /**
   * The subject's record, read once and shared (it is in the first round trip): undefined when
   * there is no such user, or why Graph did not answer the read (then nothing it would say may
   * be claimed, and the answer says in one line that the account was not read).
   */
  user: Promise<DirectoryUser | undefined | Unreached>;
  /** Reads the bot was not allowed to make; each becomes a gap finding and a named permission. */
  gaps: PermissionGaps;
  /** The person's records Graph did not answer; the answer says so in one line (part-unread.ts). */
  unread: UnreadParts;
  /** Dates and times in the reader's locale and time zone. */
  when: InstantWords;
  /**
   * The subject's sign-ins of the last day, when the orchestrator has already read them (to find
   * their latest failure); a search of recent failures then uses these instead of asking again.
   */
  recentSignIns?: SignInRecord[];
  /**
   * Set by locateSignIn when the paste's request or correlation id matched no sign-in: which id,
   * and why (not there yet, or not there at all). The orchestrator then shows the paste itself and
   * the latest failure instead.
   */
  unmatchedId?: { by: 'request-id' | 'correlation-id'; pending: boolean; reason: string };
}

/** What a per-kind diagnosis decides; the orchestrator adds what every diagnosis carries. */
export type KindResult = Pick<
  Diagnosis,
  | 'status'
  | 'headline'
  | 'causesHeading'
  | 'findings'
  | 'offers'
  | 'nextSteps'
  | 'checkAgain'
  | 'unanswered'
  | 'signIn'
  | 'stepsFromCatalog'
  | 'latestFailure'
  | 'pasted'
> & {
  details: DiagnosisDetails;
  subject?: SubjectSummary;
  /**
   * What checking the message's own claim found ("the password has not expired"), kept first
   * when the answer turns to the latest failed sign-in instead.
   */
  checkedClaim?: Finding;
  /**
   * The message's own claim, which the tenant could not check: one line saying what and why, and
   * the finding that explains it. The answer still turns to the latest failed sign-in, this first.
   */
  uncheckedClaim?: { line: string; finding: Finding };
  /**
   * Graph did not answer this answer's sign-in log read: the answer says so already, and the
   * look at the latest failed sign-in, a read of the same log, is not tried.
   */
  logUnread?: 'busy' | 'unreachable';
  /**
   * The newest failure of the last day, of another kind than this answer's, which it did not show
   * as its sign-in (own-sign-in.ts): the pasted code is not among the recent failures, and the
   * answer turns to this one or says so (latest-failure.ts).
   */
  otherFailure?: SignInRecord;
};

export class PermissionGaps {
  private readonly found = new Map<string, string>();

  /**
   * Runs a read whose absence leaves the diagnosis thinner but still useful: a 403 is recorded
   * (what could not be read, and the permission that would allow it) and yields undefined. Any
   * other failure (throttling past the budget, Graph down) propagates to the edge.
   */
  async optional<T>(read: Promise<T>, what: string): Promise<T | undefined> {
    try {
      return await read;
    } catch (error) {
      if (isAppError(error) && error.code === 'graph-forbidden') {
        this.found.set(error.missingPermission ?? 'an additional Graph permission', what);
        return undefined;
      }
      throw error;
    }
  }

  /** Records a permission known to be missing without a failed call (e.g. hidden CA details). */
  note(permission: string, what: string): void {
    this.found.set(permission, what);
  }

  get permissions(): string[] {
    return [...this.found.keys()];
  }

  findings(): Finding[] {
    return [...this.found].map(([permission, what]) => ({
      kind: 'gap',
      title: `Could not check ${what}`,
      detail: `The bot needs the Microsoft Graph application permission ${permission} to read this. An administrator can grant it.`,
      evidence: [],
    }));
  }
}

/** The subject's record when it was read; undefined when there is none or Graph did not answer. */
export function recordOf(user: DirectoryUser | undefined | Unreached): DirectoryUser | undefined {
  return typeof user === 'string' ? undefined : user;
}

export function subjectOf(user: DirectoryUser): SubjectSummary {
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    isGuest: user.userType.toLowerCase() === 'guest',
  };
}

/** Runs the one sign-in search for this paste and reads its outcome; undefined when not allowed. */
export async function locateSignIn(
  ctx: DiagnosisContext,
  options: { narrowToCode: boolean } = { narrowToCode: true },
): Promise<{ outcome: SignInOutcome; rows: SignInRecord[] } | undefined> {
  const search = signInSearch(ctx.triage, ctx.userId, ctx.now, options);
  const rows =
    search.matchedBy === 'recent-failures' && ctx.recentSignIns !== undefined
      ? ctx.recentSignIns
      : await ctx.gaps.optional(ctx.reader.findSignIns(search.query), 'the sign-in log');
  if (rows === undefined) return undefined;
  const outcome = signInOutcome(search, rows, ctx.triage.code, {
    now: ctx.now,
    firstAskedAt: ctx.firstAskedAt,
    pastedAt: pastedInstant(ctx.triage),
    when: ctx.when,
  });
  if (
    search.matchedBy !== 'recent-failures' &&
    (outcome.kind === 'pending' || outcome.kind === 'none')
  ) {
    ctx.unmatchedId = {
      by: search.matchedBy,
      pending: outcome.kind === 'pending',
      reason: outcome.reason,
    };
  }
  return { outcome, rows };
}

/** Does the paste carry an id that points at one sign-in? */
export function pasteHasSignInId(triage: Triage): boolean {
  return triage.fields.requestId !== undefined || triage.fields.correlationId !== undefined;
}

/**
 * The catalog's explanation for the paste, or undefined when triage matched nothing: its meaning
 * as the reader needs it (the person's plain words, or the helpdesk's account of the cause) and
 * the catalog's next steps.
 */
export function catalogText(
  triage: Triage,
  audience: 'user' | 'helpdesk' = 'user',
): { meaning: string; nextSteps: string[] } | undefined {
  const entry = triage.entry ?? triage.message;
  if (entry === undefined) return undefined;
  const meaning = audience === 'helpdesk' ? entry.helpdeskText : entry.userText;
  return { meaning, nextSteps: entry.nextSteps };
}
