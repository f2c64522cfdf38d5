import {
  textActivity,
  type ApproverView,
  type CardJson,
  type MentionOf,
  type Notifier,
} from '../../../bot/remediation/notifier';
import type { ChatAddress, PostedCard } from '../../../src/remediation/types';

export interface NotifierCall {
  /** `text`: a plain line (sendText); its words are in `text`, and `card` is empty. */
  type: 'post' | 'update' | 'chat' | 'text';
  card: CardJson;
  text?: string;
  /** `text`: whom the line @mentions, and the activity the Teams notifier would send for it. */
  mention?: MentionOf;
  activity?: Record<string, unknown>;
  view?: ApproverView;
  posted?: PostedCard;
  address?: ChatAddress;
}

/** Records what would have been shown to people; posts get increasing activity ids. */
export class RecordingNotifier implements Notifier {
  readonly calls: NotifierCall[] = [];
  /** When false, postToHelpdesk answers "no channel configured". */
  channelConfigured = true;
  failWith?: Error;
  /** An edit this answers with an error is refused (as by a connector that lost the message). */
  refuseUpdate?: (posted: PostedCard) => Error | undefined;
  /** A plain line this answers with an error is not sent (the cards still are). */
  refuseText?: (address: ChatAddress) => Error | undefined;
  private next = 0;

  async postToHelpdesk(card: CardJson, view?: ApproverView): Promise<PostedCard | undefined> {
    if (this.failWith) throw this.failWith;
    if (!this.channelConfigured) return undefined;
    this.next += 1;
    const posted: PostedCard = {
      address: {
        channelId: 'msteams',
        serviceUrl: 'http://connector.test/',
        conversationId: '19:helpdesk@thread.tacv2',
        conversationType: 'channel',
      },
      activityId: `activity-${this.next}`,
    };
    this.calls.push({ type: 'post', card, view, posted });
    return posted;
  }

  async updateCard(posted: PostedCard, card: CardJson, view?: ApproverView): Promise<void> {
    if (this.failWith) throw this.failWith;
    const refused = this.refuseUpdate?.(posted);
    if (refused) throw refused;
    this.calls.push({ type: 'update', card, view, posted });
  }

  async sendToChat(address: ChatAddress, card: CardJson): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.calls.push({ type: 'chat', card, address });
  }

  async sendText(address: ChatAddress, text: string, mention?: MentionOf): Promise<void> {
    if (this.failWith) throw this.failWith;
    const refused = this.refuseText?.(address);
    if (refused) throw refused;
    const activity = textActivity(text, mention) as Record<string, unknown>;
    this.calls.push({
      type: 'text',
      card: {},
      text,
      address,
      activity,
      ...(mention && { mention }),
    });
  }

  of(type: NotifierCall['type']): NotifierCall[] {
    return this.calls.filter((call) => call.type === type);
  }
}
