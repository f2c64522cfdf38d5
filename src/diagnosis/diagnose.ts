import { isAppError } from '../errors';
import type { Clock } from '../ports';
import type { Triage } from '../triage/types';
import { PermissionGaps, subjectOf, type DiagnosisContext, type KindResult } from './context';
import { notingInstants } from '../dates';
import { instantWords, type ReaderPlace } from './format';
import { latestFailureAnswer } from './latest-failure';
import { RUNNERS, viewFor } from './runners';
import { unreached, type Unreached } from './unreached';
import { explanationOnly } from './kinds/account-unread';
import { partsUnreadFinding, UnreadParts } from './part-unread';
import { READ_PERMISSIONS, type DirectoryReader, type DirectoryUser } from './ports';
import type { SubjectRef } from './subject';
import type { Diagnosis, DiagnosisDetails, DiagnosisView } from './types';

export { viewFor } from './runners';

export interface DiagnosisRequest {
  triage: Triage;
  subject: SubjectRef;
  /** Who reads the answer: the person themself, or a helpdesk member. */
  audience: 'user' | 'helpdesk';
  /** When the paste was first diagnosed; "Check again" passes the original instant. */
  firstAskedAt?: Date;
  /** The reader's locale and time zone, when the channel tells them; dates are shown in UTC otherwise. */
  place?: ReaderPlace;
}

export interface DiagnoseDeps {
  reader: DirectoryReader;
  clock: Clock;
}

