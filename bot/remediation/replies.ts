import { errorTemplate } from '../../cards/common/error';
import {
  requestCardData,
  requestTemplate,
  type RequestView,
} from '../../cards/remediation/request';
import { render } from '../../cards/render';
import type { CreateResult, DecideResult } from '../../src/remediation/commands';
import type { Person, RemediationRequest } from '../../src/remediation/types';
import type { CardJson } from './notifier';

/** The card the clicker gets back for each remediation result. */

export function requestCard(request: RemediationRequest, view: RequestView): CardJson {
  return render(requestTemplate, requestCardData(request, view));
}

export function problemCard(title: string, message: string): CardJson {
  return render(errorTemplate, { title, message });
}

export function createdCard(result: CreateResult, actor: Person): CardJson {
  switch (result.status) {
    case 'created': {
      const { request } = result;
      const personal = request.requesterChat?.conversationType === 'personal';
      const answerHere = personal ? ' You will get the answer in this chat.' : '';
      const notice =
        result.channel === 'posted'
          ? `Sent to the helpdesk for approval.${answerHere}`
          : result.channel === 'failed'
            ? `Saved. The helpdesk channel could not be reached just now; the bot keeps trying.${answerHere}`
            : 'Saved, but no helpdesk channel is set up yet, so nobody has been told. Please contact the helpdesk.';
      return requestCard(request, { viewer: 'requester', notice });
    }
    case 'duplicate':
      return requestCard(result.request, {
        viewer: result.request.requester.id === actor.id ? 'requester' : 'other',
        notice: 'This fix was already asked for and is waiting for a decision.',
      });
    case 'completed':
      return requestCard(result.request, {
        viewer: 'other',
        tap: result.tap,
        notice: result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.',
      });
    case 'denied':
      return problemCard('You cannot ask for this', result.message);
    case 'invalid':
      return problemCard('Something is missing', result.message);
    case 'refused':
      return problemCard('This fix cannot be done here', result.message);
  }
}

export function decidedCard(result: DecideResult): CardJson {
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
      return requestCard(result.request, { viewer: 'other', notice: result.message });
    case 'conflict':
      return requestCard(result.request, { viewer: 'other', notice: result.message });
    case 'invalid':
      return requestCard(result.request, { viewer: 'approver', notice: result.message });
    case 'rejected':
      return requestCard(result.request, {
        viewer: 'other',
        notice: 'Rejected. The requester has been told.',
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
        notice: result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.',
      });
  }
}
