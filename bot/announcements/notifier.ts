/**
 * AnnouncementNotifier on the proactive sender: the author's progress card (replaced in place,
 * so the author's chat gets one message, not one per update) and the helpdesk channel notice.
 */
import { render } from '../../cards';
import {
  helpdeskNoticeCardData,
  helpdeskNoticeTemplate,
  progressCardData,
  progressTemplate,
} from '../../cards/announcements';
import type {
  AnnouncementNotifier,
  HelpdeskNotice,
  ProactiveSender,
  ProgressView,
  SendOutcome,
} from '../../src/announcements/ports';
import type { ReferenceStore } from '../../src/announcements/reference-store';
import type { AnnouncementRecord } from '../../src/announcements/types';
import { systemClock, type Clock } from '../../src/ports';

export interface NotifierOptions {
  /** The helpdesk channel (19:...@thread.tacv2); notices are dropped with a log line without it. */
  helpdeskChannelId?: string;
  /** The bot's app id, for the `28:` id when no install event named it. */
  botAppId: string;
  clock?: Clock;
}

export class BotAnnouncementNotifier implements AnnouncementNotifier {
  private readonly clock: Clock;

  constructor(
    private readonly sender: ProactiveSender,
    private readonly references: ReferenceStore,
    private readonly options: NotifierOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async showProgress(
    announcement: AnnouncementRecord,
    view: ProgressView,
  ): Promise<{ outcome: SendOutcome; activityId?: string }> {
    const reference = announcement.authorReference;
    if (!reference) {
      return {
        outcome: { kind: 'permanent', reason: 'rejected', detail: 'no author chat stored' },
      };
    }
    const card = render(progressTemplate, progressCardData(announcement, view, this.clock.now()));
    const message = { card, summary: `Announcement ${announcement.id}: ${view.counts.sent} sent` };
    if (announcement.progressActivityId) {
      const outcome = await this.sender.update(reference, announcement.progressActivityId, message);
      // The card was deleted: post a fresh one and follow that from now on.
      if (outcome.kind !== 'conversation-gone') {
        return { outcome, activityId: announcement.progressActivityId };
      }
    }
    const outcome = await this.sender.send(reference, message);
    return { outcome, activityId: outcome.kind === 'sent' ? outcome.activityId : undefined };
  }

  async notifyHelpdesk(notice: HelpdeskNotice): Promise<SendOutcome> {
    const channelId = this.options.helpdeskChannelId;
    if (!channelId) {
      return { kind: 'permanent', reason: 'rejected', detail: 'no helpdesk channel configured' };
    }
    const tenant = await this.references.tenant(notice.tenantId);
    const card = render(helpdeskNoticeTemplate, helpdeskNoticeCardData(notice));
    return this.sender.send(
      {
        serviceUrl: notice.serviceUrl,
        tenantId: notice.tenantId,
        conversationId: channelId,
        conversationType: 'channel',
        botId: tenant?.botId ?? `28:${this.options.botAppId}`,
      },
      { card, summary: `${notice.user.name} reported a sign-in prompt they did not start` },
    );
  }
}
