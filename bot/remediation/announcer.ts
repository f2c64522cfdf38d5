import { outcomeAlertText, outcomeNoticeData } from '../../cards/remediation/outcome-notice';
import { requestCardData, requestTemplate } from '../../cards/remediation/request';
import { render } from '../../cards/render';
import { actionData } from '../../cards/verbs';
import { toAppError } from '../../src/errors';
import {
  NOTICE_PARTS,
  type FailedParts,
  type NoticePart,
  type RemediationEvents,
  type RequestChange,
} from '../../src/remediation/events';
import { approversOf, type RemediationPolicy } from '../../src/remediation/policy';
import { silentLogger, type Logger } from '../../src/remediation/ports';
import {
  RefusedForNow,
  tellRequester,
  type NoticeReason,
} from '../../src/remediation/tell-requester';
import type { PostedCard, RemediationRequest } from '../../src/remediation/types';
import { refusedForNowOrAsIs, type ApproverView, type CardJson, type Notifier } from './notifier';

/**
 * Turns remediation's events into cards and messages. The helpdesk channel has one card per
 * request, posted when it waits for approval and edited as it changes (a direct run is posted
 * when it finishes); the requester hears the end on the card they got when asking, brought up to
 * date, with one short plain line beside it so Teams alerts them, or in one short notice when
 * that card cannot show it; nothing when they decided it themselves. A held edit (a pass on the
 * approver's screen) waits for its own event. The closed-loop check's result (`verified`) edits
 * the channel card, where the approver sees it, and reaches the requester like an outcome (its
 * line says the sign-in check has finished). An edit of the requester's card that Teams refused
 * for now comes back as a failed part with the wait Teams asked for, so the outbox tries again.
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
    change: RequestChange,
    only: readonly NoticePart[] = NOTICE_PARTS,
  ): Promise<FailedParts> {
    const { cause, request } = change;
    const failed: FailedParts = [];
    const part = async (name: NoticePart, what: string, send: () => Promise<unknown>) => {
      if (!only.includes(name)) return;
      const error = await this.attempt(what, request, send);
      if (error === undefined) return;
      failed.push(name);
      if (error instanceof RefusedForNow && error.retryAfterMs !== undefined) {
        failed.retryAfterMs = Math.max(failed.retryAfterMs ?? 0, error.retryAfterMs);
      }
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
    // The requester hears the end in one place: their waiting card, brought up to date (and a
    // line that alerts them); a short notice only when that card cannot show it (tell-requester.ts
    // says which).
    await part('requester', 'tell-requester', () => this.tellRequester(change));
    return failed;
  }

  private async tellRequester({ cause, request, earlierTries }: RequestChange): Promise<void> {
    const about = cause === 'verified' ? 'sign-in-check' : 'outcome';
    const told = await tellRequester(
      request,
      {
        updateCard: (posted) =>
          this.notifier.updateCard(posted, requesterCard(request)).catch((error: unknown) => {
            throw refusedForNowOrAsIs(error);
          }),
        sendNotice: (to, why) => this.notifier.sendToChat(to, requesterNotice(request, why)),
        sendAlert: (to, mention) =>
          this.notifier.sendText(
            to,
            outcomeAlertText(request, about),
            mention && { id: mention.teamsId ?? mention.id, name: mention.name },
          ),
      },
      (what, error) =>
        this.warn(what === 'card' ? 'update-requester-card' : 'requester-alert', request, error),
      earlierTries,
    );
    if (told !== 'nobody' && told !== 'card' && told !== 'card-unalerted') {
      this.log({
        level: 'info',
        event: 'remediation.requester-noticed',
        requestId: request.id,
        why: told,
      });
    }
  }

  /**
   * Each delivery on its own: a channel that is down does not keep the requester uninformed.
   * Answers the error of a delivery that failed (undefined when it went).
   */
  private async attempt(
    what: string,
    request: RemediationRequest,
    send: () => Promise<unknown>,
  ): Promise<unknown> {
    try {
      await send();
      return undefined;
    } catch (error) {
      this.warn(what, request, error);
      return error ?? new Error('failed');
    }
  }

  private warn(what: string, request: RemediationRequest, error: unknown): void {
    const forNow = error instanceof RefusedForNow;
    const appError = toAppError(forNow ? error.reason : error);
    this.log({
      level: 'warn',
      event: `remediation.notify-${what}-failed`,
      requestId: request.id,
      code: appError.code,
      message: appError.message,
      ...(forNow ? { forNow: true, retryAfterMs: error.retryAfterMs } : {}),
    });
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

/** The requester's short notice, when their waiting card cannot show the outcome. */
function requesterNotice(request: RemediationRequest, why: NoticeReason): CardJson {
  return render(requestTemplate, outcomeNoticeData(request, why, request.requesterPlace));
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
