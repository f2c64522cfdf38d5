/**
 * One announcement worker process for the benchmark: the real workers (bot/announcements) on
 * metered storage, reporting per-stage timings and storage calls when told to stop (SIGTERM).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DeliveryEvent, StageTimes } from '../../src/announcements/delivery-policy';
import type { AudienceDirectory } from '../../src/announcements/ports';
import type { DeliveryMessage } from '../../src/announcements/types';
import { parseConfig } from '../../src/config';
import { LOCAL_TENANT } from '../../src/sandbox/local-tenant';
import { createStorage } from '../../src/storage';
import { ANNOUNCEMENT_QUEUE, buildAnnouncementServices } from '../../bot/announcements/services';
import { startAnnouncementWorkers } from '../../bot/announcements/workers';
import { Meter, meteredQueue, meteredRecords } from './metered';

export const AUTHOR_GROUP = 'bench-author-group';

/** The audience comes from stored references ("installed"); Graph is never asked. */
export const directory: AudienceDirectory = {
  async *groupMembers() {
    yield [];
  },
  groupName: async () => undefined,
  memberGroups: async (_user, groups) => groups.filter((g) => g === AUTHOR_GROUP),
  authenticatorSettings: async () => ({
    state: 'enabled',
    numberMatching: 'enabled',
    appName: 'enabled',
    location: 'enabled',
  }),
};

