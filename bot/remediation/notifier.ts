import {
  CardFactory,
  MessageFactory,
  TeamsInfo,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { GroupMembership } from '../../src/ports';
import type { ApproverView, CardJson, Logger, Notifier } from '../../src/remediation/ports';
import { REMEDIATION_VERBS } from '../../src/remediation/action-data';
import type { ChatAddress, PostedCard } from '../../src/remediation/types';
import type { HelpdeskChannel } from './channel';

/** What the notifier needs from the adapter: proactive turns (CloudAdapter / TeamsAdapter). */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** Teams shows automatic refresh to at most 60 listed users. */
const MAX_REFRESH_USERS = 60;
const MAX_ROSTER = 500;

/** A conversation reference for a stored address; the bot id falls back to Teams' 28:<app id>. */
export function referenceOf(address: ChatAddress, botAppId = ''): Partial<ConversationReference> {
  return {
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    conversation: {
      id: address.conversationId,
      conversationType: address.conversationType ?? 'personal',
      tenantId: address.tenantId,
      isGroup: address.conversationType === 'channel' || address.conversationType === 'groupChat',
      name: '',
    },
    bot: { id: address.botId ?? (botAppId ? `28:${botAppId}` : ''), name: '' },
    user: address.userId ? { id: address.userId, name: '' } : undefined,
  };
}

function cardActivity(card: CardJson) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * The Notifier over the Bot Framework: posts and edits the approval card in the helpdesk channel
 * and writes to a requester's 1:1 chat, each as a proactive turn.
 *
 * A pending card gets `refresh` with the approvers' Teams ids, so each of them automatically sees
 * their own view (with Approve and Reject) while everyone else sees the shared card; approvers are
 * the channel members in the approver groups, at most 60. When the roster cannot be read the list
 * is empty and the card's Review button gives the same per-person view on demand.
 */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly botAppId: string,
    private readonly channel: HelpdeskChannel,
    private readonly membership: GroupMembership,
    private readonly log: Logger,
  ) {}

  async postToHelpdesk(card: CardJson, view?: ApproverView): Promise<PostedCard | undefined> {
    const address = await this.channel.address();
    if (!address) return undefined;
    let activityId: string | undefined;
    await this.adapter.continueConversationAsync(
      this.botAppId,
      referenceOf(address, this.botAppId),
      async (context) => {
        const shown = view ? await this.withRefresh(context, card, view) : card;
        const sent = await context.sendActivity(cardActivity(shown));
        activityId = sent?.id;
      },
    );
    if (!activityId) throw new Error('the channel accepted the card but returned no activity id');
    return { address, activityId };
  }

  async updateCard(posted: PostedCard, card: CardJson, view?: ApproverView): Promise<void> {
    await this.adapter.continueConversationAsync(
      this.botAppId,
      referenceOf(posted.address, this.botAppId),
      async (context) => {
        const shown = view ? await this.withRefresh(context, card, view) : card;
        await context.updateActivity({ ...cardActivity(shown), id: posted.activityId });
      },
    );
  }

  async sendToChat(address: ChatAddress, card: CardJson): Promise<void> {
    await this.adapter.continueConversationAsync(
      this.botAppId,
      referenceOf(address, this.botAppId),
      async (context) => {
        await context.sendActivity(cardActivity(card));
      },
    );
  }

  private async withRefresh(
    context: TurnContext,
    card: CardJson,
    view: ApproverView,
  ): Promise<CardJson> {
    const userIds = await this.approverIds(context, view.approverGroupIds);
    return {
      ...card,
      refresh: {
        action: {
          type: 'Action.Execute',
          verb: REMEDIATION_VERBS.refresh,
          data: view.refreshData,
        },
        userIds,
      },
    };
  }

  /** Teams ids of the conversation members who are in an approver group. */
  private async approverIds(context: TurnContext, groupIds: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    try {
      let token: string | undefined;
      let seen = 0;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 100, token);
        for (const member of page.members) {
          seen += 1;
          if (!member.aadObjectId) continue;
          const groups = await this.membership.memberOf(member.aadObjectId, groupIds);
          if (groups.length > 0) ids.push(member.id);
          if (ids.length >= MAX_REFRESH_USERS) return ids;
        }
        token = page.continuationToken;
      } while (token && seen < MAX_ROSTER);
    } catch (error) {
      this.log({
        level: 'warn',
        event: 'remediation.roster-unavailable',
        message: error instanceof Error ? error.message : String(error),
      });
    }
    return ids;
  }
}
