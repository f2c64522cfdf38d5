/**
 * Announcement delivery benchmark: recipients through the real sending path (botbuilder
 * CloudAdapter with auth off, serviceUrl = a local throttling connector that enforces the Teams
 * limits and injects 429s and 5xx), storage on Azurite, the workers in child processes.
 *
 * Runs (each on a fresh Azurite), for every rate and worker count asked for:
 *   faults  5% 429 and 1% 5xx injected, the workers run from start to end;
 *   killed  the same faults; one worker process is SIGKILLed half way and started again at once;
 *   clean   no injected faults.
 *
 * Each run prints allowedRateFraction (distinct recipients reached / what the app rate allows
 * over the run), budgetFraction (requests the connector counted against the app rate / its
 * capacity over the run; injected 429s and 5xx count, as in Teams), lost, duplicates (from what
 * the connector recorded), seconds (confirm → completion recorded) and rate, the supervisors'
 * storage requests (list pages counted), then where the workers' time and storage calls went. The last line is one JSON object with runs[].
 *
 *   tsx bench/announce.ts [--recipients N] [--seconds 40] [--rates 30,50] [--workers 1,2]
 *                         [--runs faults,killed,clean] [--inject429 0.05] [--inject5xx 0.01]
 *                         [--in-doubt hold|resend] [--seed 7] [--answer-ms 0] [--tsx]
 *
 * The worker processes run compiled JavaScript, built at the start into .artifacts/bench-announce
 * with the production settings (tsconfig.build.json), as the Dockerfile runs the bot; `--tsx`
 * (or a failed build, which is reported) runs them through tsx instead. A killed run prints the
 * restart step by step: process start to ready, ready to first claim, first claim to delivery.
 *
 * Without --recipients each run gets rate × --seconds recipients (40 s of sending), which keeps
 * the default twelve runs within about fifteen minutes on a small machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AnnouncementService } from '../src/announcements/announcement-service';
import { AnnouncementStore } from '../src/announcements/announcement-store';
import { DEFAULT_HEADROOM } from '../src/announcements/delivery-limiter';
import { ReferenceStore } from '../src/announcements/reference-store';
import type { DeliveryMessage, StoredReference } from '../src/announcements/types';
import { startAzurite } from '../src/storage';
import { ThrottlingConnector } from '../test/support/throttling-connector';
import { composeAnnouncementMessage } from '../bot/announcements/message-composer';
import { ANNOUNCEMENT_QUEUE } from '../bot/announcements/services';
import { AUTHOR_GROUP, directory, storageFor } from './announce/worker';
import { compileForBench, type BenchMode } from './compile-for-bench';

type Kind = 'faults' | 'killed' | 'clean';

interface Args {
  recipients?: number;
  seconds: number;
  rates: number[];
  workers: number[];
  runs: Kind[];
  inject429: number;
  inject5xx: number;
  /** The connector's answer delay after it counted a request (a real channel's 100-300 ms). */
  answerMs: number;
  inDoubt: 'resend' | 'hold';
  seed: number;
  /** Seconds without a new delivery before the state is dumped (diagnostics). */
  stallSeconds: number;
  /** Run the workers through tsx rather than compiled (to compare restarts). */
  tsx: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (raw: string | undefined, name: string, fallback: number): number => {
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0)
      throw new Error(`--${name}: expected a number, got ${raw}`);
    return parsed;
  };
  const list = (name: string, fallback: string): number[] =>
    (value(name) ?? fallback).split(',').map((v) => number(v, name, 0));
  const inDoubt = value('in-doubt') ?? 'hold';
  if (inDoubt !== 'resend' && inDoubt !== 'hold') throw new Error('--in-doubt: resend or hold');
  const rates = list('rates', value('rate') ?? '30,50');
  if (rates.some((r) => r <= 0 || r > 50)) throw new Error('--rates: each above 0, at most 50');
  const workers = list('workers', '1,2');
  if (workers.some((w) => !Number.isInteger(w) || w < 1 || w > 4))
    throw new Error('--workers: each 1 to 4');
  const runs = (value('runs') ?? 'faults,killed,clean').split(',') as Kind[];
  for (const r of runs)
    if (!['faults', 'killed', 'clean'].includes(r))
      throw new Error(`--runs: faults, killed or clean, got ${r}`);
  const recipients = value('recipients');
  return {
    recipients:
      recipients === undefined ? undefined : Math.floor(number(recipients, 'recipients', 0)),
    seconds: number(value('seconds'), 'seconds', 40),
    rates,
    workers,
    runs,
    inject429: number(value('inject429'), 'inject429', 0.05),
    inject5xx: number(value('inject5xx'), 'inject5xx', 0.01),
    answerMs: number(value('answer-ms'), 'answer-ms', 0),
    inDoubt,
    seed: number(value('seed'), 'seed', 7),
    stallSeconds: number(value('stall-seconds'), 'stall-seconds', 20),
    tsx: argv.includes('--tsx'),
  };
}

/** How a worker process is started: compiled JavaScript by plain node, or tsx as a fallback. */
interface WorkerCommand {
  mode: BenchMode;
  args: string[];
}

