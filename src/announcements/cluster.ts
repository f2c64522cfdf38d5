/**
 * What the worker processes share through storage, so that adding a process neither multiplies
 * the app's send rate nor misses a pause:
 * - heartbeats: each process writes one row every `heartbeatMs`; the app-wide rate is divided
 *   among the processes that had work in their last heartbeat (all of them when none had), and
 *   a process whose heartbeat stopped is known to be gone (worker-liveness.ts);
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
import { TABLES } from './tables';
import { HeartbeatLiveness, type Liveness } from './worker-liveness';

type HeartbeatRow = { at: number; busy: boolean };
type PauseRow = { until: number; by: string };

const PAUSE_KEY = { partition: 'throttle', row: 'pause' };

export interface ClusterOptions {
  workerId: string;
  /** The whole app's rate, shared by all processes. */
  totalRatePerSecond: number;
  heartbeatMs?: number;
  /** A heartbeat older than this means the process is gone. */
  staleMs?: number;
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
  private unsubscribe?: () => void;
  private publishing: Promise<void> = Promise.resolve();
  private peers = 1;
  private alive = 1;
  private readonly heartbeats: HeartbeatLiveness;

  constructor(
    private readonly records: RecordStore,
    private readonly limiter: DeliveryLimiter,
    private readonly options: ClusterOptions,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 1_000;
    this.staleMs = options.staleMs ?? 5 * this.heartbeatMs;
    this.pollMs = options.pollMs ?? 1_000;
    this.clock = options.clock ?? systemClock;
    this.heartbeats = new HeartbeatLiveness(options.workerId, this.staleMs, () =>
      this.clock.now().getTime(),
    );
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

  /** Marks whether this process has work, for the next heartbeat. */
  setBusy(busy: boolean): void {
    this.busy = busy;
  }

  async start(): Promise<void> {
    this.unsubscribe = this.limiter.governor.onPause((until, cause) => {
      if (cause === 'local') this.publishing = this.publishing.then(() => this.publish(until));
    });
    await this.beat();
    await this.poll();
    this.timers.push(setInterval(() => void this.beat(), this.heartbeatMs));
    this.timers.push(setInterval(() => void this.poll(), this.pollMs));
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.unsubscribe?.();
    await this.publishing;
    await this.records
      .delete(TABLES.control, { partition: 'workers', row: this.options.workerId })
      .catch(() => undefined);
  }

  /** Writes this heartbeat and sets this process's share of the rate. */
  async beat(): Promise<void> {
    const now = this.clock.now().getTime();
    try {
      await this.records.upsert<HeartbeatRow>(
        TABLES.control,
        { partition: 'workers', row: this.options.workerId },
        { at: now, busy: this.busy },
      );
      this.heartbeats.recordOwnBeat(now);
      const rows = await this.records.list<HeartbeatRow>(TABLES.control, 'workers');
      this.heartbeats.recordView(new Map(rows.map((r) => [r.key.row, r.value.at])));
      const alive = rows.filter((r) => r.value.at > now - this.staleMs);
      const busy = alive.filter((r) => r.value.busy || r.key.row === this.options.workerId);
      const sharing = Math.max(1, this.busy ? busy.length : alive.length);
      this.peers = sharing;
      this.alive = Math.max(
        1,
        alive.length + (alive.some((r) => r.key.row === this.options.workerId) ? 0 : 1),
      );
      this.limiter.setRate(this.options.totalRatePerSecond / sharing);
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
