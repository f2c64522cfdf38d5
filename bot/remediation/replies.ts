import { errorTemplate } from '../../cards/common/error';
import { SECRET_HIDDEN } from '../../cards/common/secret-hidden';
import {
  requestCardData,
  requestTemplate,
  type RequestView,
} from '../../cards/remediation/request';
import { render } from '../../cards/render';
import type { CreateResult, DecideResult } from '../../src/remediation/commands';
import type { RowProblem } from '../../src/remediation/admin-changes/phone-rows';
import { isAdminChangeKind } from '../../src/remediation/action-kinds';
import type { Person, RemediationRequest } from '../../src/remediation/types';
import type { CardJson } from './notifier';

/** The card the clicker gets back for each remediation result. */

/** Recently rendered cards without a pass, by what they show (a burst of clicks shares them). */
const recent = new Map<string, CardJson>();
const RECENT_CARDS = 64;

export function requestCard(request: RemediationRequest, view: RequestView): CardJson {
  // A card holding a pass is built for its one viewer and never kept.
  if (view.tap) return render(requestTemplate, requestCardData(request, view));
  const key = JSON.stringify([request, view]);
  const known = recent.get(key);
  if (known) return structuredClone(known);
  const card = render(requestTemplate, requestCardData(request, view));
  if (recent.size >= RECENT_CARDS) recent.delete(recent.keys().next().value as string);
  recent.set(key, card);
  return structuredClone(card);
}

export function problemCard(title: string, message: string): CardJson {
  return render(errorTemplate, { title, message });
}

/** What the person who asked for a fix is told: a card, and a line for the click itself. */
export interface CreatedReply {
  card: CardJson;
  /** One line shown where they clicked, for answers that come as a new card. */
  line: string;
}

/** "2 lines of the list were left out: line 3 (no phone number); ..." within a card's notice. */
function leftOut(problems: readonly RowProblem[] | undefined): string {
  if (!problems || problems.length === 0) return '';
  const each = problems.map((p) => `line ${p.line} (${p.problem})`).join('; ');
  const text = ` ${problems.length} line${problems.length === 1 ? ' was' : 's were'} left out: ${each}`;
  return text.length > 400 ? `${text.slice(0, 380)}…` : text;
}

/** " Part of what you wrote … was hidden." when a secret was masked in what the clicker typed. */
function hiddenLine(result: { secretHidden?: true }): string {
  return result.secretHidden ? ` ${SECRET_HIDDEN}` : '';
}

export function createdReply(result: CreateResult, actor: Person): CreatedReply {
  switch (result.status) {
    case 'created': {
      const { request } = result;
      const personal = request.requesterChat?.conversationType === 'personal';
      const answerHere = personal ? ' You will get the answer in this chat.' : '';
      const who = isAdminChangeKind(request.kind) ? 'an admin' : 'the helpdesk';
      const notice =
        (result.channel === 'posted'
          ? `Sent to ${who} for approval.${answerHere}`
          : result.channel === 'failed'
            ? `Saved. The helpdesk channel could not be reached just now; the bot keeps trying.${answerHere}`
            : 'Saved, but no helpdesk channel is set up yet, so nobody has been told. Please contact the helpdesk.') +
        hiddenLine(result) +
        leftOut(result.rowProblems);
      return {
        card: requestCard(request, { viewer: 'requester', notice }),
        line: result.channel === 'posted' ? `Sent to ${who} for approval.` : 'Saved.',
      };
    }
    case 'duplicate': {
      const notice = 'This fix was already asked for and is waiting for a decision.';
      const mine = result.request.requester.id === actor.id;
      return {
        // Only the helpdesk asks a fix for someone else: someone else's request is read as theirs.
        card: requestCard(result.request, {
          viewer: mine ? 'requester' : 'other',
          notice,
          ...(mine ? {} : { helpdesk: true }),
        }),
        line: notice,
      };
    }
    case 'completed':
      return {
        card: requestCard(result.request, {
          viewer: 'other',
          tap: result.tap,
          helpdesk: true,
          notice:
            (result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.') +
            hiddenLine(result) +
            leftOut(result.rowProblems),
        }),
        line: result.request.state === 'succeeded' ? 'Done.' : 'This did not work.',
      };
    case 'denied':
      return { card: problemCard('You cannot ask for this', result.message), line: result.message };
    case 'invalid':
      return { card: problemCard('Something is missing', result.message), line: result.message };
    case 'refused':
      return {
        card: problemCard('This fix cannot be done here', result.message),
        line: result.message,
      };
  }
}

/** `helpdesk`: the clicker decided as an approver (approve, reject), not as the requester. */
export function decidedCard(result: DecideResult, helpdesk: boolean): CardJson {
  switch (result.status) {
    case 'unknown':
      return problemCard(
        'Request not found',
        'There is no such request, so nothing was done. Use the latest card in the helpdesk channel.',
      );
    case 'denied':
      // Someone without a part in the request learns why, not what the request holds.
      if (result.reason === 'not-approver' || result.reason === 'not-requester') {
        return problemCard('You cannot decide on this request', result.message);
      }
      return requestCard(result.request, { viewer: 'other', notice: result.message, helpdesk });
    case 'conflict':
      return requestCard(result.request, { viewer: 'other', notice: result.message, helpdesk });
    case 'invalid':
      return requestCard(result.request, {
        viewer: 'approver',
        notice: result.message,
        helpdesk,
      });
    case 'rejected':
      return requestCard(result.request, {
        viewer: 'other',
        notice: `Rejected. The requester has been told.${hiddenLine(result)}`,
        helpdesk: true,
      });
    case 'cancelled':
      return requestCard(result.request, {
        viewer: 'other',
        notice: 'Your request was cancelled.',
      });
    case 'completed':
      return requestCard(result.request, {
        viewer: 'other',
        tap: result.tap,
        helpdesk: true,
        notice: result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.',
      });
  }
}
