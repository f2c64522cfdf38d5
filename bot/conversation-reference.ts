import type { Activity, ConversationReference } from 'botbuilder';
import type { CompleteAddress, ConversationAddress, ConversationType } from '../src/conversation';

/**
 * The one reader and writer of conversation references: what an incoming Teams activity says
 * about where to write back, and the Bot Framework reference for a stored address.
 */

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
}

function channelData(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return data !== null && typeof data === 'object' ? (data as TeamsChannelData) : {};
}

export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? channelData(activity).tenant?.id;
}

export function teamOf(activity: Partial<Activity>): { id: string; name?: string } | undefined {
  const team = channelData(activity).team;
  return team?.id ? { id: team.id, name: team.name } : undefined;
}

/** A channel's top-level conversation id, without the `;messageid=` a reply thread adds. */
export function channelRoot(conversationId: string): string {
  return conversationId.split(';')[0];
}

function typeOf(activity: Partial<Activity>): ConversationType | undefined {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || teamOf(activity)) return 'channel';
  if (type === 'groupChat' || type === 'personal') return type;
  return undefined;
}

/**
 * Where to reply to this activity's conversation, as precisely as it came (a channel thread
 * stays a thread); undefined when the activity lacks a conversation or service URL.
 */
export function addressOf(activity: Partial<Activity>): ConversationAddress | undefined {
  const { conversation, serviceUrl } = activity;
  if (!conversation?.id || !serviceUrl) return undefined;
  const address: ConversationAddress = { serviceUrl, conversationId: conversation.id };
  if (activity.channelId) address.channelId = activity.channelId;
  const type = typeOf(activity);
  if (type) address.conversationType = type;
  const tenantId = tenantIdOf(activity);
  if (tenantId) address.tenantId = tenantId;
  if (activity.recipient?.id) address.botId = activity.recipient.id;
  if (type === 'personal' && activity.from?.id) {
    address.userId = activity.from.id;
    if (activity.from.aadObjectId) address.userObjectId = activity.from.aadObjectId;
    if (activity.from.name) address.userName = activity.from.name;
  }
  const team = teamOf(activity);
  if (team) {
    address.teamId = team.id;
    if (team.name) address.teamName = team.name;
  }
  return address;
}

/**
 * The conversation itself (a channel, not the thread), complete enough to keep for later
 * sends; undefined when the activity does not say the tenant or the bot's id.
 */
export function referenceFrom(activity: Partial<Activity>): CompleteAddress | undefined {
  const address = addressOf(activity);
  if (!address?.tenantId || !address.botId) return undefined;
  const conversationType = address.conversationType ?? 'personal';
  const reference: CompleteAddress = {
    ...address,
    tenantId: address.tenantId,
    botId: address.botId,
    conversationType,
  };
  if (conversationType !== 'personal')
    reference.conversationId = channelRoot(address.conversationId);
  delete reference.channelId;
  return reference;
}

/** The Bot Framework reference for a stored address; the bot id falls back to `28:<app id>`. */
export function toConversationReference(
  address: ConversationAddress,
  botAppId = '',
): Partial<ConversationReference> {
  const type = address.conversationType ?? 'personal';
  return {
    channelId: address.channelId ?? 'msteams',
    serviceUrl: address.serviceUrl,
    bot: { id: address.botId ?? (botAppId ? `28:${botAppId}` : ''), name: '' },
    user: address.userId ? { id: address.userId, name: address.userName ?? '' } : undefined,
    conversation: {
      id: address.conversationId,
      conversationType: type,
      tenantId: address.tenantId,
      isGroup: type !== 'personal',
      name: '',
    },
  };
}
