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
 *     triages them too: triage's own cost on the echo stack). With `--paced`, each is also run
 *     paced at --load-share of the rate it reached (bench/load-paced-run.ts).
 *   BENCH_CPU_PROF=<dir> writes a CPU profile of the bot process for each phase (paced ones too);
 *   BENCH_HEAP_PROF=<dir> a sampling heap profile for each throughput phase, summarised;
 *   both bots run with the Node options of the production image (the Dockerfile's NODE_OPTIONS);
 *   BENCH_NODE_FLAGS='--flag ...' replaces them for both, BENCH_NODE_FLAGS=none runs Node's own;
 *   BENCH_TRACE_REQUESTS=1 also prints the bot's requests a turn by method and path;
 *   TRIAGE_THREADS=<n> sets the bot's triage threads (0: pastes read on its event loop).
 * A turn's CPU is the whole bot process's (every thread); `main thread` is the thread that runs
 * turns alone, which bounds the turns a second when a spare core reads the pastes.
 *
 * Both bots' process (bench/load-server.ts) runs compiled JavaScript, built at the start into
 * .artifacts/bench-load with the production settings (tsconfig.build.json) as the Dockerfile
 * runs the bot (bench/compile-for-bench.ts); `--tsx` (or a failed build, which is printed as a
 * warning) runs both through tsx instead, whose sources and source maps stay in the heap. The mode
 * is printed at the start and in the JSON line (`botMode`). The load generator (this process) and
 * the services (bench/load-services.ts), which are not measured, run through tsx either way.
 * After the throughput and paced phases, each bot's heap and RSS after a forced collection.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { defaultTriageThreads } from '../src/triage/off-thread';
import { compileForBench, type BenchMode } from './compile-for-bench';
import {
  BOT_ENTRY,
  botNodeFlags,
  serve,
  spawnChild,
  type Child,
  type Served,
} from './load-children';
import { bodies, drive, measured, type Measured } from './load-measure';
import { describePaced, pacedJson, pacedRun, type PacedRun } from './load-paced-run';

interface Args {
  seconds: number;
  connections: number;
  messages: number;
  loadShare: number;
  /** Phases to run (echo, full, triage-only); the paced runs with all three, or `--paced`. */
  phases: string[];
  paced: boolean;
  /** Both bots through tsx rather than compiled (to compare with the old way). */
  tsx: boolean;
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
    paced: argv.includes('--paced'),
    tsx: argv.includes('--tsx'),
  };
}

