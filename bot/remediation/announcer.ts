import { requestCardData, requestTemplate } from '../../cards/remediation/request';
import { render } from '../../cards/render';
import { actionData } from '../../cards/verbs';
import { toAppError } from '../../src/errors';
import {
  NOTICE_PARTS,
  type NoticePart,
  type RemediationEvents,
  type RequestChange,
} from '../../src/remediation/events';
import { approversOf, type RemediationPolicy } from '../../src/remediation/policy';
import { silentLogger, type Logger } from '../../src/remediation/ports';
import {
  FINAL_STATES,
  type PostedCard,
  type RemediationRequest,
} from '../../src/remediation/types';
import type { ApproverView, CardJson, Notifier } from './notifier';

/**
 * Turns remediation's events into cards and messages. The helpdesk channel has one card per
 * request, posted when it waits for approval and edited as it changes (a direct run is posted
 * when it finishes); the requester hears the end in their own 1:1 chat, unless they decided it
 * themselves. A held edit (a pass on the approver's screen) waits for its own event. The
 * closed-loop check's result (`verified`) edits the channel card, where the approver sees it, and
 * reaches the requester like an outcome.
 */
export class RemediationAnnouncer implements RemediationEvents {
  constructor(
    private readonly notifier: Notifier,
    private readonly policy: RemediationPolicy,
    private readonly log: Logger = silentLogger,
  ) {}

  async created(request: RemediationRequest): Promise<PostedCard | undefined> {
    return this.notifier.postToHelpdesk(sharedCard(request), this.approverView(request));
  }

  async changed(
    { cause, request }: RequestChange,
    only: readonly NoticePart[] = NOTICE_PARTS,
  ): Promise<NoticePart[]> {
    const failed: NoticePart[] = [];
    const part = async (name: NoticePart, what: string, send: () => Promise<unknown>) => {
      if (only.includes(name) && !(await this.attempt(what, request, send))) failed.push(name);
    };
    const holdChannel = cause === 'executed' && request.channelEditDueAt !== undefined;
    const posted = request.channelCard;
    if (holdChannel) {
      // The channel card is edited when the held edit is due (the sweeper's event).
    } else if (posted) {
      await part('channel', 'update', () =>
        this.notifier.updateCard(posted, sharedCard(request), this.approverView(request)),
      );
    } else if (cause === 'executed' && request.mode === 'direct') {
      await part('channel', 'post', () => this.notifier.postToHelpdesk(sharedCard(request)));
    }
    if (cause === 'exclusion-ended' || cause === 'channel-edit-due') return failed;
    // When a request ends, the requester's waiting card is brought up to date (no Cancel left on
    // it) and, in their 1:1 chat, they get the outcome as a new message; a requester who decided
    // it themselves (cancelled) already sees the result on the card they clicked.
    const decidedBySelf = request.decision?.by.id === request.requester.id;
    if (!FINAL_STATES.has(request.state) || decidedBySelf) return failed;
    const waiting = request.requesterCard;
    if (waiting) {
      await part('requester-card', 'update-requester-card', () =>
        this.notifier.updateCard(waiting, requesterCard(request)),
      );
    }
    const chat = request.requesterChat;
    if (chat && chat.conversationType === 'personal') {
      await part('requester-chat', 'tell-requester', () =>
        this.notifier.sendToChat(chat, requesterCard(request)),
      );
    }
    return failed;
  }

  /** Each delivery on its own: a channel that is down does not keep the requester uninformed. */
  private async attempt(
    what: string,
    request: RemediationRequest,
    send: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      const appError = toAppError(error);
      this.log({
        level: 'warn',
        event: `remediation.notify-${what}-failed`,
        requestId: request.id,
        code: appError.code,
        message: appError.message,
      });
      return false;
    }
  }

  private approverView(request: RemediationRequest): ApproverView | undefined {
    if (request.state !== 'pending') return undefined;
    return {
      approverGroupIds: approversOf(request, this.policy),
      refreshData: actionData('request.refresh', {
        requestId: request.id,
        version: request.version,
      }),
    };
  }
}

function sharedCard(request: RemediationRequest): CardJson {
  return render(requestTemplate, requestCardData(request, { viewer: 'shared', helpdesk: true }));
}

/** The outcome as the requester sees it: in words, without Graph's request ids. */
function requesterCard(request: RemediationRequest): CardJson {
  return render(
    requestTemplate,
    requestCardData(request, {
      viewer: 'other',
      helpdesk: false,
      place: request.requesterPlace,
    }),
  );
}
