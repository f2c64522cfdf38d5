import type { ApproverView, CardJson, Notifier } from '../../../bot/remediation/notifier';
import type { ChatAddress, PostedCard } from '../../../src/remediation/types';

export interface NotifierCall {
  type: 'post' | 'update' | 'chat';
  card: CardJson;
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

  of(type: NotifierCall['type']): NotifierCall[] {
    return this.calls.filter((call) => call.type === type);
  }
}
