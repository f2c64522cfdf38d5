// First: it must be in place before restify loads (see the module).
import './known-warnings';
import * as path from 'node:path';
import { ConfigError, parseConfig, type AppConfig } from '../src/config';
import { createCredential } from '../src/graph/credential';
import { formatReport, summarize } from '../src/health';
import { configureLogging, getLogger, printError, printLine } from '../src/logging';
import { startTelemetry, type TelemetryHandle } from '../src/telemetry';
import { startAzurite, type AzuriteHandle } from '../src/storage/azurite';
import { publishLocalEndpoints, withdrawLocalEndpoints } from '../src/storage/local-endpoints';
import { LOCAL_TENANT } from '../src/sandbox/local-tenant';
import { startSandboxTenant, type SandboxTenant } from '../src/sandbox/server';
import { composeBot, type ComposedBot, type ResolvedParts } from './compose';
import { createEdge } from './edge';
import { startPlayground, type PlaygroundHandle } from './playground';
import { startBotServer, type BotServer } from './server';
import { StopSignals } from './stop-signals';

/**
 * Entry point. With no configuration it brings up everything a newcomer needs on this machine:
 * Azurite (persisted under the local data folder), the sandbox tenant, the bot and the Agents
 * Playground. With configuration it connects to the real services instead.
 */

interface LocalParts {
  azurite: AzuriteHandle;
  sandbox: SandboxTenant;
}

async function startLocalParts(config: AppConfig): Promise<LocalParts> {
  const azuriteDir = path.resolve(config.localDataDir, 'azurite');
  const azurite = await startAzurite({ location: azuriteDir });
  publishLocalEndpoints(azuriteDir, azurite.connectionString);
  try {
    const sandbox = await startSandboxTenant({ port: 5050 }).catch(() =>
      startSandboxTenant({ port: 0 }),
    );
    return { azurite, sandbox };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}

function productionParts(config: AppConfig): ResolvedParts {
  const credential = createCredential(config.graph.credential);
  if (config.storage.kind === 'connection-string') {
    return {
      storage: { connectionString: config.storage.connectionString },
      graphBaseUrl: config.graph.baseUrl,
      graphCredential: credential,
    };
  }
  if (config.storage.kind !== 'account-url') throw new Error('local storage in production mode');
  return {
    storage: { accountUrl: config.storage.accountUrl, credential },
    graphBaseUrl: config.graph.baseUrl,
    graphCredential: credential,
  };
}

/** What start-up has brought up so far, for stopping it (at any moment after `main` starts). */
interface Running {
  telemetry?: TelemetryHandle;
  local?: LocalParts;
  server?: BotServer;
  bot?: ComposedBot;
  background?: boolean;
  playground?: PlaygroundHandle;
}

/** Stops what is running: in-flight messages first, then the parts, the last started first. */
async function stopRunning(running: Running, localDataDir: string): Promise<void> {
  if (running.server) {
    const { abandoned } = await running.server.drain();
    if (abandoned > 0) printLine(`${abandoned} message(s) were still running and were abandoned.`);
  }
  if (running.background) await running.bot?.stopBackground();
  await running.playground?.stop();
  await running.local?.sandbox.close();
  await running.local?.azurite.stop();
  if (running.local) withdrawLocalEndpoints(path.resolve(localDataDir, 'azurite'));
  await running.telemetry?.stop();
}

export async function main(): Promise<void> {
  // Signals first: a stop asked for during start-up ends it cleanly (see stop-signals.ts).
  const signals = new StopSignals();
  signals.listen();
  let config: AppConfig;
  try {
    config = parseConfig(process.env, LOCAL_TENANT);
  } catch (error) {
    if (error instanceof ConfigError) {
      printError(error.message);
      process.exit(1);
    }
    throw error;
  }
  const running: Running = {};
  signals.stopWith(() => stopRunning(running, config.localDataDir));
  configureLogging({ level: config.observability.logLevel });
  const log = getLogger('main');
  const telemetry = await startTelemetry({
    connectionString: config.observability.appInsightsConnectionString,
  });
  running.telemetry = telemetry;
  if (signals.asked) return signals.stop();

  const local = config.mode === 'local' ? await startLocalParts(config) : undefined;
  running.local = local;
  if (signals.asked) return signals.stop();
  const parts: ResolvedParts = local
    ? {
        storage: { connectionString: local.azurite.connectionString },
        graphBaseUrl: local.sandbox.url,
        graphCredential: createCredential({ kind: 'sandbox' }),
      }
    : productionParts(config);

  const bot = composeBot(config, {
    ...parts,
    outboxDir: path.resolve(config.localDataDir, 'outbox'),
  });
  running.bot = bot;
  const server = await startBotServer({
    port: config.port,
    host: config.mode === 'local' ? '127.0.0.1' : '0.0.0.0',
    adapter: bot.adapter,
    handleTurn: (context) => bot.app.run(context),
    probes: bot.probes,
    holdReadiness: true,
    edge: createEdge(config),
  });
  running.server = server;
  if (signals.asked) return signals.stop();

  running.background = true;
  await bot.startBackground();
  if (signals.asked) return signals.stop();

  if (local) {
    running.playground = await startPlayground({
      botEndpoint: `${server.url}/api/messages`,
      configDir: process.cwd(),
    }).catch((error: unknown) => {
      log.warn('the Agents Playground could not start', { err: error });
      return undefined;
    });
    if (signals.asked) return signals.stop();
  }
  const playground = running.playground;

  const lines = [
    '',
    `Sign-in Helpdesk bot is running (${config.mode} mode).`,
    local ? '  Listening on 127.0.0.1 only (this machine), the Playground included.' : undefined,
    playground ? `  Open this URL to chat:  ${playground.url}` : undefined,
    `  Bot endpoint:           ${server.url}/api/messages`,
    `  Health / readiness:     ${server.url}/healthz  ${server.url}/readyz`,
    local ? `  Sandbox tenant (Graph): ${local.sandbox.url}/v1.0` : undefined,
    local
      ? `  Storage (Azurite):      ${local.azurite.tableEndpoint} (tables), ${local.azurite.blobEndpoint} (blobs), ${local.azurite.queueEndpoint} (queues)`
      : undefined,
    local ? `  Local data folder:      ${path.resolve(config.localDataDir)}` : undefined,
    '  Press Ctrl-C to stop.',
    '',
  ];
  printLine(lines.filter((l) => l !== undefined).join('\n'));

  // The self-check: one line per item with its fix; features lacking consent are switched off.
  const report = await bot.selfCheck();
  if (signals.asked) return signals.stop();
  printLine(['Self-check:', ...formatReport(report).map((l) => `  ${l}`), ''].join('\n'));
  log.info('self-check', { ...summarize(report), off: Object.keys(report.off) });
  log.info('started', { mode: config.mode, url: server.url, telemetry: telemetry.enabled });
  // Ready only once the self-check has switched features on or off.
  server.markStarted();
  signals.started();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    printError(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
