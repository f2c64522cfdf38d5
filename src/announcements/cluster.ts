/**
 * What the worker processes share through storage, so that adding a process neither multiplies
 * the app's send rate nor misses a pause:
 * - heartbeats: each process writes one row every `heartbeatMs` (and at once when it gets work
 *   or runs out of it), carrying its claim on the app-wide rate; the claims never add up to more
 *   than the rate (rate-share.ts), a process whose heartbeat stopped is gone (worker-liveness.ts);
 * - the fair share: the rate divided among every live process, busy or not, which sizes how much
 *   queued work a process takes ahead (a process that starts first must not take the share of
 *   one that starts a moment later, while the rate it may use is still the whole);
 * - the pause: a process that decides on a shared pause writes its end time; every process reads
 *   it every `pollMs` and adopts a later one.
 * Storage being down degrades this to per-process behaviour; it never stops sending by itself.
 */
import { ConflictError } from '../errors';
import { systemClock, type Clock, type RecordStore } from '../ports';
import type { DeliveryLimiter } from './delivery-limiter';
import { RateShare } from './rate-share';
import { TABLES } from './tables';
import { LocalPeers, type LocalProcesses } from './local-processes';
import { EndedPeerSends } from './ended-sends';
import { HeartbeatLiveness, type Liveness } from './worker-liveness';

/** `host`, `pid`: where the process runs, its id there; `sent`: its last second (ended-sends.ts). */
type HeartbeatRow = {
  at: number;
  busy: boolean;
  claim?: number;
  machine?: string;
  host?: string;
  pid?: number;
  sent?: number[];
};

/** Another heartbeat this soon while the rate is not settled (RateShare.unsettled). */
const HELD_BACK_RETRY_MS = 100;
type PauseRow = { until: number; by: string };

const PAUSE_KEY = { partition: 'throttle', row: 'pause' };

export interface ClusterOptions {
  workerId: string;
  /** The whole app's rate, shared by all processes. */
  totalRatePerSecond: number;
  heartbeatMs?: number;
  /** A heartbeat older than this means the process is gone. */
  staleMs?: number;
  /** How long a process's claim on the rate counts after its heartbeat (rate-share.ts). */
  claimTtlMs?: number;
  /**
   * The machine this process runs on (the App Service instance, the host): processes on the
   * same one share a clock, so their claims count for `sameMachineTtlMs` only (rate-share.ts).
   */
  machine?: string;
  sameMachineTtlMs?: number;
  /**
   * Tells when the writer of a row on this operating system has ended, so its claim stops
   * counting and it is gone at once (a restart in place); without it, rows age out as above.
   */
  processes?: LocalProcesses;
  /** How often to ask the operating system, between heartbeats, whether such a peer ended. */
  endedCheckMs?: number;
  pollMs?: number;
  clock?: Clock;
  log?: (line: string) => void;
}

export class ClusterCoordinator {
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly pollMs: number;
  private readonly clock: Clock;
  private timers: NodeJS.Timeout[] = [];
  private busy = false;
  private wroteBusy = false; // in the last heartbeat written
  private unsubscribe?: () => void;
  private publishing: Promise<void> = Promise.resolve();
  private peers = 1;
  private alive = 1;
  private readonly heartbeats: HeartbeatLiveness;
  private readonly share: RateShare;
  private readonly claimTtlMs: number;
  private readonly sameMachineTtlMs: number;
  private lastBeatOkAt = Number.NEGATIVE_INFINITY;
  private beating?: Promise<void>;
  private beatAgain = false;
  private quickBeat?: NodeJS.Timeout;
  private readonly localPeers: LocalPeers;
  private readonly endedSends: EndedPeerSends;

