import { composeBot, type ComposedBot } from '../../bot/compose';
import { startBotServer, type BotServer } from '../../bot/server';
import { parseConfig, type AppConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { SandboxCredential } from '../../src/graph/credential';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { startAzurite, type AzuriteHandle } from '../../src/storage';
import { LocalConnector } from './local-connector';
import type { Clock } from '../../src/ports';

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
  stop(): Promise<void>;
}

/** The composed bot behind restify on a free port, over the given storage and tenant. */
export async function serveBot(
  config: AppConfig,
  azurite: AzuriteHandle,
  sandbox: SandboxTenant,
  clock?: Clock,
): Promise<{ bot: ComposedBot; server: BotServer }> {
  const bot = composeBot(config, {
    storage: { connectionString: azurite.connectionString },
    graphBaseUrl: sandbox.url,
    graphCredential: new SandboxCredential(),
    clock,
  });
  const server = await startBotServer({
    port: 0,
    adapter: bot.adapter,
    handleTurn: (context) => bot.app.run(context),
    probes: bot.probes,
  });
  return { bot, server };
}

export async function startBotHarness(
  options: { background?: boolean; config?: Partial<AppConfig>; clock?: Clock } = {},
): Promise<BotHarness> {
  const azurite = await startAzurite({ inMemory: true });
  const sandbox = await startSandboxTenant({ port: 0 });
  const connector = new LocalConnector();
  await connector.start();
  const config = { ...parseConfig({}, LOCAL_TENANT), port: 0, ...options.config };
  const { bot, server } = await serveBot(config, azurite, sandbox, options.clock);
  if (options.background) await bot.startBackground();
  return {
    config,
    azurite,
    sandbox,
    connector,
    server,
    bot,
    async post(activity) {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    async stop() {
      await server.drain(2000);
      await bot.stopBackground();
      await connector.stop();
      await sandbox.close();
      await azurite.stop();
    },
  };
}