const WORKER_ENTRY = 'bench/announce/worker-main.ts';

/**
 * The worker processes load what the Dockerfile runs (`node lib/...`) rather than loading the
 * SDKs through tsx, which takes longer to start (a restart's length is part of the killed runs'
 * figures): built into .artifacts/bench-announce by bench/compile-for-bench.ts, which falls back
 * to tsx, saying so, when the build fails or `--tsx` is given.
 */
function workerCommand(forceTsx: boolean): WorkerCommand {
  const build = compileForBench({
    dir: 'bench-announce',
    entries: [WORKER_ENTRY],
    forceTsx,
    what: 'workers',
    tsxCost: 'restarts take longer than in production',
  });
  return { mode: build.mode, args: build.args(WORKER_ENTRY) };
}

const TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';
type WorkerStats = Record<string, unknown> & { windows?: number };

interface WorkerHandle {
  child: ChildProcess;
  ready: Promise<void>;
  /** The channel's parts loaded (a worker is up before; see bot/announcements/lazy-channel.ts). */
  channel: Promise<void>;
  stats: Promise<WorkerStats>;
  /** The supervisor's storage requests so far in this process (kept after a kill). */
  supervisorRequests: number;
  /** Epoch ms: spawned, and the moments the process reported (see worker-main.ts, worker.ts). */
  moments: Record<string, number>;
  /** Each change of the limiter's rate, in order. */
  rates: { at: number; rate: number }[];
  /** Receives that got messages another receiver had held (a dead worker's, after a kill). */
  redelivered: { at: number; messages: number; recipients: number }[];
  /** Claims of a stopped owner taken over: by the supervisor's scan or on the row by a worker. */
  takeovers: { at: number; via: string; n: number }[];
  /** Requests started, counted every 250 ms, and the app's pauses as this process saw them. */
  sends: { at: number; n: number }[];
  pauses: { at: number; ms: number }[];
  /** How long the channel's parts (botbuilder, cards) took to load after the process was up. */
  channelLoadMs?: number;
  /** The first seconds of the process: storage calls and event-loop stalls, epoch ms. */
  trace?: [string, number, number][];
}

/**
 * `machine`: the instance the process stands for. Each process is an instance of its own, and
 * a killed one is started again on its instance, as App Service restarts a crashed process.
 */
