/**
 * Turn throughput: autocannon drives /api/messages with real pastes (test/fixtures/triage/
 * dev-set.jsonl) through a full turn of the real bot (triage, diagnosis against the sandbox tenant
 * with its limits off and the bot's own Graph pacing off to match, card render, reply to a local
 * connector; requests and pastes on Azurite), and, in the same run, a minimal echo bot on the
 * same stack (restify + TeamsAdapter + teams-ai Application).
 *
 * Each bot runs in its own child process (so its memory and CPU time are its own); Azurite runs
 * in its own, and the sandbox tenant with the connector in another (bench/load-services.ts), so
 * no stand-in for a remote service shares the bot's event loop or the load generator's. Phases:
 * echo, the bot with every paste, the bot with the pastes triage alone answers (labelled
 * unrelated; the Graph calls counted during that phase check it), then a memory run
 * of --messages turns on the bot (0: none) with heap and RSS sampled after a forced collection.
 * Each phase also prints what a turn cost the bot process: its own CPU time (process.cpuUsage,
 * which the other processes do not inflate), Graph requests and `$batch` items, Azurite round
 * trips, bytes sent to the connector and log lines. The last line is one JSON object.
 *
 *   tsx bench/load.ts [--seconds 15] [--connections 16] [--messages 5000]
 *   BENCH_TRACE_REQUESTS=1 also prints the bot's requests a turn by method and path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEMO_USERS } from '../src/sandbox/demo-ids';
import { teamsMessage } from '../test/support/local-connector';

interface Args {
  seconds: number;
  connections: number;
  messages: number;
}

function parseArgs(argv: string[]): Args {
  const number = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const value = Number(argv[at + 1]);
    if (!Number.isFinite(value) || value < 0 || (value === 0 && name !== 'messages')) {
      throw new Error(`--${name}: expected a positive number, got ${argv[at + 1]}`);
    }
    return value;
  };
  return {
    seconds: number('seconds', 15),
    connections: Math.floor(number('connections', 16)),
    messages: Math.floor(number('messages', 5_000)),
  };
}

const MEMBER = { id: '29:bench-member', aadObjectId: DEMO_USERS.member.id, name: 'Bench member' };

/** A child process speaking the bench's line protocol: `@{json}` lines answer stdin commands. */
interface Child {
  child: ChildProcess;
  ready: Record<string, unknown>;
  /** Lines the child printed that were not protocol lines (its log). */
  logLines(): number;
  call(command: string): Promise<Record<string, number>>;
}

