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
 * After the three throughput phases, each is run again paced at --load-share (default 0.5) of
 * the turns a second it reached, and its p50/p99 printed: the latency of a turn at that load,
 * rather than of a turn queued behind 15 others on saturated connections.
 *
 *   tsx bench/load.ts [--seconds 15] [--connections 16] [--messages 5000] [--load-share 0.5]
 *   tsx bench/load.ts --phases echo,triage-only [--seconds 6]: only those phases (in that order,
 *     each after a 3 s warm-up), their CPU a turn and one JSON line; no paced or memory run.
 *     `echo:triage-only` sends the echo bot the triage-only pastes (with BENCH_ECHO_TRIAGE=1 it
 *     triages them too: triage's own cost on the echo stack).
 *   BENCH_CPU_PROF=<dir> writes a CPU profile of the bot process for each phase;
 *   BENCH_NODE_FLAGS='--max-semi-space-size=32' passes Node flags to both bots;
 *   BENCH_TRACE_REQUESTS=1 also prints the bot's requests a turn by method and path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEMO_USERS } from '../src/sandbox/demo-ids';
import { teamsMessage } from '../test/support/local-connector';
import { pacedLoad, type PacedResult, type Phase } from './load-paced';
import type { Stall, Stalls } from './load-stalls';

interface Args {
  seconds: number;
  connections: number;
  messages: number;
  loadShare: number;
  /** Phases to run (echo, full, triage-only); the paced runs only with all three. */
  phases: string[];
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
    loadShare: Math.min(1, number('load-share', 0.5)),
    phases: argv.includes('--phases') ? argv[argv.indexOf('--phases') + 1].split(',') : [],
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
  // BENCH_NODE_FLAGS: extra Node flags for both bots (e.g. --max-semi-space-size=32).
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const started = await spawnChild(
    kind,
    'load-server.ts',
    [kind, graphUrl],
    ['--expose-gc', ...extra],
  );
  return {
    ...started,
    url: started.ready.url as string,
    connectorUrl,
    ports: (started.ready.ports ?? {}) as Record<string, string>,
  };
}

/** Runs autocannon against /api/messages, each request a new activity from `texts`. */
async function drive(
  target: Served,
  texts: string[],
  options: { seconds?: number; amount?: number; connections: number },
): Promise<Phase> {
  const nextBody = bodies(target, texts);
  const result = await autocannon({
    url: `${target.url}/api/messages`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
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

/** A new activity from `texts` each call, from 500 senders in turn. */
function bodies(target: Served, texts: string[]): () => string {
  let next = 0;
  return (): string => {
    const text = texts[next % texts.length];
    next += 1;
    // 500 senders, each in their own personal chat (a Teams id each; all are the sandbox's demo
    // member in Entra, so every diagnosis reads a real sandbox user). One sender sending 16
    // pastes at once is not what load looks like, and it made every turn contend for that
    // person's one row of drafts.
    const sender = next % 500;
    const from = { ...MEMBER, id: `${MEMBER.id}-${sender}` };
    return JSON.stringify(teamsMessage(target.connectorUrl, text, from, `a:bench-${sender}`));
  };
}

function loadPastes(): { text: string; intent: string }[] {
  const file = join(__dirname, '..', 'test', 'fixtures', 'triage', 'dev-set.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; intent: string });
}

/** CPU seconds a process has used, and its descendants' (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined, which: 'own' | 'descendants'): number {
  if (pid === undefined) return 0;
  try {
    let ticks = 0;
    if (which === 'own') {
      // After the command's closing parenthesis, utime and stime are the 12th and 13th fields.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
    } else {
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ').map(Number) : []) {
          ticks += (cpuSeconds(child, 'own') + cpuSeconds(child, 'descendants')) * 100;
        }
      }
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine, every core. */
function machineSeconds(): number {
  return os.cpus().reduce((sum, c) => sum + c.times.user + c.times.sys + c.times.irq, 0) / 1000;
}

/** Runs a phase and says how many cores each process kept busy meanwhile. */
async function sharing<T>(
  sources: Record<string, () => number>,
  run: () => Promise<T>,
): Promise<{ result: T; cores: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(sources).map(([k, read]) => [k, read()]));
  const machineBefore = machineSeconds();
  const began = process.hrtime.bigint();
  const result = await run();
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const cores: Record<string, number> = {};
  for (const [name, read] of Object.entries(sources)) {
    cores[name] = Math.round(((read() - before[name]) / seconds) * 100) / 100;
  }
  const ours = Object.values(cores).reduce((a, b) => a + b, 0);
  cores.machine = Math.round(((machineSeconds() - machineBefore) / seconds) * 100) / 100;
  cores.others = Math.max(0, Math.round((cores.machine - ours) * 100) / 100);
  return { result, cores };
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

type Measured = Phase & { perTurn: PerTurn; cores: Record<string, number> };

/** Runs a phase and divides what the bot and the services counted during it by its turns. */
async function measured(
  name: string,
  target: Served,
  services: Child,
  run: () => Promise<Phase>,
): Promise<Measured> {
  const snapshot = async () => ({
    cpu: await target.call('cpu'),
    sent: await target.call('counts'),
    services: await services.call('counts'),
    logLines: target.logLines(),
  });
  // BENCH_CPU_PROF=<dir>: a CPU profile of the bot process over this phase alone.
  await target.call(`profile ${name}`);
  const before = await snapshot();
  const { result: phase, cores } = await sharing(
    {
      bot: () => cpuSeconds(target.child.pid, 'own'),
      azurite: () => cpuSeconds(target.child.pid, 'descendants'),
      services: () => cpuSeconds(services.child.pid, 'own'),
      autocannon: () => cpuSeconds(process.pid, 'own'),
    },
    run,
  );
  const after = await snapshot();
  await target.call(`profile ${name}`);
  const turns = Math.max(1, phase.requests);
  const per = (n: number, digits = 2): number =>
    Math.round((n / turns) * 10 ** digits) / 10 ** digits;
  const sentTo = (port: string | undefined): number =>
    port === undefined ? 0 : (after.sent[port] ?? 0) - (before.sent[port] ?? 0);
  const delta = (key: string): number => after.services[key] - before.services[key];
  if (process.env.BENCH_TRACE_REQUESTS) {
    process.stdout.write(`  ${name}, a turn:\n`);
    for (const key of Object.keys(after.sent).filter((k) => k.includes(' '))) {
      const n = per(sentTo(key));
      if (n > 0) process.stdout.write(`    ${n} ${key}\n`);
    }
    for (const key of Object.keys(after.services).filter((k) => k.includes(' '))) {
      const n = per(after.services[key] - (before.services[key] ?? 0));
      if (n > 0) process.stdout.write(`    ${n} Graph: ${key}\n`);
    }
  }
  const cpuUs = after.cpu.user + after.cpu.system - (before.cpu.user + before.cpu.system);
  return {
    ...phase,
    cores,
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

/** `--phases`: the named throughput phases alone, each warmed up, then one JSON line. */
async function someOf(
  names: string[],
  run: {
    echo: Served;
    bot: Served;
    services: Child;
    texts: string[];
    triageOnly: string[];
    timed: { seconds: number; connections: number };
    warmUp: { seconds: number; connections: number };
  },
): Promise<void> {
  const cpuMs: Record<string, number> = {};
  for (const name of names) {
    // `echo:triage-only`: the echo bot sent the triage-only pastes.
    const target = name.startsWith('echo') ? run.echo : run.bot;
    const list = name.endsWith('triage-only') ? run.triageOnly : run.texts;
    if (!['echo', 'full', 'triage-only', 'echo:triage-only'].includes(name)) {
      throw new Error(`no phase ${name}`);
    }
    await drive(target, list, run.warmUp);
    const phase = await measured(name, target, run.services, () => drive(target, list, run.timed));
    cpuMs[name] = phase.perTurn.cpuMs;
    process.stdout.write(
      `${name}: ${phase.rps} turns/s (${phase.requests} turns), p50 ${phase.p50Ms} ms, p99 ${phase.p99Ms} ms; a turn: ${phase.perTurn.cpuMs} ms CPU in the bot process, ${phase.perTurn.activityBytes} bytes sent, ${phase.perTurn.logLines} log lines; cores ${JSON.stringify(phase.cores)}\n`,
    );
  }
  process.stdout.write(
    `${JSON.stringify({ bench: 'load', phases: names, cpuMsPerTurn: cpuMs })}\n`,
  );
}

/** A paced phase's latency, with the event-loop stalls seen meanwhile (bench/load-stalls.ts). */
type PacedStalls = PacedResult & { stalls: string; stallCount: number; botLongestGc: string };

/** Where a stall's time went (bench/load-stalls.ts): running, waiting for a core, collecting. */
function stallCause(s: Stall): string {
  const parts: string[] = [];
  if (s.cpuMs !== undefined) {
    const asleep = Math.max(0, s.ms + 10 - s.cpuMs - (s.waitMs ?? 0));
    parts.push(`on a core ${s.cpuMs}`, `waiting for a core ${s.waitMs ?? 0}`, `asleep ${asleep}`);
  }
  parts.push(s.gc ? `gc ${s.gcMs ?? 0}: ${s.gc}` : 'no gc');
  return parts.join(', ');
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

    if (args.phases.length > 0) {
      await someOf(args.phases, { echo, bot, services, texts, triageOnly, timed, warmUp });
      return;
    }
    await drive(echo, texts, warmUp);
    const echoPhase = await measured('echo', echo, services, () => drive(echo, texts, timed));
    await drive(bot, texts, warmUp);
    const fullPhase = await measured('full', bot, services, () => drive(bot, texts, timed));
    const triagePhase = await measured('triage-only', bot, services, () =>
      drive(bot, triageOnly, timed),
    );
    const line = (name: string, p: Measured): void => {
      const t = p.perTurn;
      const shares = Object.entries(p.cores)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      process.stdout.write(
        `${name}: ${p.rps} turns/s, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms (${p.requests} requests, ${p.non2xx} non-2xx, ${p.errors} errors)\n` +
          `    a turn: ${t.cpuMs} ms CPU in the bot process; ${t.graphRequests} Graph requests (${t.batchItems} $batch items), ${t.tableRoundTrips} Table and ${t.queueRoundTrips} Queue round trips, ${t.connectorActivities} activities sent (${t.activityBytes} bytes), ${t.logLines} log lines\n` +
          `    cores busy: ${shares}\n`,
      );
    };
    line('echo bot        ', echoPhase);
    line('bot, all pastes ', fullPhase);
    line('bot, triage-only', triagePhase);
    // The same phases paced at a share of the rate each reached: latency at that load.
    // With each, the event-loop stalls the bot's and the services' processes saw meanwhile.
    const stallsOf = async (child: Child): Promise<Stalls> =>
      (await child.call('stalls')) as unknown as Stalls;
    const paced = async (target: Served, list: string[], reached: number): Promise<PacedStalls> => {
      await stallsOf(target);
      await stallsOf(services);
      const result = await pacedLoad(`${target.url}/api/messages`, bodies(target, list), {
        rate: Math.max(1, Math.round(reached * args.loadShare)),
        seconds: args.seconds,
      });
      const seen = (who: string, list: Stall[]): string[] =>
        list
          .filter((s) => s.at >= result.countedFrom)
          .map((s) => `${who} ${s.at - result.countedFrom}: ${s.ms} (${stallCause(s)})`);
      const ofBot = await stallsOf(target);
      const stalls = [
        ...seen('bot', ofBot.stalls),
        ...seen('services', (await stallsOf(services)).stalls),
      ];
      return {
        ...result,
        stalls: stalls.join(', ') || 'none',
        stallCount: stalls.length,
        botLongestGc: ofBot.longestGc,
      };
    };
    const echoPaced = await paced(echo, texts, echoPhase.rps);
    const fullPaced = await paced(bot, texts, fullPhase.rps);
    const triagePaced = await paced(bot, triageOnly, triagePhase.rps);
    const pacedLine = (name: string, p: PacedStalls): void => {
      process.stdout.write(
        `${name}: ${p.offeredRps} turns/s offered, ${p.rps} answered, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms (${p.non2xx} non-2xx, ${p.errors} errors; the generator's own send lag p99 ${p.sendLagP99Ms} ms, most ${p.sendLagMaxMs} ms)\n` +
          `      slowest (ms into the run: ms): ${p.slowest.map((s) => `${s.atMs}: ${s.ms}`).join(', ')}\n` +
          `      event-loop stalls over 50 ms (ms into the run: ms (where the time went)): ${p.stalls}; the bot's longest garbage collection (warm-up included): ${p.botLongestGc} ms\n`,
      );
    };
    process.stdout.write(`paced at ${args.loadShare} of the rate each reached:\n`);
    pacedLine('  echo bot        ', echoPaced);
    pacedLine('  bot, all pastes ', fullPaced);
    pacedLine('  bot, triage-only', triagePaced);
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
        // Progress on stderr: a 100,000-turn run takes the better part of an hour.
        process.stderr.write(
          `  memory: ${sent + step} turns, heapUsed ${mb(now.heapUsed)} MB, heapTotal ${mb(now.heapTotal)} MB, external ${mb(now.external)} MB, RSS ${mb(now.rss)} MB\n`,
        );
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
    const perTurn = (p: Measured) => p.perTurn;
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
        loadShare: args.loadShare,
        paced: {
          echo: {
            offeredRps: echoPaced.offeredRps,
            p50Ms: echoPaced.p50Ms,
            p99Ms: echoPaced.p99Ms,
            stalls: echoPaced.stallCount,
          },
          full: {
            offeredRps: fullPaced.offeredRps,
            p50Ms: fullPaced.p50Ms,
            p99Ms: fullPaced.p99Ms,
            stalls: fullPaced.stallCount,
          },
          triageOnly: {
            offeredRps: triagePaced.offeredRps,
            p50Ms: triagePaced.p50Ms,
            p99Ms: triagePaced.p99Ms,
            stalls: triagePaced.stallCount,
          },
        },
        cpuMsPerTurn: {
          echo: perTurn(echoPhase).cpuMs,
          full: perTurn(fullPhase).cpuMs,
          triageOnly: perTurn(triagePhase).cpuMs,
        },
        fullTurn: perTurn(fullPhase),
        fullCores: fullPhase.cores,
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
