/**
 * One bot for the load bench, in its own process: `bot` is the real composition (bot/compose.ts)
 * on Azurite (its own child process) and the given sandbox tenant; `echo` is the smallest bot on
 * the same stack (restify + TeamsAdapter + teams-ai Application) that answers each message with
 * its text. Both reply to the connector named in each activity (bench/load-services.ts, another
 * process).
 *
 * Prints `@{"event":"ready",...}`, then answers stdin commands with one `@{...}` line each:
 * `memory` (process.memoryUsage), `gc` (a full collection; needs --expose-gc), `cpu` (this
 * process's own CPU time, process.cpuUsage) and `counts` (HTTP requests this process has sent,
 * by the port they went to: Azurite's, the sandbox tenant's, the connector's) and `profile <name>`
 * (starts, then writes, a CPU profile; see `profile` below); `marks on` / `marks` (start, then
 * take, the turns' stamps and connections: bench/load-turns.ts); `alloc on` / `alloc` (start,
 * then take, bytes allocated and collections: bench/load-alloc.ts); `heap <name>` (starts, then
 * writes and summarises, a sampling heap profile with BENCH_HEAP_PROF).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createInterface } from 'node:readline';
import { watchStalls } from './load-stalls';
import { stampTurns } from './load-turns';
import { gcCounter, heapSampling } from './load-alloc';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { composeBot } from '../bot/compose';
import { ReusedClientsTeamsAdapter } from '../bot/edge/reused-clients';
import { startBotServer } from '../bot/server';
import { parseConfig } from '../src/config';
import { LOCAL_TENANT } from '../src/sandbox/local-tenant';
import { SandboxCredential } from '../src/graph/credential';
import { startAzurite } from '../src/storage';
import { TenantRateLimits } from '../src/graph/rate-limiter';
import { triage } from '../src/triage';

/** Outgoing HTTP requests by destination port (node:http and fetch both counted). */
const sent: Record<string, number> = {};
function countSent(port: string): void {
  sent[port] = (sent[port] ?? 0) + 1;
}
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: ClientRequest };
  const port = String(request.getHeader('host') ?? '').replace(/^.*:/, '');
  countSent(port);
  // BENCH_TRACE_REQUESTS=1: also counted by port, method and path (ids and keys cut off).
  if (process.env.BENCH_TRACE_REQUESTS) {
    const path = request.path
      .replace(/[(?].*$/, '')
      .split('/')
      .slice(0, 3)
      .join('/');
    countSent(`${port} ${request.method} ${path}`);
  }
});
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { origin: string; method: string; path: string } };
  const port = new URL(request.origin).port;
  countSent(port);
  if (process.env.BENCH_TRACE_REQUESTS) {
    countSent(`${port} ${request.method} ${request.path.replace(/[(?].*$/, '')}`);
  }
});

/**
 * `profile <name>` starts a CPU profile of this process; the next `profile <name>` writes it to
 * BENCH_CPU_PROF/<kind>-<name>.cpuprofile (one profile a phase). Without BENCH_CPU_PROF, nothing.
 */
let profiling: Session | undefined;
async function profile(name: string): Promise<void> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return;
  const post = (method: string): Promise<unknown> =>
    new Promise((resolve, reject) =>
      profiling!.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  if (!profiling) {
    profiling = new Session();
    profiling.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return;
  }
  const { profile: taken } = (await post('Profiler.stop')) as { profile: unknown };
  profiling.disconnect();
  profiling = undefined;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.argv[2]}-${name}.cpuprofile`), JSON.stringify(taken));
}

async function main(): Promise<void> {
  const [kind, graphUrl] = process.argv.slice(2);
  // TRIAGE_THREADS passes through (0: pastes read on the event loop, to compare).
  const threads = process.env.TRIAGE_THREADS;
  const config = {
    ...parseConfig(threads === undefined ? {} : { TRIAGE_THREADS: threads }, LOCAL_TENANT),
    port: 0,
  };
  let server;
  let ports: Record<string, string> = {};
  if (kind === 'bot') {
    const azurite = await startAzurite({ inMemory: true });
    process.once('exit', () => void azurite.stop());
    ports = {
      table: new URL(azurite.tableEndpoint).port,
      queue: new URL(azurite.queueEndpoint).port,
      blob: new URL(azurite.blobEndpoint).port,
    };
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
    // BENCH_ECHO_REUSED_CLIENTS=1: the echo bot keeps its clients between turns as the bot does
    // (bot/edge/reused-clients.ts); by default it is the SDK as it comes.
    const Adapter =
      process.env.BENCH_ECHO_REUSED_CLIENTS === '1' ? ReusedClientsTeamsAdapter : TeamsAdapter;
    const adapter = new Adapter({
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.password,
      MicrosoftAppType: config.bot.type,
      MicrosoftAppTenantId: config.bot.tenantId,
    });
    const app = new Application<TurnState>({ adapter, botAppId: config.bot.appId });
    // BENCH_ECHO_TRIAGE=1: the echo bot also triages each text (and ignores the result), to
    // tell triage's own cost from what else a triage-only turn of the bot costs.
    const triageToo = process.env.BENCH_ECHO_TRIAGE === '1';
    app.message(/.*/s, async (context) => {
      if (triageToo) triage(context.activity.text ?? '');
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
  const stalls = watchStalls();
  const marks = stampTurns('in', 'out');
  const allocation = gcCounter();
  say({ event: 'ready', url: server.url, pid: process.pid, ports });
  createInterface({ input: process.stdin }).on('line', (command) => {
    if (command === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      say({ done: 1 });
    } else if (command === 'memory') {
      say(process.memoryUsage());
    } else if (command === 'cpu') {
      const { user, system } = process.cpuUsage();
      say({ user, system });
    } else if (command === 'counts') {
      say(sent);
    } else if (command === 'stalls' || command === 'stalls ticks') {
      say(stalls.take(command === 'stalls ticks'));
    } else if (command === 'marks on' || command === 'alloc on') {
      (command === 'marks on' ? marks : allocation).start();
      say({ done: 1 });
    } else if (command === 'marks') {
      say(marks.take());
    } else if (command === 'alloc') {
      say(allocation.take());
    } else if (command.startsWith('snapshot ')) {
      // BENCH_HEAP_SNAPSHOT=<dir>: a full heap snapshot (after a forced collection) for
      // bench/heap-summary.ts; without it, nothing.
      const dir = process.env.BENCH_HEAP_SNAPSHOT;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        (globalThis as { gc?: () => void }).gc?.();
        const name = command.slice('snapshot '.length);
        writeHeapSnapshot(join(dir, `${process.argv[2]}-${name}.heapsnapshot`));
      }
      say({ done: 1 });
    } else if (command.startsWith('heap ')) {
      void heapSampling(command.slice('heap '.length)).then((summary) => say(summary ?? {}));
    } else if (command.startsWith('profile ')) {
      void profile(command.slice('profile '.length)).then(() => say({ done: 1 }));
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