function emptyDetails(view: DiagnosisView): DiagnosisDetails {
  switch (view) {
    case 'conditional-access':
      return { view, enforced: [], reportOnly: [], caDetailsHidden: false };
    case 'device-compliance':
      return { view, devices: [] };
    case 'device-join':
      return { view, devices: [], signInDeviceId: null, browser: null };
    case 'user-risk':
      return { view, risky: undefined, detections: [], guest: false };
    case 'temporary-access-pass':
      return { view, policy: undefined, pass: undefined, inScope: undefined };
    case 'mfa-methods':
      return { view, methods: [], authenticator: undefined };
    case 'user-account':
      return { view, user: undefined, recentFailures: 0 };
    case 'password-policy':
      return { view, rules: [] };
    case 'sign-in':
      return { view };
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function base(request: DiagnosisRequest, view: DiagnosisView): Omit<Diagnosis, keyof KindResult> {
  return {
    view,
    intent: request.triage.intent,
    ...(request.triage.code === undefined ? {} : { code: request.triage.code }),
    ...(request.triage.client === undefined ? {} : { client: request.triage.client }),
    missingPermissions: [],
  };
}

function userNotFound(request: DiagnosisRequest, view: DiagnosisView): Diagnosis {
  const asked = request.subject.kind === 'upn' ? request.subject.upn : 'this account';
  return {
    ...base(request, view),
    status: 'user-not-found',
    headline: `There is no account ${asked} in this organisation`,
    findings: [
      {
        kind: 'cause',
        title: 'No such user',
        detail:
          'The directory has no user with that name. Check the spelling; a partner from another organisation needs to be invited as a guest first.',
        evidence: [],
      },
    ],
    offers: [],
    nextSteps: [
      'Check the address for typos.',
      'If the person is external, invite them as a guest.',
    ],
    checkAgain: false,
    details: emptyDetails(view),
  };
}

function userUnreadable(request: DiagnosisRequest, view: DiagnosisView): Diagnosis {
  const permission = READ_PERMISSIONS.getUser;
  return {
    ...base(request, view),
    status: 'missing-permission',
    headline: 'The bot may not read user accounts in this tenant yet',
    findings: [
      {
        kind: 'gap',
        title: 'Could not read the account',
        detail: `The bot needs the Microsoft Graph application permission ${permission}. An administrator can grant it.`,
        evidence: [],
      },
    ],
    offers: [],
    nextSteps: ['Ask an administrator to grant the permission, then paste the error again.'],
    missingPermissions: [permission],
    checkAgain: false,
    details: emptyDetails(view),
  };
}

/**
 * Looks at the tenant for what happened to the subject. The subject's record is read in the same
 * round trip as the first reads of the diagnosis itself; every diagnosis needs at most one more.
 * Graph not answering the record (throttled past the wait budget, out of reach) leaves an answer
 * without it, saying so in one line (part-unread.ts); missing permissions become gaps on the
 * diagnosis. Throws AppError only when Graph fails in a way the card cannot work around.
 */
export async function diagnose(request: DiagnosisRequest, deps: DiagnoseDeps): Promise<Diagnosis> {
  const view = viewFor(request.triage);
  const now = deps.clock.now();
  const unread = new UnreadParts();
  let userRead: Promise<Settled<DirectoryUser | undefined>>;
  let userId: string;
  if (request.subject.kind === 'upn') {
    const read = await settle(deps.reader.getUser(request.subject.upn));
    if (read.ok && read.value === undefined) return userNotFound(request, view);
    if (!read.ok) return failedUserRead(read.error, request, view);
    userId = (read.value as DirectoryUser).id;
    userRead = Promise.resolve(read);
  } else {
    userId = request.subject.id;
    userRead = settle(deps.reader.getUser(userId));
  }
  const gaps = new PermissionGaps();
  const when = notingInstants(instantWords(request.place));
  const ctx: DiagnosisContext = {
    reader: deps.reader,
    triage: request.triage,
    now,
    firstAskedAt: request.firstAskedAt ?? now,
    audience: request.audience,
    userId,
    user: userRead.then((r) => (r.ok ? r.value : accountUnread(r.error, unread))),
    gaps,
    unread,
    when: when.words,
  };
  const run = settle(RUNNERS[view](ctx).then((result) => latestFailureAnswer(ctx, view, result)));
  const user = await userRead;
  if (!user.ok && unreached(user.error) === undefined) {
    await run;
    return failedUserRead(user.error, request, view);
  }
  if (user.ok && user.value === undefined) {
    await run;
    return userNotFound(request, view);
  }
  const result = await run;
  if (!result.ok) throw result.error;
  const answer = result.value;
  const {
    checkedClaim: _checked,
    uncheckedClaim: _unchecked,
    logUnread: _unread,
    otherFailure: _other,
    ...found
  } = answer.result;
  const instants = when.noted();
  const unanswered = found.unanswered ?? unread.why;
  return {
    ...base(request, answer.view),
    ...(answer.intent === undefined ? {} : { intent: answer.intent }),
    ...found,
    // What was not read cannot be shown as fine: no "no problem now" without the whole answer.
    status: unread.why !== undefined && found.status === 'resolved' ? 'explained' : found.status,
    ...(user.ok && user.value !== undefined ? { subject: subjectOf(user.value) } : {}),
    findings: [...found.findings, ...gaps.findings(), ...unread.findings()],
    missingPermissions: gaps.permissions,
    ...(unanswered === undefined ? {} : { unanswered }),
    ...(instants.length > 0 ? { instants } : {}),
  };
}

/** Graph did not answer the subject's record: noted for the one line, and why for the kinds. */
function accountUnread(error: unknown, unread: UnreadParts): Unreached | undefined {
  const why = unreached(error);
  if (why !== undefined) unread.note('account', why);
  return why;
}

/**
 * The record of the account named in the message could not be read: a 403 names the permission;
 * Graph not answering leaves the error's explanation, the one line and "Check again" (without
 * the record there is no id to read anything else by); anything else fails the answer.
 */
function failedUserRead(error: unknown, request: DiagnosisRequest, view: DiagnosisView): Diagnosis {
  if (isAppError(error) && error.code === 'graph-forbidden') return userUnreadable(request, view);
  const why = unreached(error);
  if (why === undefined) throw error;
  const explained = explanationOnly(request.triage);
  return {
    ...base(request, 'sign-in'),
    ...explained,
    findings: [...explained.findings, partsUnreadFinding(['account'], why)],
    unanswered: why,
  };
}
