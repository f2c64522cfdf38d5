import type { ReaderPlace } from '../../src/dates';
import type { NoticeReason } from '../../src/remediation/tell-requester';
import type { RemediationRequest } from '../../src/remediation/types';
import { requestCardData, type RequestCardData } from './request';

/**
 * The requester's short notice of an outcome, sent only when their waiting card cannot show it
 * (src/remediation/tell-requester.ts): the request's card template with what it ended as, the
 * approver's reason (masked as everywhere), what was done and, for a pass, how it reaches them;
 * without the facts they already have on the card they got when asking.
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
