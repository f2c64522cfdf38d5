/**
 * One bot for the load bench, in its own process: `bot` is the real composition (bot/compose.ts)
 * on Azurite and the given sandbox tenant; `echo` is the smallest bot on the same stack (restify
 * + TeamsAdapter + teams-ai Application) that answers each message with its text. Both reply to a
 * local connector that counts activities without keeping them.
 *
 * Prints `@{"event":"ready",...}`, then answers stdin commands with one `@{...}` line each:
 * `memory` (process.memoryUsage) and `gc` (a full collection; needs --expose-gc).
 */
import { createInterface } from 'node:readline';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { composeBot } from '../bot/compose';
import { startBotServer } from '../bot/server';
import { parseConfig } from '../src/config';
import { LOCAL_TENANT } from '../src/sandbox/local-tenant';
import { SandboxCredential } from '../src/graph/credential';
import { startAzurite } from '../src/storage';
import { TenantRateLimits } from '../src/graph/rate-limiter';
import { LocalConnector } from '../test/support/local-connector';

async function main(): Promise<void> {
  const [kind, graphUrl] = process.argv.slice(2);
  const config = { ...parseConfig({}, LOCAL_TENANT), port: 0 };
  const connector = new LocalConnector({ keep: false });
  const connectorUrl = await connector.start();
  let server;
  if (kind === 'bot') {
    const azurite = await startAzurite({ inMemory: true });
    process.once('exit', () => void azurite.stop());
    const bot = composeBot(config, {
      storage: { connectionString: azurite.connectionString },
      graphBaseUrl: graphUrl,
      graphCredential: new SandboxCredential(),
      // The sandbox tenant runs with its limits off, so the bot does not pace for them either.
      graphLimits: new TenantRateLimits({ pacing: 'off' }),
    });
    server = await startBotServer({
      port: 0,
      adapter: bot.adapter,
      handleTurn: (context) => bot.app.run(context),
      probes: bot.probes,
    });
  } else {
    const adapter = new TeamsAdapter({
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.password,
      MicrosoftAppType: config.bot.type,
      MicrosoftAppTenantId: config.bot.tenantId,
    });
    const app = new Application<TurnState>({ adapter, botAppId: config.bot.appId });
    app.message(/.*/s, async (context) => {
      await context.sendActivity(context.activity.text ?? '');
    });
    server = await startBotServer({
      port: 0,
      adapter,
      handleTurn: (context) => app.run(context),
      probes: {},
    });
  }
  const say = (value: unknown): boolean => process.stdout.write(`@${JSON.stringify(value)}\n`);
  say({ event: 'ready', url: server.url, connectorUrl });
  createInterface({ input: process.stdin }).on('line', (command) => {
    if (command === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      say({ done: 1 });
    } else if (command === 'memory') {
      say(process.memoryUsage());
    } else if (command === 'replies') {
      say({ count: connector.count });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `load server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
