/**
 * ProactiveSender on botbuilder: a CloudAdapter of its own whose connector client makes exactly
 * one HTTP request per call (see connector-transport.ts), so the domain's limiter and retry
 * policy are the only ones at work. Sends use continueConversationAsync and opening a 1:1 chat
 * uses createConversationAsync, both with the bot's app id (an empty id only works with auth
 * off, as against a local connector).
 */
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type Activity,
  type ConversationParameters,
} from 'botbuilder';
import type {
  OpenOutcome,
  OutboundMessage,
  ProactiveSender,
  SendOutcome,
} from '../../src/announcements/ports';
import type { StoredReference } from '../../src/announcements/types';
import type { BotIdentityConfig } from '../../src/config';
import { toConversationReference } from '../conversation-reference';
import {
  ConnectorHttpError,
  createConnectorTransport,
  type ConnectorTransportOptions,
} from './connector-transport';

export function toActivity(message: OutboundMessage): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
  activity.summary = message.summary;
  return activity;
}

/** The part of botframework-connector's ConnectorClient used here. */
interface ConversationsApi {
  conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
    ): Promise<{ id?: string }>;
  };
}

function isConversationsApi(value: unknown): value is ConversationsApi {
  const conversations = (value as { conversations?: { sendToConversation?: unknown } } | null)
    ?.conversations;
  return typeof conversations?.sendToConversation === 'function';
}

/** Teams error bodies name the reason in `error.code` or, for 403s, in a nested JSON string. */
function mentions(body: string, ...needles: string[]): boolean {
  return needles.some((needle) => body.includes(needle));
}

/** Maps a failed connector call to what the domain does next. */
export function classifyFailure(error: unknown): Exclude<SendOutcome, { kind: 'sent' }> {
  if (!(error instanceof ConnectorHttpError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'transient', detail: `send failed before reaching the connector: ${detail}` };
  }
  const { status, body } = error;
  const detail = `${status}${body ? ` ${body.slice(0, 200)}` : ''}`;
  if (status === 429) return { kind: 'throttled', retryAfterMs: error.retryAfterMs };
  if (status === 0 || status === 408 || status === 412 || status >= 500) {
    return { kind: 'transient', status, detail: status === 0 ? error.message : detail };
  }
  if (status === 403) {
    if (
      mentions(
        body,
        'MessageWritesBlocked',
        '"errorCode":209',
        'ConversationBlockedByUser',
        'BotDisabledByAdmin',
      )
    ) {
      return { kind: 'permanent', reason: 'blocked', status, detail };
    }
    if (mentions(body, 'BotNotInConversationRoster')) {
      return { kind: 'permanent', reason: 'not-installed', status, detail };
    }
  }
  if (status === 404) return { kind: 'conversation-gone', detail };
  return { kind: 'permanent', reason: 'rejected', status, detail };
}

export class BotProactiveSender implements ProactiveSender {
  readonly adapter: CloudAdapter;
  private readonly appId: string;

  constructor(identity: BotIdentityConfig, transport: ConnectorTransportOptions = {}) {
    this.appId = identity.appId;
    const auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: identity.appId,
        MicrosoftAppPassword: identity.password,
        MicrosoftAppType: identity.type,
        MicrosoftAppTenantId: identity.tenantId,
      },
      undefined,
      undefined,
      undefined,
      { httpClient: createConnectorTransport(transport) },
    );
    this.adapter = new CloudAdapter(auth);
  }

  async send(reference: StoredReference, message: OutboundMessage): Promise<SendOutcome> {
    let activityId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        toConversationReference(reference),
        async (context) => {
          // A new message, not a reply: context.sendActivity would set replyToId to the id of
          // the synthetic continuation event, and a channel post should start its own thread.
          const connector: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
          if (!isConversationsApi(connector)) throw new Error('no connector client on the turn');
          const activity: Partial<Activity> = {
            ...toActivity(message),
            channelId: 'msteams',
            serviceUrl: reference.serviceUrl,
            from: { id: reference.botId, name: '' },
            conversation: toConversationReference(reference).conversation,
          };
          activityId = (
            await connector.conversations.sendToConversation(reference.conversationId, activity)
          ).id;
        },
      );
    } catch (error) {
      return classifyFailure(error);
    }
    return { kind: 'sent', activityId };
  }

  async update(
    reference: StoredReference,
    activityId: string,
    message: OutboundMessage,
  ): Promise<SendOutcome> {
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        toConversationReference(reference),
        async (context) => {
          await context.updateActivity({ ...toActivity(message), id: activityId });
        },
      );
    } catch (error) {
      return classifyFailure(error);
    }
    return { kind: 'sent', activityId };
  }

  async openPersonal(target: {
    userObjectId: string;
    tenantId: string;
    serviceUrl: string;
    botId: string;
  }): Promise<OpenOutcome> {
    // Teams wants the Entra object id in members[].id (aadObjectId alone is refused).
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: target.botId, name: '' },
      members: [{ id: target.userObjectId, name: '' }],
      tenantId: target.tenantId,
      channelData: { tenant: { id: target.tenantId } },
    };
    let conversationId: string | undefined;
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        'msteams',
        target.serviceUrl,
        '',
        parameters,
        async (context) => {
          conversationId = context.activity.conversation?.id;
        },
      );
    } catch (error) {
      return classifyFailure(error);
    }
    if (!conversationId) {
      return { kind: 'transient', detail: 'the connector returned no conversation id' };
    }
    return {
      kind: 'opened',
      reference: {
        serviceUrl: target.serviceUrl,
        tenantId: target.tenantId,
        botId: target.botId,
        conversationId,
        conversationType: 'personal',
        userObjectId: target.userObjectId,
      },
    };
  }
}
