import { render } from '../../cards/render';
import {
  closedNotice,
  releasedNotice,
  handoffCardData,
  handoffTemplate,
  handoffNoticeTemplate,
  replyNotice,
  takenNotice,
  type HandoffNoticeData,
} from '../../cards/handoff';
import type { HandoffService } from '../../src/handoff';
import type { Handoff } from '../../src/handoff/types';
import type { Logger } from '../../src/remediation/ports';
import type { OfferMemory } from '../diagnosis';
import type { Notifier } from '../remediation';

/**
 * Where the cards of a request for help go: the shared card in the helpdesk channel (posted
 * once, then edited for everyone on each change) and notices in the asker's 1:1 chat through
 * the conversation reference stored with the request. A failed delivery is logged and reported
 * to the caller; it never undoes the recorded change.
 */
export class HandoffDelivery {
  constructor(
    private readonly service: HandoffService,
    private readonly notifier: Notifier,
    private readonly log: Logger,
    private readonly offers?: OfferMemory,
  ) {}

  /** The channel card of a new request; false when no channel is set or the post failed. */
  async postNew(handoff: Handoff): Promise<boolean> {
    // The fixes on the card stay askable for the offer book's whole lifetime from now.
    await this.offers?.remember(handoff.diagnosis.offers).catch((error: unknown) => {
      this.failed('handoff.offers-not-kept', handoff, error);
    });
    try {
      const posted = await this.notifier.postToHelpdesk(
        render(handoffTemplate, handoffCardData(handoff)),
      );
      if (!posted) return false;
      await this.service.recordChannelCard(handoff.id, posted);
      return true;
    } catch (error) {
      this.failed('handoff.channel-post-failed', handoff, error);
      return false;
    }
  }

  /** Edits the channel card to the request's current state, for everyone. */
  async updateChannel(handoff: Handoff): Promise<void> {
    if (!handoff.channelCard) return;
    try {
      await this.notifier.updateCard(
        handoff.channelCard,
        render(handoffTemplate, handoffCardData(handoff)),
      );
    } catch (error) {
      this.failed('handoff.channel-update-failed', handoff, error);
    }
  }

  /** Tells the asker in their chat; false when there is no chat or it could not be reached. */
  async tellAsker(handoff: Handoff, notice: HandoffNoticeData): Promise<boolean> {
    if (!handoff.askerChat) return false;
    try {
      await this.notifier.sendToChat(handoff.askerChat, render(handoffNoticeTemplate, notice));
      return true;
    } catch (error) {
      this.failed('handoff.asker-not-reached', handoff, error);
      return false;
    }
  }

  tellTaken(handoff: Handoff): Promise<boolean> {
    return this.tellAsker(handoff, takenNotice(handoff));
  }

  tellReply(handoff: Handoff): Promise<boolean> {
    return this.tellAsker(handoff, replyNotice(handoff));
  }

  tellReleased(handoff: Handoff): Promise<boolean> {
    return this.tellAsker(handoff, releasedNotice(handoff));
  }

  tellClosed(handoff: Handoff): Promise<boolean> {
    return this.tellAsker(handoff, closedNotice(handoff));
  }

  private failed(event: string, handoff: Handoff, error: unknown): void {
    this.log({
      level: 'warn',
      event,
      handoffId: handoff.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
