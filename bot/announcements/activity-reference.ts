/**
 * Reads where the bot can write back from an inbound Teams activity: the conversation, the
 * regional serviceUrl, the tenant, and who the user or team is.
 */
import type { Activity } from 'botbuilder';
import type { StoredReference } from '../../src/announcements/types';

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

/** The reference to store for this activity's conversation, or undefined when one is missing. */
export function referenceFrom(activity: Partial<Activity>): StoredReference | undefined {
  const tenantId = tenantIdOf(activity);
  const conversation = activity.conversation;
  const bot = activity.recipient;
  if (!activity.serviceUrl || !tenantId || !conversation?.id || !bot?.id) return undefined;
  const team = teamOf(activity);
  const type = conversation.conversationType;
  const conversationType =
    type === 'channel' || team ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const personal = conversationType === 'personal';
  return {
    serviceUrl: activity.serviceUrl,
    tenantId,
    // A channel post's conversation id may carry `;messageid=...`; the channel is the part before.
    conversationId: personal ? conversation.id : conversation.id.split(';')[0],
    conversationType,
    botId: bot.id,
    userId: personal ? activity.from?.id : undefined,
    userObjectId: personal ? activity.from?.aadObjectId : undefined,
    userName: personal ? activity.from?.name : undefined,
    teamId: team?.id,
    teamName: team?.name,
  };
}
