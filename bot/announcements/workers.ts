/**
 * Starts the announcement workers inside a bot process: queue consumer, per-announcement
 * supervisor and cluster coordination. Every process that calls this joins the same pool; the
 * app-wide rate is split among them and a pause decided by one reaches all.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AnnouncementStore } from '../../src/announcements/announcement-store';
import { AudienceExpander } from '../../src/announcements/audience-expansion';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import {
  DEFAULT_RATE_PER_SECOND,
  DeliveryLimiter,
  MAX_RATE_PER_SECOND,
  type DeliveryLimiterOptions,
} from '../../src/announcements/delivery-limiter';
import { DeliveryWorker, type WorkerOptions } from '../../src/announcements/delivery-worker';
import { osLocalProcesses, type LocalProcesses } from '../../src/announcements/local-processes';
import { ProcessOutcomes } from '../../src/announcements/process-outcomes';
import { QueueEndWatch } from '../../src/announcements/queue-end-watch';
import type { ProactiveSender } from '../../src/announcements/ports';
import {
  DEFAULT_DELIVERY_POLICY,
  RecipientDelivery,
  type DeliveryEvent,
  type DeliveryPolicy,
  type InDoubtPolicy,
} from '../../src/announcements/recipient-delivery';
import { Supervisor, type SupervisorOptions } from '../../src/announcements/supervisor';
import { ThrottleGovernor, type GovernorOptions } from '../../src/announcements/throttle-governor';
import { WorkerCounters } from '../../src/announcements/worker-counters';
import type { RecordStore } from '../../src/ports';
import type { ConnectorAttempt } from './connector-transport';
import { LazyChannel } from './lazy-channel';
import type { AnnouncementServices } from './services';
import { lineLog } from '../log';

export interface AnnouncementWorkerOptions {
  /** Requests per second for the whole app in the tenant, all processes together. Max 50. */
  ratePerSecond?: number;
  /** Recipients in progress at once in this process. */
  concurrency?: number;
  /** After a worker died mid-send: mark "outcome unknown" for the author (default) or send again. */
  inDoubt?: InDoubtPolicy;
  /** Connector call timeout. The claim lease is kept at least twice this. */
  httpTimeoutMs?: number;
  workerId?: string;
  policy?: Partial<DeliveryPolicy>;
  worker?: WorkerOptions;
  supervisor?: Partial<Omit<SupervisorOptions, 'workerId'>>;
  governor?: GovernorOptions;
  /** Pace details (headroom, the sliding-second check); see delivery-limiter.ts. */
  limiter?: Pick<DeliveryLimiterOptions, 'headroom' | 'windowMarginMs' | 'slidingWindow'>;
  /** `machine`: where this process runs (see ClusterOptions.machine). */
  /** `processes`: how to tell that a process on this system has ended (local-processes.ts). */
  cluster?: {
    heartbeatMs?: number;
    staleMs?: number;
    pollMs?: number;
    machine?: string;
    processes?: LocalProcesses;
  };
  /** Replaces the Bot Framework sender (tests). */
  sender?: ProactiveSender;
  log?: (line: string) => void;
  /** Recipients per delivery queue message (default 50, see audience-expansion.ts). */
  recipientsPerMessage?: number;
  /** Every HTTP attempt to the connector (measurement). */
  onAttempt?: (attempt: ConnectorAttempt) => void;
  /** Claim / answer / record moments per recipient (measurement). */
  observe?: (event: DeliveryEvent) => void;
  /** The records the supervisor reads and writes, when they should differ (measurement). */
  supervisorRecords?: RecordStore;
  /** Told when the channel's parts (botbuilder, cards) are loaded, and how long it took. */
  onChannelLoaded?: (ms: number) => void;
}

export function defaultWorkerId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, '')
      .slice(0, 40) || 'host';
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Stops the workers (waiting for sends in flight); `snapshot` tells what they hold now. */
export type StopWorkers = (() => Promise<void>) & { snapshot(): Record<string, unknown> };

/**
 * Starts the workers on the services the composition root built (buildAnnouncementServices);
 * resolves with a function that stops them (waiting for sends in flight).
 */
