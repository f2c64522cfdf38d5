import type { ReaderPlace } from '../../src/dates';
import { actionLabel } from '../../src/remediation/describe';
import { shortReference } from '../../src/request-reference';
import type { NoticeReason } from '../../src/remediation/tell-requester';
import type { RemediationRequest } from '../../src/remediation/types';
import { isOwnRequest, requestCardData, type RequestCardData } from './request';

/**
 * The requester's short notice of an outcome, sent only when their waiting card cannot show it
 * (src/remediation/tell-requester.ts): the request's card template with what it ended as, the
 * approver's reason (masked as everywhere), what was done and, for a pass, how it reaches them;
 * without the facts they already have on the card they got when asking. And the one short line
 * that follows when that card could be brought up to date instead (below).
 */

const WHY: Record<NoticeReason, string | undefined> = {
  'no-card': undefined,
  'card-elsewhere': 'You asked for this in another conversation; the card there shows it too.',
  'update-failed':
    'The card of your request could not be brought up to date, so the answer is here.',
};

/** The facts a notice keeps: why it ended so, and the reference to quote to the helpdesk. */
const KEPT_FACTS = new Set(['Reason', 'Request']);

export function outcomeNoticeData(
  request: RemediationRequest,
  why: NoticeReason,
  place?: ReaderPlace,
): RequestCardData {
  const full = requestCardData(request, { viewer: 'other', helpdesk: false, place });
  const notice: RequestCardData = {
    title: full.title,
    status: full.status,
    statusStyle: full.statusStyle,
    facts: full.facts.filter((fact) => KEPT_FACTS.has(fact.title)),
  };
  const line = WHY[why];
  if (line) notice.notice = line;
  if (full.outcome) notice.outcome = full.outcome;
  if (full.handover) notice.handover = full.handover;
  if (full.partial) notice.partial = full.partial;
  if (full.verification) notice.verification = full.verification;
  return notice;
}

/** What the short line after an edited card is about: the request's end, or the sign-in check. */
export type AlertAbout = 'outcome' | 'sign-in-check';

const ENDED: Record<RemediationRequest['state'], string> = {
  pending: 'is still waiting',
  approved: 'was approved',
  executing: 'is being carried out',
  succeeded: 'is done: the card above shows what was done',
  failed: 'could not be completed: the card above says what happened',
  rejected: 'was rejected: the card above has the reason',
  expired: 'expired because nobody decided in time: the card above shows it',
  cancelled: 'was cancelled: the card above shows it',
};

/**
 * The one plain line sent beside the requester's waiting card once it is brought up to date
 * (Teams alerts nobody when a message is edited; a new message alerts them). It says which
 * request and that it ended, and points to the card: no reason, no pass, nothing the card
 * already says in full, so it never carries what people typed. The request is named by its
 * short reference ("RQ-3F9A1C"), as on the card.
 */
export function outcomeAlertText(request: RemediationRequest, about: AlertAbout): string {
  const title = actionLabel(request.kind, isOwnRequest(request) ? 'subject' : 'helpdesk').title;
  const reference = shortReference(request.id);
  const what = `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  if (about === 'sign-in-check') {
    return `The sign-in check after your request ${reference} to ${what} has finished: the card above has the result.`;
  }
  return `Your request ${reference} to ${what} ${ENDED[request.state]}.`;
}
