import * as restify from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TurnAdmission } from './edge/admission';
import { processAtEdge } from './edge/http';
import { observeTurn } from './observed-turn';

/** Result of one readiness probe: a part of the system and whether it answers. */
export interface PartState {
  state: 'up' | 'down';
  detail: string;
  /** Where the part lives (URL or endpoint); never a secret. */
  address?: string;
}

export type ReadinessProbe = () => Promise<PartState>;

export interface BotServerOptions {
  port: number;
  host?: string;
  adapter: TeamsAdapter;
  /** Runs one turn (the teams-ai Application's run). */
  handleTurn: (context: TurnContext) => Promise<unknown>;
  probes: Record<string, ReadinessProbe>;
  /** Longest a readiness probe may take before the part counts as down. */
  probeTimeoutMs?: number;
  /** Largest request body accepted on /api/messages. */
  maxBodyBytes?: number;
  /**
   * When true, /readyz answers 503 `starting` until `markStarted()`: the start command calls it
   * once its summary is printed, so a script that waits for ready can read the URLs.
   */
  holdReadiness?: boolean;
  /** Edge guards (bot/edge): tenant allow-list and limits, and what /readyz may tell whom. */
  edge?: {
    admission?: TurnAdmission;
    readiness?: (req: restify.Request, body: { status: string; parts: unknown }) => unknown;
  };
}

export interface BotServer {
  url: string;
  /** Lets /readyz report the parts' state (see `holdReadiness`). */
  markStarted(): void;
  /** Stops taking turns, waits for in-flight turns (up to `timeoutMs`), then closes. */
  drain(timeoutMs?: number): Promise<{ abandoned: number }>;
}

async function withTimeout(probe: ReadinessProbe, ms: number): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PartState>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'down', detail: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      probe().catch((error: unknown): PartState => ({
        state: 'down',
        detail: error instanceof Error ? error.message : String(error),
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The HTTP edge: POST /api/messages (Bot Framework activities), GET /healthz (the process is
 * alive) and GET /readyz (every part answers; 503 with the failing part otherwise).
 */
export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const server = restify.createServer({ name: 'signin-helpdesk', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 4 * 1024 * 1024 }));
  let inFlight = 0;
  let draining = false;
  let started = !options.holdReadiness;
  let idle: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight += 1;
    try {
      await processAtEdge(
        options.adapter,
        req,
        res,
        (context) => observeTurn(context, () => options.handleTurn(context).then(() => undefined)),
        options.edge?.admission,
      );
    } finally {
      inFlight -= 1;
      if (inFlight === 0 && idle) idle();
    }
  });

  // Liveness only: whoever can reach the port learns alive or draining, no counts or internals.
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: draining ? 'draining' : 'alive' });
  });

  server.get('/readyz', async (req, res) => {
    if (!started) {
      res.send(503, { status: 'starting', parts: {} });
      return;
    }
    const names = Object.keys(options.probes);
    const states = await Promise.all(
      names.map((name) => withTimeout(options.probes[name], options.probeTimeoutMs ?? 3000)),
    );
    const parts = Object.fromEntries(names.map((name, i) => [name, states[i]]));
    const ready = !draining && states.every((s) => s.state === 'up');
    const body = { status: ready ? 'ready' : 'not-ready', parts };
    res.send(ready ? 200 : 503, options.edge?.readiness?.(req, body) ?? body);
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address();
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url,
    markStarted() {
      started = true;
    },
    async drain(timeoutMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const abandoned = inFlight;
      // Keep-alive connections would hold close() open; in-flight turns are done or abandoned.
      server.server.closeAllConnections?.();
      await closed;
      return { abandoned };
    },
  };
}
