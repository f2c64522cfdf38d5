import { composeBot, type ComposedBot } from '../../bot/compose';
import { startBotServer, type BotServerOptions, type BotServer } from '../../bot/server';
import type { AppConfig } from '../../src/config';
import { SandboxCredential } from '../../src/graph/credential';
import { TenantRateLimits } from '../../src/graph/rate-limiter';
import type { Clock } from '../../src/ports';

/**
 * The composed bot as local mode runs it, on parts a test started: the composition root on an
 * Azurite and the sandbox tenant, served by the real server on a free loopback port.
 */

export interface LocalParts {
  /** Azurite's connection string. */
  connectionString: string;
  /** The sandbox tenant's URL (the Graph root). */
  sandboxUrl: string;
  /** What the bot takes as now (remediation, its checks, diagnosis); the system clock if absent. */
  clock?: Clock;
  /**
   * The bot's own pacing of Graph's documented limits: off (the default here) for suites about
   * answers, whose sign-in reads would otherwise wait 2.4 s each for the log's 5-in-10-s pace on a
   * sandbox tenant that enforces no limit; `documented` where the pacing is what is tested.
   */
  pacing?: 'documented' | 'off';
}

export function composeLocalBot(config: AppConfig, parts: LocalParts): ComposedBot {
  return composeBot(config, {
    storage: { connectionString: parts.connectionString },
    graphBaseUrl: parts.sandboxUrl,
    graphCredential: new SandboxCredential(),
    clock: parts.clock,
    ...(parts.pacing === 'documented'
      ? {}
      : { graphLimits: new TenantRateLimits({ pacing: 'off', clock: parts.clock }) }),
  });
}

export interface ServeOptions {
  /** The edge guards (createEdge); none in plain local mode. */
  edge?: BotServerOptions['edge'];
  /** Called as each turn starts (counting the turns that got past the edge). */
  onTurn?: () => void;
}

export function serveBot(bot: ComposedBot, options: ServeOptions = {}): Promise<BotServer> {
  return startBotServer({
    port: 0,
    adapter: bot.adapter,
    handleTurn: (context) => {
      options.onTurn?.();
      return bot.app.run(context);
    },
    probes: bot.probes,
    edge: options.edge,
  });
}

/** POSTs an activity to /api/messages and returns the HTTP status and body. */
export async function postActivity(
  serverUrl: string,
  activity: Record<string, unknown>,
  authorization?: string,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization !== undefined) headers.Authorization = authorization;
  const response = await fetch(`${serverUrl}/api/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}