function spawnWorker(
  command: WorkerCommand,
  connection: string,
  prefix: string,
  rate: number,
  args: Args,
  machine: string,
  processes: number,
  /** Node options of this process only (BENCH_RESTART_NODE: a restarted worker's, e.g. --cpu-prof). */
  nodeOptions: string[] = [],
): WorkerHandle {
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      ...command.args,
      '--processes',
      String(processes),
      '--connection',
      connection,
      '--prefix',
      prefix,
      '--rate',
      String(rate),
      '--in-doubt',
      args.inDoubt,
      '--machine',
      machine,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let onReady: () => void = () => undefined;
  let onChannel: () => void = () => undefined;
  const channel = new Promise<void>((resolve) => (onChannel = resolve));
  let onStats: (s: WorkerStats) => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const stats = new Promise<WorkerStats>((resolve) => (onStats = resolve));
  const handle: WorkerHandle = {
    child,
    ready,
    channel,
    stats,
    supervisorRequests: 0,
    moments: { spawned: spawnedAt },
    rates: [],
    sends: [],
    pauses: [],
    redelivered: [],
    takeovers: [],
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('@')) return;
    const message = JSON.parse(line.slice(1)) as { event: string } & WorkerStats;
    if (message.event === 'ready') {
      for (const k of ['started', 'loadedAt', 'at'] as const)
        if (typeof message[k] === 'number') handle.moments[k === 'at' ? 'ready' : k] = message[k];
      onReady();
    }
    if (message.event === 'first' && typeof message.at === 'number')
      handle.moments[String(message.what)] = message.at;
    if (message.event === 'stats') onStats(message);
    if (message.event === 'rate')
      handle.rates.push({ at: Number(message.at), rate: Number(message.rate) });
    if (message.event === 'channel-load') {
      handle.channelLoadMs = Number(message.ms);
      onChannel();
    }
    if (message.event === 'sends')
      handle.sends.push({ at: Number(message.at), n: Number(message.n) });
    if (message.event === 'pause')
      handle.pauses.push({ at: Number(message.at), ms: Number(message.ms) });
    if (message.event === 'redelivered')
      handle.redelivered.push({
        at: Number(message.at),
        messages: Number(message.messages),
        recipients: Number(message.recipients),
      });
    if (message.event === 'takeover')
      handle.takeovers.push({
        at: Number(message.at),
        via: String(message.via),
        n: Number(message.n),
      });
    if (message.event === 'trace') handle.trace = message.trace as [string, number, number][];
    if (message.event === 'supervisor') handle.supervisorRequests = Number(message.requests);
    if (message.event === 'snapshot') process.stdout.write(`  [worker ${child.pid}] ${line}\n`);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (process.env.BENCH_VERBOSE || /error|failed|Error/.test(line))
      process.stderr.write(`  [worker] ${line}\n`);
  });
  child.once('exit', () => onStats({}));
  void stats.then((s) => {
    if (typeof s.supervisorRequests === 'number') handle.supervisorRequests = s.supervisorRequests;
  });
  return handle;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function seedReferences(
  storage: ReturnType<typeof storageFor>,
  connectorUrl: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from(
    { length: count },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const references = new ReferenceStore(storage.records);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const objectId = ids[next];
      next += 1;
      const reference: StoredReference = {
        serviceUrl: connectorUrl,
        tenantId: TENANT,
        conversationId: `a:bench-${objectId}`,
        conversationType: 'personal',
        botId: '28:bench-bot',
        userId: `29:${objectId}`,
        userObjectId: objectId,
        userName: `User ${objectId.slice(-5)}`,
      };
      await references.saveUser(objectId, reference, 'bench');
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  return ids.map((id) => `a:bench-${id}`);
}

interface RunResult {
  name: string;
  kind: Kind;
  ratePerSecond: number;
  workers: number;
  recipients: number;
  allowedRateFraction: number;
  budgetFraction: number;
  lost: number;
  duplicates: number;
  /**
   * Recipients failed as `outcome-unknown` (the `hold` policy's in-doubt ones) and, of those,
   * how many the connector had in fact delivered to (the rest are among `lost`).
   */
  held: number;
  heldDelivered: number;
  seconds: number;
  rate: number;
  firstDeliveryS: number;
  tailS: number;
  /** Storage requests of the supervisors (every process together), list pages counted. */
  supervisorRequests: number;
  kill?: {
    claimsAtKill: number;
    deliveredUnrecorded: number;
    restartedAfterS: number;
    /** Deliveries in each second from one second before the kill to six after. */
    deliveriesAroundKill?: number[];
    cost?: KillCost;
  };
  connector: Record<string, number>;
  workerStats: WorkerStats[];
}

async function dumpStall(
  storage: ReturnType<typeof storageFor>,
  announcementId: string,
  workers: WorkerHandle[],
  log: (line: string) => void,
  delivered: number,
  recipients: number,
): Promise<void> {
  const now = Date.now();
  log(`STALLED at ${delivered}/${recipients}: state follows`);
  try {
    const rows = await new AnnouncementStore(storage.records).recipients(announcementId);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.value.status] = (byStatus[r.value.status] ?? 0) + 1;
    log(`rows by status ${JSON.stringify(byStatus)}`);
    const open = rows.filter((r) => r.value.status === 'sending' || r.value.status === 'queued');
    for (const r of open.slice(0, 12)) {
      const v = r.value;
      log(
        `  ${r.key.row} ${v.status} owner=${v.leaseOwner ?? '-'} leaseIn=${v.leaseUntil ? v.leaseUntil - now : '-'} armed=${String(v.armed ?? false)} notBeforeIn=${v.notBefore ? v.notBefore - now : '-'} attempts=${v.attempts} updated ${now - Date.parse(v.updatedAt)} ms ago reason=${v.reason ?? '-'}`,
      );
    }
    const control = await storage.records.list<Record<string, unknown>>('annControl', 'workers');
    for (const c of control)
      log(`  heartbeat ${c.key.row} ${JSON.stringify(c.value)} (now ${now})`);
    const pause = await storage.records.get<Record<string, unknown>>('annControl', {
      partition: 'throttle',
      row: 'pause',
    });
    log(`  pause ${JSON.stringify(pause?.value ?? null)}`);
    const lease = await storage.records.list<Record<string, unknown>>('annControl', 'lease');
    for (const l of lease) log(`  supervisor lease ${JSON.stringify(l.value)}`);
  } catch (error) {
    log(`  (could not read the state: ${error instanceof Error ? error.message : String(error)})`);
  }
  for (const w of workers) w.child.kill('SIGUSR2');
}

const round = (n: number, places = 3): number => Math.round(n * 10 ** places) / 10 ** places;

/** What a kill cost, from the connector's log and the processes' reports (ms after the kill). */
interface KillCost {
  /** The kill to the first delivery after it (either process). */
  noDeliveryMs?: number;
  /** Requests the connector counted in the 10 s before and after the kill, and the shortfall. */
  countedBefore: number;
  countedAfter: number;
  shortBy: number;
  /** A surviving process (2 or more): first at the whole rate, and back down to its share. */
  survivorWholeMs?: number;
  survivorBackMs?: number;
  /** The restarted process first at its share (the whole rate alone). */
  restartedShareMs?: number;
  /** The dead process's queue messages received again by anyone. */
  redeliveredMs?: number;
  redeliveredMessages: number;
  redeliveredRecipients: number;
  scanTakeOvers: number;
  scanTakeOverMs?: number;
  rowTakeOvers: number;
  rowTakeOverMs?: number;
  /** Requests each live process started in each of the 5 seconds after the kill. */
  sendsAfter: { name: string; perSecond: number[] }[];
  /** Pauses of the app (any process) within 5 s after the kill: ms after it, and how long. */
  pausesAfter: { at: number; ms: number }[];
  /** App-rate 429s from 1 s before the kill to 5 s after: ms after it, and their Retry-After. */
  appLimitedAround: { at: number; retryAfterS: number }[];
}

