import type { ComposedBot } from '../../bot/compose';
import type { BotServer } from '../../bot/server';
import { parseConfig, type AppConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../src/storage';
import type { Clock } from '../../src/ports';
import { composeLocalBot, postActivity, serveBot } from './local-bot';
import { LocalConnector, teamsMessage, type ReceivedActivity } from './local-connector';
import { cardText, hasAdaptiveCard } from './card-text';
import type { TeamsSender } from './teams-people';

export { teamsUser, TEAMS_PEOPLE, type TeamsSender } from './teams-people';

/**
 * The whole bot on real parts, as local mode runs it: Azurite (in memory), the sandbox tenant,
 * the teams-ai Application behind restify on a free port, and a local connector that receives
 * whatever the bot sends.
 */
export interface BotHarness {
  config: AppConfig;
  azurite: AzuriteHandle;
  sandbox: SandboxTenant;
  connector: LocalConnector;
  server: BotServer;
  /** The composed bot (its scheduled tasks can be run directly). */
  bot: ComposedBot;
  /** POSTs an activity to /api/messages and returns the HTTP status and body. */
  post(activity: Record<string, unknown>): Promise<{ status: number; body: string }>;
  /**
   * POSTs an activity (expecting 200) and resolves with the first message the bot writes back
   * into its conversation (with `card`, the first that carries an Adaptive Card).
   */
  exchange(activity: Record<string, unknown>, options?: ReplyOptions): Promise<ReceivedActivity>;
  /** A 1:1 message from `from` (see teamsUser), answered as `exchange` does. */
  say(text: string, from: TeamsSender, options?: ReplyOptions): Promise<ReceivedActivity>;
  stop(): Promise<void>;
}

export interface ReplyOptions {
  /** Wait only for a reply that carries an Adaptive Card. */
  card?: boolean;
  timeoutMs?: number;
}

/**
 * One bot on real parts for a whole mocha suite: started before its tests, stopped after them.
 * Returns the harness by call, since it exists only once `before` has run.
 */
export function useBotHarness(
  options: Parameters<typeof startBotHarness>[0] = {},
): () => BotHarness {
  let harness: BotHarness | undefined;
  before(async () => {
    harness = await startBotHarness(options);
  });
  after(async () => {
    await harness?.stop();
  });
  return () => {
    if (!harness) throw new Error('the bot harness is not started: call it inside a test');
    return harness;
  };
}

export async function startBotHarness(
  options: { background?: boolean; config?: Partial<AppConfig>; clock?: Clock } = {},
): Promise<BotHarness> {
  const azurite = await startAzurite({ inMemory: true });
  const sandbox = await startSandboxTenant({ port: 0 });
  const connector = new LocalConnector();
  await connector.start();
  const config = { ...parseConfig({}, LOCAL_TENANT), port: 0, ...options.config };
  const bot = composeLocalBot(config, {
    connectionString: azurite.connectionString,
    sandboxUrl: sandbox.url,
    clock: options.clock,
  });
  const server = await serveBot(bot);
  if (options.background) await bot.startBackground();
  const harness: BotHarness = {
    config,
    azurite,
    sandbox,
    connector,
    server,
    bot,
    post: (activity) => postActivity(server.url, activity),
    async exchange(activity, replyOptions = {}) {
      const conversationId = (activity.conversation as { id: string }).id;
      const { status, body } = await harness.post(activity);
      if (status !== 200) throw new Error(`the bot answered ${status}: ${body}`);
      return connector.waitFor(
        (a) =>
          a.conversationId === conversationId &&
          a.activity.type === 'message' &&
          (!replyOptions.card || hasAdaptiveCard(a.activity)),
        replyOptions.timeoutMs,
      );
    },
    say(text, from, replyOptions) {
      return harness.exchange(teamsMessage(connector.url, text, from), replyOptions);
    },
    async stop() {
      await server.drain(2000);
      await bot.stopBackground();
      await connector.stop();
      await sandbox.close();
      await azurite.stop();
    },
  };
  return harness;
}

/** The text of a reply that must be an Adaptive Card (a plain message fails the test). */
export function cardAnswer(reply: ReceivedActivity): string {
  if (!hasAdaptiveCard(reply.activity)) {
    throw new Error(
      `the reply is not an Adaptive Card: ${JSON.stringify(reply.activity).slice(0, 300)}`,
    );
  }
  return cardText(reply.activity);
}