async function spawnChild(name: string, script: string, args: string[], flags: string[]) {
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', join(__dirname, script), ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const pending: ((m: Record<string, number>) => void)[] = [];
  let ready: (m: Record<string, unknown>) => void = () => undefined;
  const started = new Promise<Record<string, unknown>>((r) => (ready = r));
  let logLines = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@')) {
      logLines += 1;
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  [${name}] ${line}\n`);
      return;
    }
    const message = JSON.parse(line.slice(1)) as Record<string, unknown>;
    if (message.event === 'ready') ready(message);
    else pending.shift()?.(message as Record<string, number>);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logLines += 1;
    if (process.env.BENCH_VERBOSE || /Error|error/.test(line)) {
      process.stderr.write(`  [${name}] ${line}\n`);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`${name} exited (code ${code}) before it was ready`)),
    ),
  );
  const message = await Promise.race([started, exited]);
  return {
    child,
    ready: message,
    logLines: () => logLines,
    call: (command: string) =>
      new Promise<Record<string, number>>((resolve) => {
        pending.push(resolve);
        child.stdin!.write(`${command}\n`);
      }),
  } satisfies Child;
}

interface Served extends Child {
  url: string;
  connectorUrl: string;
  /** Azurite's ports (the bot only), to tell its round trips from other requests. */
  ports: Record<string, string>;
}

/** Starts `bench/load-server.ts` (a bot) in a child process and waits for its address. */
async function serve(
  kind: 'bot' | 'echo',
  graphUrl: string,
  connectorUrl: string,
): Promise<Served> {
  const flags = [
    '--expose-gc',
    // BENCH_CPU_PROF=<dir> writes a CPU profile of each bot process when it ends.
    ...(process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : []),
  ];
  const started = await spawnChild(kind, 'load-server.ts', [kind, graphUrl], flags);
  return {
    ...started,
    url: started.ready.url as string,
    connectorUrl,
    ports: (started.ready.ports ?? {}) as Record<string, string>,
  };
}

interface Phase {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon against /api/messages, each request a new activity from `texts`. */
async function drive(
  target: Served,
  texts: string[],
  options: { seconds?: number; amount?: number; connections: number },
): Promise<Phase> {
  let next = 0;
  const body = (): string => {
    const text = texts[next % texts.length];
    next += 1;
    // A conversation per sender keeps per-conversation state small and realistic.
    return JSON.stringify(teamsMessage(target.connectorUrl, text, MEMBER, `a:bench-${next % 500}`));
  };
  const result = await autocannon({
    url: `${target.url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function loadPastes(): { text: string; intent: string }[] {
  const file = join(__dirname, '..', 'test', 'fixtures', 'triage', 'dev-set.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; intent: string });
}

/** What one turn cost, averaged over a phase: the bot process's own CPU and what it sent. */
interface PerTurn {
  cpuMs: number;
  graphRequests: number;
  batchItems: number;
  tableRoundTrips: number;
  queueRoundTrips: number;
  connectorActivities: number;
  activityBytes: number;
  logLines: number;
}

/** Runs a phase and divides what the bot and the services counted during it by its turns. */
async function measured(
  target: Served,
  services: Child,
  run: () => Promise<Phase>,
): Promise<Phase & { perTurn: PerTurn }> {
  const snapshot = async () => ({
    cpu: await target.call('cpu'),
    sent: await target.call('counts'),
    services: await services.call('counts'),
    logLines: target.logLines(),
  });
  const before = await snapshot();
  const phase = await run();
  const after = await snapshot();
  const turns = Math.max(1, phase.requests);
  const per = (n: number, digits = 2): number =>
    Math.round((n / turns) * 10 ** digits) / 10 ** digits;
  const sentTo = (port: string | undefined): number =>
    port === undefined ? 0 : (after.sent[port] ?? 0) - (before.sent[port] ?? 0);
  const delta = (key: string): number => after.services[key] - before.services[key];
  if (process.env.BENCH_TRACE_REQUESTS) {
    for (const key of Object.keys(after.sent).filter((k) => k.includes(' '))) {
      const n = per(sentTo(key));
      if (n > 0) process.stdout.write(`    ${n} a turn: ${key}\n`);
    }
  }
  const cpuUs = after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
  return {
    ...phase,
    perTurn: {
      cpuMs: per(cpuUs / 1000, 3),
      graphRequests: per(delta('graphRequests')),
      batchItems: per(delta('batchItems')),
      tableRoundTrips: per(sentTo(target.ports.table)),
      queueRoundTrips: per(sentTo(target.ports.queue)),
      connectorActivities: per(delta('connectorActivities')),
      activityBytes: per(delta('connectorBytes'), 0),
      logLines: per(after.logLines - before.logLines),
    },
  };
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pastes = loadPastes();
  // The sandbox tenant and the connector in a process of their own; Azurite in its own (started
  // by the bot's process); each bot in its own; autocannon in this one.
  const services = await spawnChild('services', 'load-services.ts', [], []);
  const graphUrl = services.ready.graphUrl as string;
  const connectorUrl = services.ready.connectorUrl as string;
  const bot = await serve('bot', graphUrl, connectorUrl);
  const echo = await serve('echo', graphUrl, connectorUrl);
  const children = [bot.child, echo.child, services.child];
  process.once('SIGTERM', () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(1);
  });
  try {
    process.stdout.write(
      `load bench: ${pastes.length} pastes, ${args.connections} connections, ${args.seconds} s a phase, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(2)} before the run)\n`,
    );
    // Pastes labelled unrelated are answered by triage alone; the Graph calls the sandbox saw
    // during that phase are printed, so the claim is checked, not assumed.
    const triageOnly = pastes.filter((p) => p.intent === 'unrelated').map((p) => p.text);
    const texts = pastes.map((p) => p.text);
    const timed = { seconds: args.seconds, connections: args.connections };
    const warmUp = { seconds: 3, connections: args.connections };

    await drive(echo, texts, warmUp);
    const echoPhase = await measured(echo, services, () => drive(echo, texts, timed));
    await drive(bot, texts, warmUp);
    const fullPhase = await measured(bot, services, () => drive(bot, texts, timed));
    const triagePhase = await measured(bot, services, () => drive(bot, triageOnly, timed));
    const line = (name: string, p: Phase & { perTurn: PerTurn }): void => {
      const t = p.perTurn;
      process.stdout.write(
        `${name}: ${p.rps} turns/s, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms (${p.requests} requests, ${p.non2xx} non-2xx, ${p.errors} errors)\n` +
          `    a turn: ${t.cpuMs} ms CPU in the bot process; ${t.graphRequests} Graph requests (${t.batchItems} $batch items), ${t.tableRoundTrips} Table and ${t.queueRoundTrips} Queue round trips, ${t.connectorActivities} activities sent (${t.activityBytes} bytes), ${t.logLines} log lines\n`,
      );
    };
    line('echo bot        ', echoPhase);
    line('bot, all pastes ', fullPhase);
    line('bot, triage-only', triagePhase);
    const ratio = Math.round((fullPhase.rps / echoPhase.rps) * 1000) / 1000;
    const triageRatio = Math.round((triagePhase.rps / echoPhase.rps) * 1000) / 1000;
    const cpuRatio = Math.round((echoPhase.perTurn.cpuMs / fullPhase.perTurn.cpuMs) * 1000) / 1000;
    process.stdout.write(
      `ratio (bot / echo): ${ratio} all pastes, ${triageRatio} triage-only; bot-process CPU a turn, echo / bot: ${cpuRatio}\n`,
    );

    // Memory: heap and RSS after a forced collection, every tenth of the run, over full turns
    // (every paste, most of them diagnosing the sender on the sandbox tenant).
    let memory: { rssGrowthMb: number; heapGrowthMb: number; rssSwingMb: number } | undefined;
    if (args.messages > 0) {
      await bot.call('gc');
      const start = await bot.call('memory');
      const samples: { rss: number; heap: number }[] = [];
      const step = Math.max(1, Math.floor(args.messages / 10));
      const began = Date.now();
      for (let sent = 0; sent < args.messages; sent += step) {
        await drive(bot, texts, { amount: step, connections: args.connections });
        await services.call('clear');
        await bot.call('gc');
        const now = await bot.call('memory');
        samples.push({ rss: mb(now.rss), heap: mb(now.heapUsed) });
      }
      const last = samples[samples.length - 1];
      const rssAll = [mb(start.rss), ...samples.map((s) => s.rss)];
      memory = {
        rssGrowthMb: Math.round((last.rss - mb(start.rss)) * 10) / 10,
        heapGrowthMb: Math.round((last.heap - mb(start.heapUsed)) * 10) / 10,
        rssSwingMb: Math.round((Math.max(...rssAll) - Math.min(...rssAll)) * 10) / 10,
      };
      const minutes = ((Date.now() - began) / 60_000).toFixed(1);
      process.stdout.write(
        `memory over ${args.messages} turns (${minutes} min), after a forced collection every ${step}:\n` +
          `    heapUsed ${mb(start.heapUsed)} MB → ${samples.map((s) => s.heap).join(' → ')} MB (growth ${memory.heapGrowthMb} MB)\n` +
          `    RSS ${mb(start.rss)} MB → ${samples.map((s) => s.rss).join(' → ')} MB (growth ${memory.rssGrowthMb} MB, swing ${memory.rssSwingMb} MB)\n`,
      );
    }
    const perTurn = (p: Phase & { perTurn: PerTurn }) => p.perTurn;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'load',
        ratio,
        rps: fullPhase.rps,
        echoRps: echoPhase.rps,
        p50Ms: fullPhase.p50Ms,
        p99Ms: fullPhase.p99Ms,
        echoP50Ms: echoPhase.p50Ms,
        echoP99Ms: echoPhase.p99Ms,
        triageOnlyRatio: triageRatio,
        triageOnlyRps: triagePhase.rps,
        triageOnlyP50Ms: triagePhase.p50Ms,
        triageOnlyP99Ms: triagePhase.p99Ms,
        cpuMsPerTurn: {
          echo: perTurn(echoPhase).cpuMs,
          full: perTurn(fullPhase).cpuMs,
          triageOnly: perTurn(triagePhase).cpuMs,
        },
        fullTurn: perTurn(fullPhase),
        triageOnlyTurn: perTurn(triagePhase),
        messages: args.messages,
        rssGrowthMb: memory?.rssGrowthMb ?? null,
        heapGrowthMb: memory?.heapGrowthMb ?? null,
        rssSwingMb: memory?.rssSwingMb ?? null,
      })}\n`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