  constructor(
    private readonly records: RecordStore,
    private readonly limiter: DeliveryLimiter,
    private readonly options: ClusterOptions,
  ) {
    // Half a second: a dead process's share is free within `claimTtlMs` (3 s), its recipients
    // taken over within `staleMs`.
    this.heartbeatMs = options.heartbeatMs ?? 500;
    this.staleMs = options.staleMs ?? 6 * this.heartbeatMs;
    // Six beats: a slow store (beats of a second) does not make others drop a live claim.
    this.claimTtlMs = options.claimTtlMs ?? 6 * this.heartbeatMs;
    // Four beats on one machine (one clock), about a restart (three: level with the fall-back).
    this.sameMachineTtlMs = Math.min(
      this.claimTtlMs,
      options.sameMachineTtlMs ?? 4 * this.heartbeatMs,
    );
    this.pollMs = options.pollMs ?? 1_000;
    this.clock = options.clock ?? systemClock;
    this.share = new RateShare(options.workerId, {
      totalRatePerSecond: options.totalRatePerSecond,
      claimTtlMs: this.claimTtlMs,
      ...(options.machine === undefined
        ? {}
        : { machine: options.machine, sameMachineTtlMs: this.sameMachineTtlMs }),
    });
    this.heartbeats = new HeartbeatLiveness(options.workerId, this.staleMs, () =>
      this.clock.now().getTime(),
    );
    this.localPeers = new LocalPeers(options.processes, options.workerId);
    this.endedSends = new EndedPeerSends(limiter, this.share, options);
  }

  /** Who is alive, from the heartbeats this process reads (see worker-liveness.ts). */
  get liveness(): Liveness {
    return this.heartbeats;
  }

  /** Processes currently sharing the rate (including this one). */
  get sharingWith(): number {
    return this.peers;
  }

  /** The app rate divided among every live process, busy or not (sizes the backlog). */
  get fairShare(): number {
    return this.options.totalRatePerSecond / this.alive;
  }

