/**
 * Turn throughput: autocannon drives /api/messages with real pastes (test/fixtures/triage/
 * dev-set.jsonl) through a full turn of the real bot (triage, diagnosis against the sandbox tenant
 * with its limits off and the bot's own Graph pacing off to match, card render, reply to a local
 * connector; requests and pastes on Azurite), and, in the
 * same run, a minimal echo bot on the same stack (restify + TeamsAdapter + teams-ai Application).
 *
 * Each bot runs in its own child process (so its memory is its own); the sandbox tenant and
 * Azurite run in theirs. Phases: echo, the bot with every paste, the bot with the pastes that
 * triage alone answers (no Graph call, found by sending each paste once first), then a memory run
 * of --messages turns on the bot with RSS sampled along the way. The last line is one JSON object.
 *
 *   tsx bench/load.ts [--seconds 15] [--connections 16] [--messages 5000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DEMO_USERS } from '../src/sandbox/demo-ids';
import { startSandboxTenant } from '../src/sandbox/server';
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
    if (!Number.isFinite(value) || value <= 0) {
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

interface Served {
  child: ChildProcess;
  url: string;
  connectorUrl: string;
  call(command: string): Promise<Record<string, number>>;
}

/** Starts `bench/load-server.ts` in a child process and waits for its address. */
async function serve(kind: 'bot' | 'echo', graphUrl?: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      // BENCH_CPU_PROF=<dir> writes a CPU profile of each bot process when it ends.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      '--import',
      'tsx',
      join(__dirname, 'load-server.ts'),
      kind,
      graphUrl ?? '',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const pending: ((m: Record<string, number>) => void)[] = [];
  let ready: (m: { url: string; connectorUrl: string }) => void = () => undefined;
  const started = new Promise<{ url: string; connectorUrl: string }>((r) => (ready = r));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@')) return;
    const message = JSON.parse(line.slice(1)) as Record<string, unknown>;
    if (message.event === 'ready') ready(message as { url: string; connectorUrl: string });
    else pending.shift()?.(message as Record<string, number>);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (process.env.BENCH_VERBOSE || /Error|error/.test(line)) {
      process.stderr.write(`  [${kind}] ${line}\n`);
    }
  });
  const { url, connectorUrl } = await started;
  return {
    child,
    url,
    connectorUrl,
    call: (command) =>
      new Promise((resolve) => {
        pending.push(resolve);
        child.stdin!.write(`${command}\n`);
      }),
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pastes = loadPastes();
  // The sandbox tenant in this process (its limits off, the default), so its request log counts
  // the bot's Graph calls.
  const sandbox = await startSandboxTenant({ port: 0 });
  const bot = await serve('bot', sandbox.url);
  const echo = await serve('echo');
  const children = [bot.child, echo.child];
  process.once('SIGTERM', () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(1);
  });
  try {
    process.stdout.write(
      `load bench: ${pastes.length} pastes, ${args.connections} connections, ${args.seconds} s a phase\n`,
    );
    // Pastes labelled unrelated are answered by triage alone; the Graph calls the sandbox saw
    // during that phase are printed, so the claim is checked, not assumed.
    const triageOnly = pastes.filter((p) => p.intent === 'unrelated').map((p) => p.text);
    const texts = pastes.map((p) => p.text);

    await drive(echo, texts, { seconds: 3, connections: args.connections }); // warm-up
    const echoPhase = await drive(echo, texts, {
      seconds: args.seconds,
      connections: args.connections,
    });
    await drive(bot, texts, { seconds: 3, connections: args.connections }); // warm-up
    const fullPhase = await drive(bot, texts, {
      seconds: args.seconds,
      connections: args.connections,
    });
    const graphBefore = sandbox.requests.length;
    const triagePhase = await drive(bot, triageOnly, {
      seconds: args.seconds,
      connections: args.connections,
    });
    const graphPerTurn =
      Math.round(
        ((sandbox.requests.length - graphBefore) / Math.max(1, triagePhase.requests)) * 100,
      ) / 100;
    const line = (name: string, p: Phase): boolean =>
      process.stdout.write(
        `${name}: ${p.rps} turns/s, p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms (${p.requests} requests, ${p.non2xx} non-2xx, ${p.errors} errors)\n`,
      );
    line('echo bot        ', echoPhase);
    line('bot, all pastes ', fullPhase);
    line('bot, triage-only', triagePhase);
    process.stdout.write(`triage-only turns made ${graphPerTurn} Graph calls each\n`);
    const ratio = Math.round((fullPhase.rps / echoPhase.rps) * 1000) / 1000;
    process.stdout.write(`ratio (bot / echo): ${ratio}\n`);

    // Memory: RSS after a garbage collection, every tenth of the run, over full turns (every
    // paste, most of them diagnosing the sender on the sandbox tenant).
    const memoryTexts = texts;
    await bot.call('gc');
    const start = await bot.call('memory');
    const samples: number[] = [];
    const step = Math.max(1, Math.floor(args.messages / 10));
    for (let sent = 0; sent < args.messages; sent += step) {
      await drive(bot, memoryTexts, { amount: step, connections: args.connections });
      sandbox.requests.length = 0;
      await bot.call('gc');
      samples.push(Math.round(((await bot.call('memory')).rss / 2 ** 20) * 10) / 10);
    }
    const startMb = Math.round((start.rss / 2 ** 20) * 10) / 10;
    const growth = Math.round((samples[samples.length - 1] - startMb) * 10) / 10;
    const secondHalf = Math.round((samples[samples.length - 1] - samples[4]) * 10) / 10;
    process.stdout.write(
      `memory over ${args.messages} turns: RSS ${startMb} MB → ${samples.join(' → ')} MB (growth ${growth} MB; ${secondHalf} MB over the second half)\n`,
    );
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
        triageOnlyRps: triagePhase.rps,
        triageOnlyP99Ms: triagePhase.p99Ms,
        triageOnlyGraphCallsPerTurn: graphPerTurn,
        messages: args.messages,
        rssGrowthMb: growth,
        rssSecondHalfMb: secondHalf,
      })}\n`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