function killCost(
  connector: ThrottlingConnector,
  killedAt: number,
  rate: number,
  spawned: WorkerHandle[],
  restarted: WorkerHandle,
  workers: WorkerHandle[],
  processes: number,
): KillCost {
  const after = (t: number | undefined): number | undefined =>
    t === undefined ? undefined : Math.round(t - killedAt);
  const firstAfter = connector.delivered.find((d) => d.at >= killedAt)?.at;
  const counted = (from: number, to: number): number =>
    connector.countedAt.filter((t) => t >= from && t < to).length;
  const countedBefore = counted(killedAt - 10_000, killedAt);
  const countedAfter = counted(killedAt, killedAt + 10_000);
  const survivors = workers.filter((w) => w !== restarted);
  let survivorWhole: number | undefined;
  let survivorBack: number | undefined;
  for (const s of survivors) {
    const whole = s.rates.find((r) => r.at >= killedAt && r.rate >= rate - 1)?.at;
    if (whole === undefined) continue;
    survivorWhole = Math.min(survivorWhole ?? whole, whole);
    const back = s.rates.find((r) => r.at > whole && r.rate <= rate / processes + 1)?.at;
    if (back !== undefined) survivorBack = Math.min(survivorBack ?? back, back);
  }
  const share = restarted.rates.find((r) => r.rate >= rate / processes - 1)?.at;
  const redelivered = spawned
    .flatMap((w) => w.redelivered)
    .filter((r) => r.at >= killedAt)
    .sort((a, b) => a.at - b.at);
  const takeovers = spawned
    .flatMap((w) => w.takeovers)
    .filter((t) => t.at >= killedAt)
    .sort((a, b) => a.at - b.at);
  const via = (kind: string) => takeovers.filter((t) => t.via === kind);
  const perSecond = (w: WorkerHandle): number[] => {
    const slots = Array.from({ length: 5 }, () => 0);
    for (const s of w.sends) {
      const slot = Math.floor((s.at - killedAt) / 1000);
      if (slot >= 0 && slot < slots.length) slots[slot] += s.n;
    }
    return slots;
  };
  return {
    sendsAfter: workers.map((w) => ({
      name: w === restarted ? 'restarted' : 'survivor',
      perSecond: perSecond(w),
    })),
    pausesAfter: spawned
      .flatMap((w) => w.pauses)
      .filter((p) => p.at >= killedAt && p.at < killedAt + 5_000)
      .map((p) => ({ at: Math.round(p.at - killedAt), ms: p.ms })),
    appLimitedAround: connector.appLimitedAt
      .filter((l) => l.at >= killedAt - 1_000 && l.at < killedAt + 5_000)
      .map((l) => ({ at: Math.round(l.at - killedAt), retryAfterS: l.retryAfterS })),
    noDeliveryMs: after(firstAfter),
    countedBefore,
    countedAfter,
    shortBy: Math.max(0, countedBefore - countedAfter),
    survivorWholeMs: after(survivorWhole),
    survivorBackMs: after(survivorBack),
    restartedShareMs: after(share),
    redeliveredMs: after(redelivered[0]?.at),
    redeliveredMessages: redelivered.reduce((n, r) => n + r.messages, 0),
    redeliveredRecipients: redelivered.reduce((n, r) => n + r.recipients, 0),
    scanTakeOvers: via('scan').reduce((n, t) => n + t.n, 0),
    scanTakeOverMs: after(via('scan')[0]?.at),
    rowTakeOvers: via('row').reduce((n, t) => n + t.n, 0),
    rowTakeOverMs: after(via('row')[0]?.at),
  };
}