export function storageFor(connection: string, prefix: string): ReturnType<typeof createStorage> {
  return createStorage(
    { connectionString: connection },
    { tablePrefix: prefix, queuePrefix: `${prefix.toLowerCase()}-` },
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runWorker(options: {
  connection: string;
  prefix: string;
  rate: number;
  inDoubt: 'resend' | 'hold';
  machine: string;
  /** Worker processes in the run: the whole rate this one is meant to have is rate / processes. */
  processes: number;
  /** When this process had loaded its modules (worker-main.ts), for the restart's split. */
  loadedAt?: number;
}): Promise<void> {
  const storage = storageFor(options.connection, options.prefix);
  const meter = new Meter();
  // The supervisor's own requests, apart: they grow with the audience, not with the sends.
  const supervisorMeter = new Meter();
  supervisorMeter.onCall = (name, a, b) => traceCall('sup:')(name, a, b);
  const claimed = new Map<string, number>();
  const windows: number[] = [];
  const limiterWaits: number[] = [];
  const stageTotals: StageTimes = { read: 0, claim: 0, limiter: 0, send: 0, record: 0 };
  let attempts = 0;
  let takenOver = 0;
  let firstTakeOverAt = 0;
  // The first moments of this process, reported as they happen (a restart's split, see
  // bench/announce.ts): its first claim transaction and its first request on its way.
  const reported = new Set<string>();
  const first = (what: string, at = Date.now()): void => {
    if (reported.has(what)) return;
    reported.add(what);
    trace.push([`first ${what}`, at, at]);
    process.stdout.write(`@${JSON.stringify({ event: 'first', what, at })}\n`);
  };
  meter.onDone = (name) => {
    if (name === 'table.replaceBatch annRecipients') first('claim');
    // The expansion's steps, when this process expands (the run's start, bench/announce.ts).
    if (name === 'table.list annReferences') first('listed');
    if (name === 'table.insertBatch annRecipients') first('inserted');
    if (name === 'queue.send') first('queued');
  };
  // The first seconds of this process, for a restart's timeline (bench/announce.ts prints the
  // restarted one's): every storage call (start, end), and every stretch of more than 15 ms in
  // which the event loop did not turn (module loading, parsing), in epoch ms.
  const traceUntil = performance.timeOrigin + 4_000;
  const trace: [string, number, number][] = [];
  const traceCall = (who: string) => (name: string, startedAt: number, endedAt: number) => {
    if (startedAt < traceUntil) trace.push([`${who}${name}`, startedAt, endedAt]);
  };
  meter.onCall = traceCall('');
  let lastTick = Date.now();
  const blockWatch = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 20) trace.push(['blocked', lastTick + 5, now]);
    lastTick = now;
    if (now > traceUntil) {
      clearInterval(blockWatch);
      process.stdout.write(`@${JSON.stringify({ event: 'trace', trace })}\n`);
    }
  }, 5);
  const emit = (event: Record<string, unknown>): void => {
    process.stdout.write(`@${JSON.stringify(event)}\n`);
  };
  // Moments the benchmark places against a kill (bench/announce.ts, "kill cost"): messages a
  // dead receiver held coming back, claims taken over (by the scan or on the row), the rate.
  meter.onRedelivered = (messages, recipients) =>
    emit({ event: 'redelivered', at: Date.now(), messages, recipients });
  const takeOvers = { scan: 0, row: 0, at: 0 };
  const flushTakeOvers = (): void => {
    for (const via of ['scan', 'row'] as const)
      if (takeOvers[via] > 0) emit({ event: 'takeover', at: takeOvers.at, via, n: takeOvers[via] });
    takeOvers.scan = 0;
    takeOvers.row = 0;
    takeOvers.at = 0;
  };
  const observe = (event: DeliveryEvent): void => {
    if (event.kind === 'sending') first('send', event.at);
    if (event.kind === 'sending' && event.at < traceUntil) trace.push(['send', event.at, event.at]);
    if (event.kind === 'sending') sendsSince += 1;
    if (event.kind === 'sending') claimed.set(event.recipient, event.at);
    if (event.kind === 'recorded') {
      const at = claimed.get(event.recipient);
      if (at !== undefined) windows.push(event.at - at);
      claimed.delete(event.recipient);
    }
    if (event.kind === 'stages') {
      attempts += 1;
      limiterWaits.push(event.times.limiter);
      for (const k of Object.keys(stageTotals) as (keyof StageTimes)[])
        stageTotals[k] += event.times[k];
    }
    if (event.kind === 'taken-over') {
      takenOver += 1;
      firstTakeOverAt ||= event.at;
      if (takeOvers.at === 0) setImmediate(flushTakeOvers);
      takeOvers.at ||= event.at;
      takeOvers[event.via] += 1;
    }
  };
  const services = buildAnnouncementServices({
    config: { ...parseConfig({}, LOCAL_TENANT), helpdeskGroupId: AUTHOR_GROUP },
    records: meteredRecords(storage.records, meter),
    queue: meteredQueue(storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE), meter),
    directory,
  });
  const stop = await startAnnouncementWorkers(services, {
    ratePerSecond: options.rate,
    inDoubt: options.inDoubt,
    cluster: {
      machine: options.machine,
      // BENCH_NO_ENDED=1: never tell from the operating system that a predecessor has ended, so
      // a restart waits out its claim as before (to compare).
      ...(process.env.BENCH_NO_ENDED
        ? { processes: { self: () => undefined, running: () => true } }
        : {}),
    },
    observe,
    supervisorRecords: meteredRecords(storage.records, supervisorMeter),
    log: (line) => process.stderr.write(`${line}\n`),
    supervisor: { progressIntervalMs: 5_000 },
    // The channel's parts (botbuilder, cards) load after the process is up: when they were in.
    onChannelLoaded: (ms) => {
      first('channel');
      emit({ event: 'channel-load', ms: Math.round(ms) });
    },
    // For experiments: BENCH_WORKER='{"concurrency":48,"limiter":{"slidingWindow":false}}'
    ...(JSON.parse(process.env.BENCH_WORKER ?? '{}') as object),
  });
  // Every 100 ms: did lanes wait for work while the process had work under way (the backlog
  // ran dry: receiving or claiming did not keep up)?
  let starvedSamples = 0;
  let workingSamples = 0;
  const sampler = setInterval(() => {
    const w = stop.snapshot().worker as Record<string, number>;
    if (w.inFlight + w.backlog + w.retryTimers === 0) return;
    workingSamples += 1;
    if (w.backlog === 0 && w.idleLanes > 0) starvedSamples += 1;
  }, 100);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.stdout.write(
    `@${JSON.stringify({ event: 'ready', at: Date.now(), loadedAt: options.loadedAt, started: Math.round(performance.timeOrigin) })}\n`,
  );
  // When the limiter first gets more than the trickle it starts from (the claim on the rate
  // went through), and when it first gets the whole rate this process is meant to have.
  // Requests this process started, every 250 ms (which process sent what around a kill).
  let sendsSince = 0;
  const sendsTimer = setInterval(() => {
    if (sendsSince > 0) emit({ event: 'sends', at: Date.now(), n: sendsSince });
    sendsSince = 0;
  }, 250);
  // Every change of the rate is reported as well (a survivor's take-over of a dead one's share),
  // and each pause of the app (a 429's Retry-After, shared by every process).
  let lastRate = -1;
  let paused = false;
  const rateWatch = setInterval(() => {
    const rate = (stop.snapshot().limiter as Record<string, number>).rate;
    if (rate > 1) first('raised');
    if (rate >= options.rate / options.processes - 1) first('full');
    if (rate !== lastRate) emit({ event: 'rate', at: Date.now(), rate });
    lastRate = rate;
    const pausedFor = (stop.snapshot().limiter as Record<string, number>).pausedForMs;
    if (pausedFor > 0 && !paused) emit({ event: 'pause', at: Date.now(), ms: pausedFor });
    paused = pausedFor > 0;
  }, 10);
  // Reported as it grows, so a process that is killed still leaves its count behind.
  const supervisorTimer = setInterval(() => {
    const requests = supervisorMeter.requests;
    process.stdout.write(`@${JSON.stringify({ event: 'supervisor', requests })}\n`);
  }, 500);
  process.on('SIGUSR2', () => {
    process.stdout.write(`@${JSON.stringify({ event: 'snapshot', ...stop.snapshot() })}\n`);
  });
  process.on('SIGTERM', () => {
    const limiterState = stop.snapshot().limiter as Record<string, number>;
    clearInterval(sampler);
    clearInterval(rateWatch);
    clearInterval(sendsTimer);
    void stop().then(() => {
      clearInterval(supervisorTimer);
      windows.sort((a, b) => a - b);
      limiterWaits.sort((a, b) => a - b);
      const mean = (ms: number): number => Math.round((ms / Math.max(1, attempts)) * 10) / 10;
      const stats = {
        event: 'stats',
        windows: windows.length,
        windowP50: percentile(windows, 50),
        windowP99: percentile(windows, 99),
        windowMax: windows[windows.length - 1] ?? 0,
        attempts,
        stagesMeanMs: Object.fromEntries(Object.entries(stageTotals).map(([k, v]) => [k, mean(v)])),
        limiterP50Ms: percentile(limiterWaits, 50),
        limiterP99Ms: percentile(limiterWaits, 99),
        takenOver,
        eventLoopDelayP50Ms: Math.round(lag.percentile(50) / 1e6),
        eventLoopDelayP99Ms: Math.round(lag.percentile(99) / 1e6),
        firstTakeOverAt,
        redelivered: meter.redelivered,
        storage: meter.summary(),
        paceUnusedMs: limiterState.paceUnusedMs,
        admitWaits: limiterState.admitWaits,
        workingS: workingSamples / 10,
        starvedS: starvedSamples / 10,
        supervisorRequests: supervisorMeter.requests,
        supervisorStorage: supervisorMeter.summary(),
      };
      process.stdout.write(`@${JSON.stringify(stats)}\n`);
      process.exit(0);
    });
  });
}
