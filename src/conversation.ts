/**
 * Where the bot can write to a conversation again, outside a turn: the one model of a
 * conversation reference for every proactive send (remediation's approval cards and messages to
 * requesters, announcements, incident cards). Stored as plain JSON with the records that need
 * it; bot/conversation-reference.ts reads one from an incoming activity and turns it back into a
 * Bot Framework reference.
 */

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export type ConversationAddress = {
  /** The regional connector URL Teams gave on the way in. */
  serviceUrl: string;
  /** A 1:1 or group chat id, a channel id, or a channel thread (`...;messageid=...`). */
  conversationId: string;
  conversationType?: ConversationType;
  tenantId?: string;
  /** The bot's id in this conversation (`28:<app id>`); the app id gives it when absent. */
  botId?: string;
  /** The channel, `msteams` when absent. */
  channelId?: string;
  /** The user's per-bot id (`29:...`) in a personal conversation. */
  userId?: string;
  /** The user's Entra object id in a personal conversation. */
  userObjectId?: string;
  userName?: string;
  teamId?: string;
  teamName?: string;
};

/** An address complete enough for any send without further knowledge (announcements keep these). */
export type CompleteAddress = ConversationAddress & {
  tenantId: string;
  botId: string;
  conversationType: ConversationType;
};

/** A card the bot posted, so it can be edited for everyone later. */
export type PostedCard = { address: ConversationAddress; activityId: string };
