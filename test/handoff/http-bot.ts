import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ComposedBot } from '../../bot/compose';
import type { BotServer } from '../../bot/server';
import { parseConfig, type AppConfig } from '../../src/config';
import type { Clock } from '../../src/ports';
import { DEMO_TENANT, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../src/storage';
import { executeActions } from '../cards/support/cases';
import { composeLocalBot, serveBot } from '../support/local-bot';
import { cardText } from '../support/card-text';
import { LocalConnector, type ReceivedActivity } from '../support/local-connector';

export const CHANNEL = '19:helpdesk-requests@thread.tacv2';
export const USERS = {
  member: { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' },
  agent: { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' },
  /** A chat that does not tell the person's Entra identity: the triage card answers. */
  visitor: { id: '29:visitor', aadObjectId: '', name: 'Visiting User' },
};
export type User = (typeof USERS)[keyof typeof USERS];

export interface Clicked {
  /** The invoke answered with a line of text (the clicked card stays). */
  line: string;
  /** The invoke answered with a card: its strings and its Action.Execute verbs. */
  text: string;
  verbs: string[];
  /** The card the invoke answered with, when it did. */
  card?: Record<string, unknown>;
}

/**
 * The whole bot (composeBot) behind restify on Azurite, the sandbox tenant and a local
 * connector; `restart()` stops it and composes a new one over the same storage.
 */
export interface HandoffHttpBot {
  azurite: AzuriteHandle;
  connector: LocalConnector;
  /** The sandbox tenant the bot reads, for a test that changes what the tenant says. */
  sandbox: SandboxTenant;
  restart(): Promise<void>;
  click(
    user: User,
    verb: string,
    data: Record<string, unknown>,
    channel?: boolean,
    conversationType?: string,
  ): Promise<Clicked>;
  /** Sends a message and returns the bot's next message to the same conversation. */
  say(user: User, text: string, channel?: boolean): Promise<ReceivedActivity>;
  /** The first activity to `where` by `method` whose card text matches. */
  next(where: string, text: RegExp, method?: string): Promise<ReceivedActivity>;
  stop(): Promise<void>;
}

export async function startHandoffBot(options: { clock?: Clock } = {}): Promise<HandoffHttpBot> {
  const azurite = await startAzurite({ inMemory: true });
  const sandbox: SandboxTenant = await startSandboxTenant({ port: 0 });
  const connector = new LocalConnector();
  await connector.start();
  const config: AppConfig = {
    ...parseConfig({}, LOCAL_TENANT),
    port: 0,
    helpdeskChannelId: CHANNEL,
  };
  let running: { bot: ComposedBot; server: BotServer } | undefined;

  async function start(): Promise<void> {
    const bot = composeLocalBot(config, {
      connectionString: azurite.connectionString,
      sandboxUrl: sandbox.url,
      clock: options.clock,
    });
    running = { bot, server: await serveBot(bot) };
  }

  async function stopBot(): Promise<void> {
    await running?.server.drain(2000);
    await running?.bot.stopBackground();
    running = undefined;
  }

  function base(user: User, channel: boolean) {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: user.aadObjectId
        ? { id: user.id, name: user.name, aadObjectId: user.aadObjectId }
        : { id: user.id, name: user.name },
      recipient: { id: '28:bot', name: 'Sign-in Helpdesk' },
      conversation: {
        id: channel ? CHANNEL : `a:personal-${user.id}`,
        conversationType: channel ? 'channel' : 'personal',
        tenantId: DEMO_TENANT.id,
      },
      channelData: { tenant: { id: DEMO_TENANT.id } },
      locale: 'en-US',
    };
  }

  async function post(activity: Record<string, unknown>): Promise<Record<string, unknown>> {
    assert.ok(running, 'the bot is running');
    const response = await fetch(`${running.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200);
    const body = await response.text();
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  }

  await start();
  return {
    azurite,
    connector,
    sandbox,
    async restart() {
      await stopBot();
      await start();
    },
    async click(user, verb, data, channel = false, conversationType) {
      const from = base(user, channel);
      if (conversationType) from.conversation.conversationType = conversationType;
      const answer = await post({
        ...from,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
      if (typeof answer.value === 'string') return { line: answer.value, text: '', verbs: [] };
      const card = answer.value as Record<string, unknown>;
      return {
        line: '',
        text: cardText({
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        }),
        verbs: executeActions(card).map((a) => String(a.verb)),
        card,
      };
    },
    async say(user, text, channel = false) {
      const since = connector.received.length;
      await post({ ...base(user, channel), type: 'message', text });
      const where = channel ? CHANNEL : `a:personal-${user.id}`;
      // Typing indicators are skipped: the answer is the next message.
      return connector.waitFor(
        (a) =>
          connector.received.indexOf(a) >= since &&
          a.conversationId === where &&
          a.method === 'POST' &&
          a.activity.type === 'message',
      );
    },
    next(where, text, method = 'POST') {
      return connector.waitFor(
        (a) => a.conversationId === where && a.method === method && text.test(cardText(a.activity)),
      );
    },
    async stop() {
      await stopBot();
      await connector.stop();
      await sandbox.close();
      await azurite.stop();
    },
  };
}

/** What a person got instead of an answer when one Graph read failed the whole answer. */
export const WHOLE_FAILURE =
  /asking the bot to slow down|did not answer properly|Many people are asking/;

/**
 * Mocha hooks for a suite whose Graph reads are made to fail: the bot on `clock`, started before
 * the suite and stopped after it; after each test the sandbox's faults are cleared and the clock
 * moved an hour on, past any 429's Retry-After.
 */
export function useFaultedHandoffBot(
  clock: Clock & { advance(ms: number): void },
): () => HandoffHttpBot {
  let bot: HandoffHttpBot | undefined;
  before(async () => {
    bot = await startHandoffBot({ clock });
  });
  after(async () => bot?.stop());
  afterEach(() => {
    bot?.sandbox.faults.clear();
    clock.advance(3_601_000);
  });
  return () => {
    assert.ok(bot, 'the bot is started in the suite before its tests');
    return bot;
  };
}