  /**
   * Marks whether this process has work. A change is written at once: a process that got work
   * claims its share now, and one that ran out leaves its share to the others sooner.
   */
  setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    if (this.timers.length > 0) void this.beat();
  }

  async start(): Promise<void> {
    this.unsubscribe = this.limiter.governor.onPause((until, cause) => {
      if (cause === 'local') this.publishing = this.publishing.then(() => this.publish(until));
    });
    // Nothing is sent before the first heartbeat; if it fails, a trickle until one succeeds.
    this.limiter.setRate(this.share.trickle);
    await Promise.all([this.beat(), this.poll()]); // the pause read beside the first beat
    this.timers.push(
      setInterval(() => {
        // A beat that hangs is no beat: others stop counting our claim once our row is
        // `claimTtlMs` old (sooner on our own machine), so fall back to the trickle before that.
        const now = this.clock.now().getTime();
        const span = this.share.hasMachinePeers(now) ? this.sameMachineTtlMs : this.claimTtlMs;
        if (now - this.lastBeatOkAt > (span * 3) / 4) {
          this.limiter.setRate(this.share.fallBack(now));
        }
        void this.beat();
      }, this.heartbeatMs),
    );
    this.timers.push(setInterval(() => void this.poll(), this.pollMs));
    if (this.options.processes?.self()) {
      this.timers.push(setInterval(() => this.checkLocalPeers(), this.options.endedCheckMs ?? 100));
    }
    if (this.busy !== this.wroteBusy) void this.beat(); // work found while starting
  }

  /**
   * A peer in this namespace whose process has ended since the last read: its claim is dropped
   * now and a heartbeat written at once, which claims its share (a dead process sends nothing,
   * so the rates in use stay within the app rate) and lets the reopening of its claims begin.
   */
  checkLocalPeers(): void {
    const ended = this.localPeers.endedSince();
    if (ended.length === 0) return;
    this.share.markEnded(ended);
    void this.beat();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    clearTimeout(this.quickBeat);
    await this.beating;
    this.unsubscribe?.();
    await this.publishing;
    this.endedSends.close();
    await this.records
      .delete(TABLES.control, { partition: 'workers', row: this.options.workerId })
      .catch(() => undefined);
  }

  /**
   * Writes this heartbeat (with the claim) and sets this process's rate. One at a time: a call
   * while one runs makes one more run after it.
   */
  beat(): Promise<void> {
    if (this.beating) {
      this.beatAgain = true;
      return this.beating;
    }
    this.beating = (async () => {
      do {
        this.beatAgain = false;
        await this.beatOnce();
      } while (this.beatAgain);
    })().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private async beatOnce(): Promise<void> {
    const now = this.clock.now().getTime();
    const busyNow = this.busy;
    // Lowering takes effect before the lower claim is written; a raise only after the read.
    const claim = this.share.beforeWrite(busyNow, now);
    this.limiter.setRate(this.share.rate);
    const self = this.options.processes?.self();
    try {
      await this.records.upsert<HeartbeatRow>(
        TABLES.control,
        { partition: 'workers', row: this.options.workerId },
        {
          at: now,
          busy: busyNow,
          claim,
          ...(this.options.machine === undefined ? {} : { machine: this.options.machine }),
          ...(self === undefined ? {} : { host: self.host, pid: self.pid }),
          sent: this.limiter.recentSends(now),
        },
      );
      this.lastBeatOkAt = now;
      this.wroteBusy = busyNow;
      this.heartbeats.recordOwnBeat(now);
      const rows = await this.records.list<HeartbeatRow>(TABLES.control, 'workers');
      const ended = this.localPeers.read(rows.map((r) => ({ id: r.key.row, ...r.value })));
      this.heartbeats.recordView(new Map(rows.map((r) => [r.key.row, r.value.at])), ended);
      const after = this.clock.now().getTime();
      const view = rows.map((r) => ({ id: r.key.row, ...r.value, ended: ended.has(r.key.row) }));
      // Before any raise: a dead peer's last second is counted in ours (ended-sends.ts).
      this.endedSends.count(view, after);
      const alive = rows.filter((r) => r.value.at > after - this.staleMs && !ended.has(r.key.row));
      const busy = alive.filter((r) => r.value.busy || r.key.row === this.options.workerId);
      this.peers = Math.max(1, busyNow ? busy.length : alive.length);
      this.alive = Math.max(
        1,
        alive.length + (alive.some((r) => r.key.row === this.options.workerId) ? 0 : 1),
      );
      const rate = this.share.afterRead(view, busyNow, after);
      this.limiter.setRate(rate);
      if (this.share.unsettled(busyNow, after) && this.timers.length > 0 && !this.quickBeat) {
        this.quickBeat = setTimeout(() => {
          this.quickBeat = undefined;
          void this.beat();
        }, HELD_BACK_RETRY_MS);
      }
    } catch (error) {
      this.options.log?.(`[announce] heartbeat failed: ${describe(error)}`);
    }
  }

  /** Adopts a pause another process wrote. */
  async poll(): Promise<void> {
    try {
      const row = await this.records.get<PauseRow>(TABLES.control, PAUSE_KEY);
      if (row && row.value.until > this.clock.now().getTime()) {
        this.limiter.governor.adoptPause(row.value.until);
      }
    } catch (error) {
      this.options.log?.(`[announce] pause poll failed: ${describe(error)}`);
    }
  }

  /** Writes a pause end unless a later one is already stored (compare-and-set). */
  private async publish(until: number): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        const row = await this.records.get<PauseRow>(TABLES.control, PAUSE_KEY);
        const value = { until, by: this.options.workerId };
        if (!row) await this.records.insert<PauseRow>(TABLES.control, PAUSE_KEY, value);
        else if (row.value.until < until) {
          await this.records.replace<PauseRow>(TABLES.control, PAUSE_KEY, value, row.etag);
        }
        return;
      } catch (error) {
        if (error instanceof ConflictError) continue;
        this.options.log?.(`[announce] could not share a pause: ${describe(error)}`);
        return;
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