export async function startAnnouncementWorkers(
  services: AnnouncementServices,
  options: AnnouncementWorkerOptions = {},
): Promise<StopWorkers> {
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  if (!(rate > 0 && rate <= MAX_RATE_PER_SECOND)) {
    throw new Error(
      `announcement rate must be above 0 and at most ${MAX_RATE_PER_SECOND}, got ${rate}`,
    );
  }
  const log = options.log ?? lineLog('announcements', 'warn');
  const workerId = options.workerId ?? defaultWorkerId();
  const { store, references, clock } = services;
  const httpTimeoutMs = options.httpTimeoutMs ?? 15_000;
  const limiter = new DeliveryLimiter({
    ...options.limiter,
    ratePerSecond: rate,
    governor: new ThrottleGovernor(options.governor),
    now: () => clock.now().getTime(),
    // Our own transport checks the app's second as each request leaves (see admitAtSend).
    admitAtSend: !options.sender,
  });
  // The sender and the cards are loaded after the workers are up (lazy-channel.ts).
  const channel = new LazyChannel((parts) => {
    const sender =
      options.sender ??
      new parts.BotProactiveSender(services.config.bot, {
        timeoutMs: httpTimeoutMs,
        onAttempt: options.onAttempt,
        admit: () => limiter.admit(),
        // The journal's `leaving` mark, after the sliding-second check (outcome-journal.ts).
        beforeLeave: (request) => journal.leaving(request.method, request.url),
      });
    return {
      sender,
      notifier: new parts.BotAnnouncementNotifier(sender, references, {
        helpdeskChannelId: services.config.helpdeskChannelId,
        botAppId: services.config.bot.appId,
        clock,
      }),
      compose: parts.composeAnnouncementMessage,
    };
  }, options.onChannelLoaded);
  const sender = options.sender ?? channel.sender;
  const notifier = channel.notifier;
  const counters = new WorkerCounters(store, workerId, clock);
  // Settles with the cluster's first heartbeat: the worker's first receive goes out before.
  let clusterUp: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (clusterUp = resolve));
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  if (options.inDoubt) policy.inDoubt = options.inDoubt;
  policy.leaseMs = Math.max(policy.leaseMs, 2 * httpTimeoutMs);

  const processes = options.cluster?.processes ?? osLocalProcesses();
  const cluster = new ClusterCoordinator(services.records, limiter, {
    workerId,
    totalRatePerSecond: rate,
    clock,
    log,
    ...options.cluster,
    processes,
  });
  // The channel's answers, journalled where a successor on this system can read them after a
  // death, and the journals of peers the system says have ended (outcome-journal.ts).
  const journal = new ProcessOutcomes({
    workerId,
    journals: processes.self() ? processes.outcomeJournals : undefined,
    hasEnded: (id) => cluster.liveness.hasEnded?.(id) ?? false,
    // Our own transport marks each request as it leaves; another sender is marked before it starts.
    leavingAtTransport: !options.sender,
  });
  const worker = new DeliveryWorker(
    {
      queue: services.queue,
      store,
      delivery: new RecipientDelivery({
        store,
        references,
        queue: services.queue,
        sender,
        installer: services.installer,
        limiter,
        counters,
        clock,
        workerId,
        policy,
        liveness: cluster.liveness,
        journal,
        observe: options.observe,
        log,
      }),
      expander: new AudienceExpander(
        {
          store,
          references,
          directory: services.directory,
          queue: services.queue,
          clock,
          onQueued: () => worker.nudge(),
        },
        { batchSize: options.recipientsPerMessage },
      ),
      reports: services.reports,
      notifier,
      limiter,
      compose: channel.compose,
      clock,
      onBusy: (busy, queueEmpty) => {
        hasWork = busy;
        claimShare();
        endWatch.update(busy && canSend, queueEmpty);
        // Out of work: write the running totals now, so the supervisor (maybe in another
        // process) sees the last recipients final without waiting for its next round.
        if (!busy) void counters.flush().catch(() => undefined);
      },
      backlogRate: () => cluster.fairShare,
      ready,
      log,
    },
    { recipientsPerMessage: options.recipientsPerMessage, ...options.worker },
  );
  // The queue ran dry while this process still has work: peers running out leave their shares.
  const endWatch = new QueueEndWatch(
    () => cluster.beat(),
    () => cluster.sharingWith > 1,
  );
  // A share of the rate is claimed only once the channel's parts are in: a process restarted
  // beside a survivor receives and claims work while they load, but leaves the survivor the
  // whole rate until it can send itself.
  let hasWork = false;
  let canSend = false;
  const claimShare = (): void => cluster.setBusy(hasWork && canSend);
  const supervisorRecords = options.supervisorRecords ?? services.records;
  const supervisor = new Supervisor(
    {
      store: options.supervisorRecords ? new AnnouncementStore(supervisorRecords) : store,
      records: supervisorRecords,
      queue: services.queue,
      limiter,
      notifier,
      counters,
      clock,
      liveness: cluster.liveness,
      journal,
      inDoubt: policy.inDoubt,
      observe: options.observe,
      log,
    },
    { workerId, appRatePerSecond: rate, ...options.supervisor },
  );

  // The channel's parts load from now on, a piece at a time (lazy-channel.ts): the first
  // heartbeat, receive and claim go on between the pieces, and they are there sooner for the
  // first send, which waits for them (a restart sends nothing until then).
  setImmediate(() => {
    void channel
      .load()
      .catch((error: unknown) =>
        log(
          `[announce] loading the channel's parts failed (tried again at the first send): ${
            error instanceof Error ? error.message : String(error)
          }`,
        ),
      )
      .finally(() => {
        canSend = true;
        claimShare();
      });
  });
  // A process found gone: the scan that reopens its claims starts now, not at the next round.
  cluster.liveness.onFound = () => supervisor.wake();
  // The first receive and announcement read overlap the first heartbeat; claims wait for it.
  worker.start();
  await cluster.start().finally(clusterUp);
  supervisor.start();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await worker.stop();
      endWatch.stop();
      await supervisor.stop();
      await counters.flush().catch(() => undefined);
      await cluster.stop();
      journal.close();
    })());
  return Object.assign(stop, {
    snapshot: () => ({
      workerId,
      worker: worker.snapshot(),
      limiter: limiter.snapshot(),
      sharingWith: cluster.sharingWith,
      fairShare: cluster.fairShare,
      mayAct: cluster.liveness.mayAct(),
    }),
  });
}