function loadPastes(): { text: string; intent: string }[] {
  const file = join(__dirname, '..', 'test', 'fixtures', 'triage', 'dev-set.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; intent: string });
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
    /** With `--paced`, each phase is also run paced at this share of the rate it reached. */
    loadShare?: number;
    botMode: BenchMode;
  },
): Promise<void> {
  const cpuMs: Record<string, number> = {};
  const paced: Record<string, ReturnType<typeof pacedJson>> = {};
  const perTurn: Record<string, Measured['perTurn']> = {};
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
    perTurn[name] = phase.perTurn;
    const t = phase.perTurn;
    process.stdout.write(
      `${name}: ${phase.rps} turns/s (${phase.requests} turns), p50 ${phase.p50Ms} ms, p99 ${phase.p99Ms} ms; a turn: ${t.cpuMs} ms CPU in the bot process (main thread ${t.mainThreadMs} ms), ${t.activityBytes} bytes sent, ${t.logLines} log lines, ${t.allocKb} KB allocated; per 1,000 turns ${t.scavengesPer1000} scavenges, ${t.markCompactsPer1000} full collections (longest ${t.fullGcMaxMs} ms), ${t.promotedKb} KB promoted a turn; cores ${JSON.stringify(phase.cores)}\n`,
    );
    if (run.loadShare !== undefined) {
      const rate = Math.max(1, Math.round(phase.rps * run.loadShare));
      const result = await pacedRun(target, run.services, bodies(target, list), {
        rate,
        seconds: run.timed.seconds,
        name,
      });
      process.stdout.write(describePaced(`  ${name}, paced`, result));
      paced[name] = pacedJson(result);
    }
  }
  // BENCH_HEAP_SNAPSHOT=<dir>: each bot's heap after the phases (bench/heap-summary.ts).
  if (process.env.BENCH_HEAP_SNAPSHOT) {
    await run.bot.call('snapshot after');
    await run.echo.call('snapshot after');
  }
  const memory = await botsMemory(run.bot, run.echo);
  process.stdout.write(
    `${JSON.stringify({ bench: 'load', botMode: run.botMode, phases: names, cpuMsPerTurn: cpuMs, perTurn, paced, botsMemory: memory })}\n`,
  );
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Each bot's heapUsed and RSS (MB) after a forced collection, printed and returned. */
async function botsMemory(
  bot: Served,
  echo: Served,
): Promise<Record<'bot' | 'echo', { heapUsedMb: number; rssMb: number }>> {
  const one = async (served: Served) => {
    await served.call('gc');
    const m = await served.call('memory');
    return { heapUsedMb: mb(m.heapUsed), rssMb: mb(m.rss) };
  };
  const result = { bot: await one(bot), echo: await one(echo) };
  process.stdout.write(
    `after a forced collection: bot heapUsed ${result.bot.heapUsedMb} MB, RSS ${result.bot.rssMb} MB; echo bot heapUsed ${result.echo.heapUsedMb} MB, RSS ${result.echo.rssMb} MB\n`,
  );
  return result;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pastes = loadPastes();
  // Built before any process starts, so the build's CPU is not in a measurement.
  const build = compileForBench({
    dir: 'bench-load',
    entries: [BOT_ENTRY],
    forceTsx: args.tsx,
    what: 'bots',
    tsxCost:
      'their heaps hold tsx’s sources and source maps (more full collections) and a turn costs more CPU than in production',
  });
  // The sandbox tenant and the connector in a process of their own; Azurite in its own (started
  // by the bot's process); each bot in its own; autocannon in this one.
  // The services are not measured: through tsx in either mode.
  const services = await spawnChild(
    'services',
    ['--import', 'tsx', join(__dirname, 'load-services.ts')],
    [],
    [],
  );
  const graphUrl = services.ready.graphUrl as string;
  const connectorUrl = services.ready.connectorUrl as string;
  const bot = await serve('bot', graphUrl, connectorUrl, build);
  const echo = await serve('echo', graphUrl, connectorUrl, build);
  const children = [bot.child, echo.child, services.child];
  process.once('SIGTERM', () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(1);
  });
  try {
    process.stdout.write(
      `load bench: ${pastes.length} pastes, ${args.connections} connections, ${args.seconds} s a phase, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(2)} before the run); both bots ${build.mode === 'compiled' ? 'compiled JavaScript' : 'through tsx'} (botMode ${build.mode}), Node options: ${botNodeFlags().join(' ') || "Node's own"}; triage threads: ${process.env.TRIAGE_THREADS ?? `the default, ${defaultTriageThreads()}`}\n`,
    );
    // Pastes labelled unrelated are answered by triage alone; the Graph calls the sandbox saw
    // during that phase are printed, so the claim is checked, not assumed.
    const triageOnly = pastes.filter((p) => p.intent === 'unrelated').map((p) => p.text);
    const texts = pastes.map((p) => p.text);
    const timed = { seconds: args.seconds, connections: args.connections };
    const warmUp = { seconds: 3, connections: args.connections };

    if (args.phases.length > 0) {
      const loadShare = args.paced ? args.loadShare : undefined;
      await someOf(args.phases, {
        echo,
        bot,
        services,
        texts,
        triageOnly,
        timed,
        warmUp,
        loadShare,
        botMode: build.mode,
      });
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
          `    a turn: ${t.cpuMs} ms CPU in the bot process (main thread ${t.mainThreadMs} ms); ${t.graphRequests} Graph requests (${t.batchItems} $batch items), ${t.tableRoundTrips} Table and ${t.queueRoundTrips} Queue round trips, ${t.connectorActivities} activities sent (${t.activityBytes} bytes), ${t.logLines} log lines; ${t.allocKb} KB allocated, per 1,000 turns ${t.scavengesPer1000} scavenges and ${t.markCompactsPer1000} full collections (longest ${t.fullGcMaxMs} ms); ${t.promotedKb} KB a turn promoted to the old generation\n` +
          `    cores busy: ${shares}\n`,
      );
    };
    line('echo bot        ', echoPhase);
    line('bot, all pastes ', fullPhase);
    line('bot, triage-only', triagePhase);
    // The same phases paced at a share of the rate each reached: latency at that load, with
    // where the slow turns' time went (bench/load-paced-run.ts).
    const paced = (
      name: string,
      target: Served,
      list: string[],
      reached: number,
    ): Promise<PacedRun> =>
      pacedRun(target, services, bodies(target, list), {
        rate: Math.max(1, Math.round(reached * args.loadShare)),
        seconds: args.seconds,
        name,
      });
    const echoPaced = await paced('echo', echo, texts, echoPhase.rps);
    const fullPaced = await paced('full', bot, texts, fullPhase.rps);
    const triagePaced = await paced('triage-only', bot, triageOnly, triagePhase.rps);
    process.stdout.write(`paced at ${args.loadShare} of the rate each reached:\n`);
    process.stdout.write(describePaced('  echo bot        ', echoPaced));
    process.stdout.write(describePaced('  bot, all pastes ', fullPaced));
    process.stdout.write(describePaced('  bot, triage-only', triagePaced));
    const ratio = Math.round((fullPhase.rps / echoPhase.rps) * 1000) / 1000;
    const triageRatio = Math.round((triagePhase.rps / echoPhase.rps) * 1000) / 1000;
    const cpuRatio = Math.round((echoPhase.perTurn.cpuMs / fullPhase.perTurn.cpuMs) * 1000) / 1000;
    const botsAfter = await botsMemory(bot, echo);
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
        botMode: build.mode,
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
          echo: pacedJson(echoPaced),
          full: pacedJson(fullPaced),
          triageOnly: pacedJson(triagePaced),
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
        botsMemory: botsAfter,
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
