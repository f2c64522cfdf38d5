import {
  CardFactory,
  MessageFactory,
  TeamsInfo,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { GroupMembership } from '../../src/ports';
import { retryAfterMs } from '../../src/retry-after';
import { toConversationReference } from '../conversation-reference';
import type { Logger } from '../../src/remediation/ports';
import { RefusedForNow } from '../../src/remediation/tell-requester';
import type { ChatAddress, PostedCard } from '../../src/remediation/types';
import type { HelpdeskChannel } from './channel';

/** An Adaptive Card as JSON, rendered with cards/; the channel only carries it. */
export type CardJson = Record<string, unknown>;

/** Asks the channel to show approver-only buttons: who the approvers are and how to refresh. */
export interface ApproverView {
  /** Groups whose members get the approver view (the channel resolves them to at most 60 users). */
  approverGroupIds: readonly string[];
  /** Action.Execute data for the refresh that produces each viewer's own card. */
  refreshData: Record<string, unknown>;
}

/**
 * Where the bot shows cards to people outside a turn: the helpdesk channel and a person's own
 * chat. Used by remediation's announcer and the incident cards; recorded in tests.
 */
export interface Notifier {
  /** Posts a card to the helpdesk channel; undefined when no channel is configured. */
  postToHelpdesk(card: CardJson, view?: ApproverView): Promise<PostedCard | undefined>;
  /** Replaces a posted card for everyone who sees it. */
  updateCard(posted: PostedCard, card: CardJson, view?: ApproverView): Promise<void>;
  /** Sends a card to a person's chat with the bot. */
  sendToChat(address: ChatAddress, card: CardJson): Promise<void>;
  /**
   * Sends one line of plain text to a conversation (a new message: Teams alerts for it). With
   * `mention`, the line starts with an @mention of that person (`id`: their Teams account id,
   * `29:...`, or their Entra object id), so that in a group chat or channel Teams alerts them.
   */
  sendText(address: ChatAddress, text: string, mention?: MentionOf): Promise<void>;
}

/** Whom a line @mentions. */
export type MentionOf = { id: string; name?: string };

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

function cardActivity(card: CardJson) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * A line of text; with a mention, Teams' form of one: `<at>Name</at>` in the text and an entity
 * of type `mention` whose `text` is that same tag and whose `mentioned` is the person's id and
 * name (Teams matches the two by the tag). Such a line is not sent as plain text, which would
 * show the tag as typed; nothing in it comes from what people typed.
 */
export function textActivity(text: string, mention?: MentionOf): Partial<Activity> {
  if (!mention) return { ...MessageFactory.text(text), textFormat: 'plain' };
  const name = (mention.name ?? '').replace(/[<>&]/g, '').trim() || 'Requester';
  const tag = `<at>${name}</at>`;
  return {
    ...MessageFactory.text(`${tag} ${text}`),
    entities: [{ type: 'mention', text: tag, mentioned: { id: mention.id, name } }],
  };
}

/** Answers Teams refused for now (busy), as the connector client reports them. */
const FOR_NOW = new Set([429, 502, 503, 504]);

/**
 * A connector refusal that is only for now (429, 502, 503, 504) as RefusedForNow, with the
 * Retry-After it sent (seconds or a date); anything else (403, 404, 400: the message is gone or
 * the bot may not write there) as it is.
 */
export function refusedForNowOrAsIs(error: unknown, now: () => number = Date.now): unknown {
  const failed = error as {
    statusCode?: number;
    response?: { status?: number; headers?: unknown };
  } | null;
  const status = failed?.statusCode ?? failed?.response?.status;
  if (status === undefined || !FOR_NOW.has(status)) return error;
  return new RefusedForNow(error, retryAfterOf(failed?.response?.headers, now()));
}

/** The Retry-After of a refusal, from headers as the connector client gives them (either form). */
function retryAfterOf(headers: unknown, now: number): number | undefined {
  const read = headers as { get?: (name: string) => string | undefined | null } | undefined;
  const value =
    typeof read?.get === 'function'
      ? read.get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  return retryAfterMs(value, now);
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
    await this.proactive(address, async (context) => {
      const shown = view ? await this.withRefresh(context, card, view) : card;
      const sent = await context.sendActivity(cardActivity(shown));
      activityId = sent?.id;
    });
    if (!activityId) throw new Error('the channel accepted the card but returned no activity id');
    return { address, activityId };
  }

  async updateCard(posted: PostedCard, card: CardJson, view?: ApproverView): Promise<void> {
    await this.proactive(posted.address, async (context) => {
      const shown = view ? await this.withRefresh(context, card, view) : card;
      await context.updateActivity({ ...cardActivity(shown), id: posted.activityId });
    });
  }

  async sendToChat(address: ChatAddress, card: CardJson): Promise<void> {
    await this.proactive(address, async (context) => {
      await context.sendActivity(cardActivity(card));
    });
  }

  async sendText(address: ChatAddress, text: string, mention?: MentionOf): Promise<void> {
    await this.proactive(address, async (context) => {
      await context.sendActivity(textActivity(text, mention));
    });
  }

  /**
   * One proactive turn whose failure reaches the caller. The adapter hands an error thrown in a
   * turn to its turn error handler (app.error), which would post "Something went wrong" into the
   * very conversation and report the delivery as made; caught here, the error is thrown after
   * the turn instead, so the caller can retry or tell the person another way.
   */
  private async proactive(
    address: ChatAddress,
    work: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(
      this.botAppId,
      toConversationReference(address, this.botAppId),
      async (context) => {
        try {
          await work(context);
        } catch (error) {
          failure = { error };
        }
      },
    );
    if (failure) throw failure.error;
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
          verb: 'request.refresh',
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