async function run(
  args: Args,
  command: WorkerCommand,
  connection: string,
  kind: Kind,
  rate: number,
  workerCount: number,
): Promise<RunResult> {
  const name = `${kind} ${rate}/s ${workerCount}w`;
  const recipients = args.recipients ?? Math.round(rate * args.seconds);
  const prefix = `bench${kind}`;
  const storage = storageFor(connection, prefix);
  const faults = kind !== 'clean';
  const connector = new ThrottlingConnector({
    appRatePerSecond: rate,
    inject429: faults ? args.inject429 : 0,
    inject5xx: faults ? args.inject5xx : 0,
    seed: args.seed + rate + workerCount,
    answerDelayMs: args.answerMs,
  });
  const url = await connector.start();
  const log = (line: string): boolean => process.stdout.write(`[${name}] ${line}\n`);
  const conversations = await seedReferences(storage, url, recipients);

  const store = new AnnouncementStore(storage.records);
  const service = new AnnouncementService({
    store,
    references: new ReferenceStore(storage.records),
    directory,
    queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
    clock: { now: () => new Date() },
    authorGroupIds: [AUTHOR_GROUP],
    // As the bot's own service (bot/announcements/services.ts): the message rendered at confirm.
    compose: composeAnnouncementMessage,
  });
  const author = { objectId: 'bench-author', name: 'Bench author' };
  const authorReference: StoredReference = {
    serviceUrl: url,
    tenantId: TENANT,
    conversationId: 'a:bench-author',
    conversationType: 'personal',
    botId: '28:bench-bot',
  };
  const { announcement } = await service.draft({
    template: 'number-matching',
    activationDate: '2099-12-01',
    audience: { kind: 'installed' },
    author,
    authorReference,
  });

  const workers = Array.from({ length: workerCount }, (_, i) =>
    spawnWorker(command, connection, prefix, rate, args, `instance-${i}`, workerCount),
  );
  const spawned = [...workers];
  // Up and able to send, as before the channel's parts were loaded after ready: the run's start
  // is measured from a process that has been running, as in production.
  await Promise.all(workers.map((w) => Promise.all([w.ready, w.channel])));
  const started = Date.now();
  await service.confirm(announcement.id, author, {
    reference: authorReference,
    activityId: 'progress-card',
  });
  const progress = setInterval(() => {
    const done = connector.delivered.length;
    const elapsed = (Date.now() - started) / 1000;
    log(`${done}/${recipients} delivered, ${(done / Math.max(1, elapsed)).toFixed(1)}/s`);
  }, 20_000);

  let kill: RunResult['kill'];
  let killedAtMs: number | undefined;
  let restarted: WorkerHandle | undefined;
  if (kind === 'killed') {
    await until(() => connector.delivered.length >= recipients / 2, 3_600_000, 'half way');
    workers[0].child.kill('SIGKILL');
    await new Promise((r) => workers[0].child.once('exit', r));
    const killedAt = Date.now();
    killedAtMs = killedAt;
    const deliveredAtKill = new Set(connector.delivered.map((d) => d.conversationId));
    // Started again at once, as a process manager would.
    workers[0] = spawnWorker(
      command,
      connection,
      prefix,
      rate,
      args,
      'instance-0',
      workerCount,
      (process.env.BENCH_RESTART_NODE ?? '').split(' ').filter(Boolean),
    );
    spawned.push(workers[0]);
    restarted = workers[0];
    // Only the claims (filtered by the table service), not every row, while the run goes on.
    const sending = await store.recipientsWithStatus(announcement.id, ['sending']);
    const deliveredUnrecorded = sending.filter((r) =>
      deliveredAtKill.has(r.value.reference?.conversationId ?? ''),
    ).length;
    await workers[0].ready;
    kill = {
      claimsAtKill: sending.length,
      deliveredUnrecorded,
      restartedAfterS: round((Date.now() - killedAt) / 1000, 1),
    };
    log(
      `killed a worker at ${deliveredAtKill.size} delivered: ${sending.length} claim(s) held, ${deliveredUnrecorded} already delivered but not recorded; restarted after ${kill.restartedAfterS} s`,
    );
  }
  // A run that stops moving says why: the rows, the heartbeats, the pause, and each worker's
  // own state (backlog, lanes, limiter) on SIGUSR2.
  let lastCount = -1;
  let lastMoveAt = Date.now();
  let dumped = false;
  const watchdog = setInterval(() => {
    const count = connector.delivered.length;
    if (count !== lastCount) {
      lastCount = count;
      lastMoveAt = Date.now();
      return;
    }
    if (dumped || Date.now() - lastMoveAt < args.stallSeconds * 1000) return;
    dumped = true;
    void dumpStall(storage, announcement.id, workers, log, count, recipients);
  }, 1000);
  let finishedAt = 0;
  await until(
    async () => {
      const record = (await store.get(announcement.id))?.value;
      // Completion is when the state changed; the wait includes the author's final report.
      if (record?.state === 'completed' && record.finishedAt && record.reportedAt) {
        finishedAt = Date.parse(record.finishedAt);
        return true;
      }
      return false;
    },
    3_600_000,
    'completion',
  );
  clearInterval(progress);
  clearInterval(watchdog);
  for (const w of workers) w.child.kill('SIGTERM');
  const workerStats = await Promise.all(workers.map((w) => w.stats));
  await connector.stop();

  const seconds = (finishedAt - started) / 1000;
  const unique = new Set(connector.delivered.map((d) => d.conversationId));
  const counted = connector.stats.requests - connector.stats.appLimited;
  const first = connector.delivered[0]?.at ?? started;
  if (kill !== undefined && killedAtMs !== undefined) {
    const around = Array.from({ length: 7 }, () => 0);
    for (const d of connector.delivered) {
      const slot = Math.floor((d.at - killedAtMs) / 1000) + 1;
      if (slot >= 0 && slot < around.length) around[slot] += 1;
    }
    kill.deliveriesAroundKill = around;
  }
  const last = connector.delivered[connector.delivered.length - 1]?.at ?? started;
  const heldRows = (await store.recipients(announcement.id)).filter(
    (r) => r.value.status === 'failed' && r.value.reason === 'outcome-unknown',
  );
  const heldDelivered = heldRows.filter((r) =>
    unique.has(r.value.reference?.conversationId ?? ''),
  ).length;
  const result: RunResult = {
    name,
    kind,
    ratePerSecond: rate,
    workers: workerCount,
    recipients,
    allowedRateFraction: round(unique.size / (rate * seconds)),
    budgetFraction: round(counted / (rate * seconds)),
    lost: connector.lost(conversations).length,
    duplicates: connector.duplicates(conversations),
    held: heldRows.length,
    heldDelivered,
    seconds: round(seconds, 1),
    rate: round(unique.size / seconds, 2),
    firstDeliveryS: round((first - started) / 1000, 2),
    tailS: round((finishedAt - last) / 1000, 2),
    supervisorRequests: spawned.reduce((sum, w) => sum + w.supervisorRequests, 0),
    kill,
    connector: { ...connector.stats, progressUpdates: connector.updated.length },
    workerStats,
  };
  log(
    `allowedRateFraction ${result.allowedRateFraction}, budgetFraction ${result.budgetFraction}, lost ${result.lost}, duplicates ${result.duplicates}, held as outcome unknown ${result.held} (${result.heldDelivered} of them delivered), ${result.seconds} s, ${result.rate}/s of ${rate}/s`,
  );
  log(
    `connector: ${connector.stats.requests} requests (${counted} counted), ${connector.stats.injected429} injected 429, ${connector.stats.injected5xx} injected 5xx, ${connector.stats.appLimited} over the app rate, ${connector.stats.conversationLimited} over a conversation limit, peak ${connector.stats.peakPerWindow}/s; ${connector.updated.length} progress-card updates`,
  );
  if (connector.appLimitedAt.length > 0) {
    const when = connector.appLimitedAt.map((x) => ((x.at - started) / 1000).toFixed(2));
    log(`app-rate 429s at ${when.slice(0, 20).join(', ')} s after the confirm`);
    // Who sent what around the first one: each process's rate changes and requests started
    // every 250 ms, from 2 s before it to 1 s after (ms relative to it), and the channel's count.
    const at = connector.appLimitedAt[0].at;
    const near = (t: number): boolean => t >= at - 2_000 && t < at + 1_000;
    spawned.forEach((w, i) => {
      const rates = w.rates.filter((r) => near(r.at)).map((r) => `${r.rate}@${r.at - at}`);
      const sends = w.sends.filter((s) => near(s.at)).map((s) => `${s.n}@${s.at - at}`);
      log(
        `around the first app-rate 429, process ${i + 1}: rate ${rates.join(' ') || 'unchanged'}; requests started ${sends.join(' ')}`,
      );
    });
    const counted = connector.countedAt.filter(near).map((t) => t - at);
    const perQuarter = Array.from(
      { length: 12 },
      (_, q) => counted.filter((t) => t >= -2_000 + q * 250 && t < -1_750 + q * 250).length,
    );
    log(`around the first app-rate 429: channel counted per 250 ms ${perQuarter.join(', ')}`);
  }
  log(
    `first delivery after ${result.firstDeliveryS} s; completion recorded ${result.tailS} s after the last delivery`,
  );
  {
    // The start, ms after the confirm: each process's first claim, first rate above the trickle,
    // its whole share, first request; and the end: requests the channel counted in each of the
    // last 4 s before the last delivery, and each process's rate changes then (ms before it).
    const ms = (t: number | undefined): string =>
      t === undefined ? '-' : String(Math.round(t - started));
    log(
      `start (ms after the confirm): ${spawned
        .filter((w) => w.moments.spawned < started)
        .map(
          (w, i) =>
            `process ${i + 1}${w.moments.listed ? ` (expanded: references listed ${ms(w.moments.listed)}, first rows inserted ${ms(w.moments.inserted)}, first message queued ${ms(w.moments.queued)})` : ''} first claim ${ms(w.moments.claim)}, raised ${ms(w.moments.raised)}, whole share ${ms(w.moments.full)}, first request ${ms(w.moments.send)}`,
        )
        .join('; ')}; first delivery ${ms(first)}`,
    );
    const perSecond = Array.from(
      { length: 4 },
      (_, s) =>
        connector.countedAt.filter((t) => t > last - (4 - s) * 1000 && t <= last - (3 - s) * 1000)
          .length,
    );
    const rateChanges = workers
      .map(
        (w, i) =>
          `process ${i + 1} ${
            w.rates
              .filter((r) => r.at > last - 4_000)
              .map((r) => `${r.rate}@-${Math.round(last - r.at)}`)
              .join(' ') || 'unchanged'
          }`,
      )
      .join('; ');
    log(
      `end: the channel counted ${perSecond.join(', ')} in each of the last 4 s before the last delivery; rates then (ms before it): ${rateChanges}`,
    );
  }
  {
    // Where the run's capacity (rate × seconds requests) went, as shares of it: requests the
    // connector counted, the wait before the first delivery and after the last, what the pace's
    // headroom leaves by design, turns the pace had and nobody took, and the rest (the sliding-
    // second check holding requests back, a restart, storage keeping lanes waiting).
    const capacity = rate * seconds;
    const share = (n: number): string => (n / capacity).toFixed(4);
    const sending = (last - first) / 1000;
    const headroom = rate * DEFAULT_HEADROOM * sending;
    const paceUnused = workerStats.reduce(
      (sum, s) => sum + (Number(s.paceUnusedMs ?? 0) / 1000) * (rate / workerCount),
      0,
    );
    const start = rate * result.firstDeliveryS;
    const tail = rate * result.tailS;
    const rest = capacity - counted - start - tail - headroom - paceUnused;
    log(
      `budget: counted ${share(counted)} (first deliveries ${share(unique.size)}, retries and progress cards ${share(counted - unique.size)}); before the first delivery ${share(start)}; after the last ${share(tail)}; pace headroom (${DEFAULT_HEADROOM * 100} %) ${share(headroom)}; pace turns nobody took ${share(paceUnused)}; the rest ${share(rest)}; app-rate 429s (not counted) ${connector.stats.appLimited}, peak ${connector.stats.peakPerWindow} in a second`,
    );
  }
  if (restarted && killedAtMs !== undefined) {
    // The restart, step by step, in ms after the kill (the process's exit seen): what is the
    // start-up of a process, and what is our own waiting (heartbeat, claim on the rate, queue).
    const m = restarted.moments;
    const firstDelivery = connector.delivered.find((d) => d.at >= m.spawned)?.at;
    const at = (t: number | undefined): string =>
      t === undefined ? '-' : String(Math.round(t - killedAtMs!));
    const step = (from: number | undefined, to: number | undefined): string =>
      from === undefined || to === undefined ? '-' : String(Math.round(to - from));
    log(
      `restart (${command.mode}), ms after the kill: spawned ${at(m.spawned)}, node started ${at(m.started)}, modules loaded ${at(m.loadedAt)}, ready ${at(m.ready)}, channel parts loaded ${at(m.channel)} (${restarted.channelLoadMs ?? '-'} ms to load), first claim ${at(m.claim)}, rate above the trickle ${at(m.raised)}, whole rate ${at(m.full)}, first request ${at(m.send)}, first delivery${workerCount > 1 ? ' (either process)' : ''} ${at(firstDelivery)}`,
    );
    log(
      `restart split: process start to ready ${step(m.spawned, m.ready)} ms (node ${step(m.spawned, m.started)}, modules ${step(m.started, m.loadedAt)}, services and first heartbeat ${step(m.loadedAt, m.ready)}); ready to first claim ${step(m.ready, m.claim)} ms; first claim to first delivery ${step(m.claim, firstDelivery)} ms (to the whole rate ${step(m.claim, m.full)} ms)`,
    );
  }
  if (restarted?.trace && killedAtMs !== undefined) {
    // Each storage call of the restarted process (sup: the supervisor's) and each stretch in
    // which its event loop did not turn, ms after the kill, until its first request.
    const end = (restarted.moments.send ?? Infinity) + 50;
    const items = restarted.trace
      .filter(([, a]) => a <= end)
      .sort((x, y) => x[1] - y[1])
      .map(([name, a, b]) =>
        a === b
          ? `${name} ${Math.round(a - killedAtMs!)}`
          : `${name} ${Math.round(a - killedAtMs!)}-${Math.round(b - killedAtMs!)}`,
      );
    log(`restart timeline (ms after the kill): ${items.join('; ')}`);
    // After the first request, the stalls only: one while sending at the whole rate bunches
    // requests that then reach the channel closer together than they were counted.
    const later = restarted.trace
      .filter(([name, a]) => a > end && name === 'blocked')
      .sort((x, y) => x[1] - y[1])
      .map(([, a, b]) => `${Math.round(a - killedAtMs!)}-${Math.round(b - killedAtMs!)}`);
    log(
      `restart stalls after the first request (ms after the kill): ${later.join(', ') || 'none'}`,
    );
  }
  if (kill?.deliveriesAroundKill)
    log(
      `deliveries a second, from 1 s before the kill to 6 s after: ${kill.deliveriesAroundKill.join(', ')}`,
    );
  if (kill && killedAtMs !== undefined && restarted) {
    kill.cost = killCost(connector, killedAtMs, rate, spawned, restarted, workers, workerCount);
    const c = kill.cost;
    const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v} ms`);
    log(
      `kill cost: no delivery for ${ms(c.noDeliveryMs)} after the kill; requests counted in the 10 s after it ${c.countedAfter} against ${c.countedBefore} in the 10 s before (${c.shortBy} short); survivor at the whole rate after ${ms(c.survivorWholeMs)}, back to its share after ${ms(c.survivorBackMs)}; restarted at its share after ${ms(c.restartedShareMs)}`,
    );
    log(
      `kill cost: requests started a second from the kill, by process: ${c.sendsAfter
        .map((p) => `${p.name} ${p.perSecond.join(', ')}`)
        .join(
          '; ',
        )}; pauses of the app within 5 s: ${c.pausesAfter.length === 0 ? 'none' : c.pausesAfter.map((p) => `${p.at} ms for ${p.ms} ms`).join(', ')}`,
    );
    log(
      `kill cost: app-rate 429s from 1 s before the kill to 5 s after (ms after it, Retry-After s): ${c.appLimitedAround.length === 0 ? 'none' : c.appLimitedAround.map((l) => `${l.at} (${l.retryAfterS})`).join(', ')}`,
    );
    log(
      `kill cost: the dead process's messages back ${ms(c.redeliveredMs)} after the kill (${c.redeliveredMessages} message(s), ${c.redeliveredRecipients} recipient(s)); claims taken over by the scan ${c.scanTakeOvers} (first ${ms(c.scanTakeOverMs)}), on the row ${c.rowTakeOvers} (first ${ms(c.rowTakeOverMs)})`,
    );
  }
  log(
    `supervisor: ${result.supervisorRequests} storage requests (${round(result.supervisorRequests / Math.max(1, recipients))} per recipient, ${round(result.supervisorRequests / Math.max(1, seconds), 1)}/s)`,
  );
  workerStats.forEach((s, i) => {
    if (!s.windows) return;
    log(
      `worker ${i + 1}: ${String(s.attempts)} attempts; mean per attempt ${JSON.stringify(s.stagesMeanMs)} ms; limiter wait p50 ${String(s.limiterP50Ms)} ms p99 ${String(s.limiterP99Ms)} ms; send window p50 ${String(s.windowP50)} ms p99 ${String(s.windowP99)} ms; messages redelivered ${String(s.redelivered)}; event-loop delay p50 ${String(s.eventLoopDelayP50Ms)} ms p99 ${String(s.eventLoopDelayP99Ms)} ms; claims taken over ${String(s.takenOver)}${s.firstTakeOverAt ? ` (first ${(((s.firstTakeOverAt as number) - started) / 1000).toFixed(1)} s into the run)` : ''}`,
    );
    log(
      `worker ${i + 1} budget: pace unused ${String(s.paceUnusedMs)} ms (turns nobody asked for); sliding-second check held back ${String(s.admitWaits)} request(s); lanes without work while working ${String(s.starvedS)} s of ${String(s.workingS)} s`,
    );
    type Ops = Record<string, { count: number; meanMs: number; maxMs: number }>;
    const perOp = (ops: Ops | undefined): string =>
      Object.entries(ops ?? {})
        .map(([op, v]) => `${op} ${v.count}× ${v.meanMs} ms (max ${v.maxMs})`)
        .join(', ');
    log(`worker ${i + 1} storage: ${perOp(s.storage as Ops)}`);
    // The supervisor's calls apart (list pages counted): its row reads are the scans.
    log(`worker ${i + 1} supervisor storage: ${perOp(s.supervisorStorage as Ops | undefined)}`);
  });
  return result;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  process.stdout.write(
    `announce bench: runs ${args.runs.join(', ')} at ${args.rates.join(', ')}/s with ${args.workers.join(', ')} worker process(es); ${args.recipients ?? `rate × ${args.seconds} s of`} recipients; faults ${args.inject429 * 100}% 429 + ${args.inject5xx * 100}% 5xx; answers ${args.answerMs} ms after counting; in-doubt ${args.inDoubt}\n`,
  );
  const command = workerCommand(args.tsx);
  const runs: RunResult[] = [];
  const benchStarted = Date.now();
  for (const rate of args.rates) {
    for (const workers of args.workers) {
      for (const kind of args.runs) {
        // A fresh Azurite for each run, so no run starts with another one's data.
        const azurite = await startAzurite({ inMemory: true });
        try {
          runs.push(await run(args, command, azurite.connectionString, kind, rate, workers));
        } finally {
          await azurite.stop();
        }
      }
    }
  }
  // "none" where no run of that kind was asked for (Math.min of nothing is Infinity).
  const worst = (key: 'budgetFraction' | 'allowedRateFraction', of = runs): string =>
    of.length === 0 ? 'none' : String(Math.min(...of.map((r) => r[key])));
  process.stdout.write(
    `\nall runs in ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min: lowest budgetFraction ${worst('budgetFraction')}, lowest clean allowedRateFraction ${worst(
      'allowedRateFraction',
      runs.filter((r) => r.kind === 'clean'),
    )}, lost ${runs.reduce((s, r) => s + r.lost, 0)}, duplicates ${runs.reduce((s, r) => s + r.duplicates, 0)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'announce',
      answerMs: args.answerMs,
      runs: runs.map((r) => ({
        name: r.name,
        kind: r.kind,
        ratePerSecond: r.ratePerSecond,
        workers: r.workers,
        recipients: r.recipients,
        allowedRateFraction: r.allowedRateFraction,
        budgetFraction: r.budgetFraction,
        lost: r.lost,
        duplicates: r.duplicates,
        held: r.held,
        heldDelivered: r.heldDelivered,
        seconds: r.seconds,
        rate: r.rate,
        firstDeliveryS: r.firstDeliveryS,
        tailS: r.tailS,
        supervisorRequests: r.supervisorRequests,
        ...(r.kill ?? {}),
      })),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
