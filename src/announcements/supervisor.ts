/**
 * Looks after running announcements, in exactly one process per announcement at a time (a lease
 * row decides which; the lease of a process known to be gone is taken over at once): decides
 * when to look at the rows (recipient-scan.ts re-queues what was lost and carries out a cancel),
 * when the job is complete, and when the author's card is updated (author-progress.ts).
 *
 * Progress comes from the workers' running totals (cheap, read every tick); completion comes
 * from the rows themselves, which are the truth: a read of the rows not yet final. The final
 * numbers are the running totals once they add up to every recipient; when they stay short (a
 * worker died before flushing its last totals), every row is read once for the report.
 */
import type { Clock, RecordStore, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { AuthorProgress } from './author-progress';
import type { DeliveryLimiter } from './delivery-limiter';
import type { DeliveryEvent, InDoubtPolicy } from './delivery-policy';
import type { AnnouncementNotifier } from './ports';
import { AnnouncementLease } from './announcement-lease';
import { finishedCount, progressView } from './progress';
import type { OutcomeRecords } from './outcome-journal';
import { RecipientScan } from './recipient-scan';
import { Rounds } from './rounds';
import {
  emptyCounts,
  FINISHED_STATES,
  type AnnouncementRecord,
  type DeliveryMessage,
  type StatusCounts,
} from './types';
import type { WorkerCounters } from './worker-counters';
import { NO_LIVENESS, type Liveness } from './worker-liveness';
import { newWatch, type Watch } from './supervisor-watch';

export interface SupervisorOptions {
  workerId: string;
  tickMs?: number;
  /** Rounds this often while an announcement is near its end, so completion is seen soon. */
  nearEndTickMs?: number;
  /** Least time between two progress-card updates (the author's chat has its own limits). */
  progressIntervalMs?: number;
  /** Longest time between two full scans while sending. */
  scanIntervalMs?: number;
  /**
   * Scan this long after the running totals stopped moving: a worker that died before flushing
   * its totals leaves them short for good, and only the rows can say the job is done.
   */
  idleScanMs?: number;
  /** A queued row untouched this long (and due) gets a new queue message. */
  staleMs?: number;
  /** The app's rate across every process: how long a whole announcement may sit queued. */
  appRatePerSecond?: number;
  leaseMs?: number;
  /**
   * How long the final report waits for the running totals to add up (each process flushes its
   * own every tick) before counting every row instead.
   */
  countGraceMs?: number;
}

export class Supervisor {
  private readonly tickMs: number;
  private readonly nearEndTickMs: number;
  /** Some announcement was near its end in the last round. */
  private nearEnd = false;
  private readonly progressIntervalMs: number;
  private readonly scanIntervalMs: number;
  private readonly idleScanMs: number;
  private readonly staleMs: number;
  private readonly countGraceMs: number;
  private readonly watches = new Map<string, Watch>();
  private readonly rounds: Rounds;
  private readonly scanner: RecipientScan;
  private readonly author: AuthorProgress;
  private readonly liveness: Liveness;
  private readonly lease: AnnouncementLease;

  constructor(
    private readonly deps: {
      store: AnnouncementStore;
      records: RecordStore;
      queue: WorkQueue<DeliveryMessage>;
      limiter: DeliveryLimiter;
      notifier: AnnouncementNotifier;
      counters: WorkerCounters;
      clock: Clock;
      /** Whose leases may be taken over at once (default: wait for them to run out). */
      liveness?: Liveness;
      /** What a claim of a stopped process becomes when the scan reopens it (default `hold`). */
      inDoubt?: InDoubtPolicy;
      /** Answers journalled by peers that ended on this system (outcome-journal.ts). */
      journal?: OutcomeRecords;
      observe?: (event: DeliveryEvent) => void;
      log?: (line: string) => void;
    },
    private readonly options: SupervisorOptions,
  ) {
    this.tickMs = options.tickMs ?? 1_000;
    this.nearEndTickMs = Math.min(this.tickMs, options.nearEndTickMs ?? 200);
    this.progressIntervalMs = options.progressIntervalMs ?? 5_000;
    this.scanIntervalMs = options.scanIntervalMs ?? 30_000;
    this.idleScanMs = options.idleScanMs ?? 3_000;
    this.staleMs = options.staleMs ?? 120_000;
    this.countGraceMs = options.countGraceMs ?? 5 * this.tickMs;
    this.liveness = deps.liveness ?? NO_LIVENESS;
    this.scanner = new RecipientScan(
      { ...deps, liveness: this.liveness, inDoubt: deps.inDoubt ?? 'hold' },
      this.staleMs,
      options.appRatePerSecond,
    );
    this.author = new AuthorProgress(deps);
    this.rounds = new Rounds(
      () => this.tick(),
      () => (this.nearEnd ? this.nearEndTickMs : this.tickMs),
      (error) => this.deps.log?.(`[announce] supervisor: ${describe(error)}`),
    );
    this.lease = new AnnouncementLease(
      { ...deps, liveness: this.liveness },
      options.workerId,
      options.leaseMs ?? 15_000,
    );
  }

  start(): void {
    this.rounds.start();
  }

  /**
   * A round now rather than at the next tick (another process was just found gone: the scan
   * this starts reopens its claims); after the one under way, if one is.
   */
  wake(): void {
    this.rounds.wake();
  }

  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  /** One round over the active announcements (public for tests). */
  async tick(): Promise<void> {
    this.nearEnd = false;
    await this.deps.counters.flush().catch(() => undefined);
    for (const id of await this.deps.store.activeIds()) {
      if (!(await this.lease.hold(id))) {
        this.watches.delete(id);
        continue;
      }
      await this.look(id).catch((error: unknown) =>
        this.deps.log?.(`[announce] ${id}: ${describe(error)}`),
      );
    }
  }

  private async look(id: string): Promise<void> {
    const found = await this.deps.store.get(id);
    if (!found) {
      await this.deps.store.markInactive(id);
      return;
    }
    const announcement = found.value;
    const now = this.now();
    let watch = this.watches.get(id);
    if (!watch) {
      watch = newWatch(now, this.liveness.generation());
      this.watches.set(id, watch);
    }
    if (FINISHED_STATES.has(announcement.state)) {
      await this.report(announcement, watch);
      return;
    }
    if (!announcement.expanded && now - watch.lastNudgeAt >= this.staleMs) {
      // Confirmed but never listed: the expand message was lost (a crash right after confirm).
      watch.lastNudgeAt = now;
      await this.deps.queue.send({ v: 1, kind: 'expand', announcementId: id });
    }
    const totals = await this.deps.store.counterTotals(id);
    const done = finishedCount(totals.counts);
    watch.rate.add(now, done);
    if (done !== watch.lastDone) {
      watch.lastDone = done;
      watch.lastChangeAt = now;
    }
    const cancelling = announcement.state === 'cancelling';
    watch.totalsComplete ??= done === 0;
    if (this.liveness.generation() !== watch.generation) watch.totalsComplete = false;
    // Each worker counts only the rows it moved to a final status with a compare-and-set, so
    // totals that add up to every recipient mean every row is final.
    if (announcement.expanded && !cancelling && done >= announcement.total) {
      await this.finish(announcement, 'completed', watch);
      return;
    }
    // Near the end (the running totals are up to a round old: two seconds of sending at the
    // rate seen) look every short round; when a worker may have died without flushing its last
    // totals, they may stay short for good, so look at the unfinished rows as well.
    const nearEnd = Math.max(20, Math.ceil(announcement.total / 200), 2 * watch.rate.rate());
    const maybeDone = announcement.expanded && done >= announcement.total - nearEnd;
    if (maybeDone) this.nearEnd = true;
    const scanNearEnd = maybeDone && !watch.totalsComplete;
    const stalled =
      announcement.expanded &&
      now - watch.lastChangeAt >= this.idleScanMs &&
      now - watch.lastScanAt >= this.idleScanMs;
    const someoneGone = this.liveness.generation() !== watch.generation;
    const full = cancelling || scanNearEnd || stalled;
    if (full || someoneGone || now - watch.lastScanAt >= this.scanIntervalMs) {
      // A death, or this watch's first look (a process restarted, a lease taken over): the
      // claims only, now; every unfinished row at the next interval.
      const claimsOnly = !full && (someoneGone || watch.lastScanAt === 0);
      watch.lastScanAt = now;
      watch.generation = this.liveness.generation();
      const scan = await this.scanner.scan(announcement, cancelling, watch.resent, claimsOnly);
      if (scan.allFinal && (announcement.expanded || cancelling)) {
        await this.finish(announcement, cancelling ? 'cancelled' : 'completed', watch);
        return;
      }
    }
    if (now - watch.lastShownAt >= this.progressIntervalMs) {
      watch.lastShownAt = now;
      const view = progressView({
        counts: totals.counts,
        total: announcement.expanded ? announcement.total : undefined,
        inDoubt: totals.inDoubt,
        ratePerSecond: watch.rate.rate(),
        startedAt: announcement.confirmedAt ?? announcement.createdAt,
        finished: false,
      });
      await this.author.show(announcement, view);
    }
  }

  private async finish(
    announcement: AnnouncementRecord,
    state: 'completed' | 'cancelled',
    watch: Watch,
  ): Promise<void> {
    const updated = await this.deps.store.update(announcement.id, (current) =>
      FINISHED_STATES.has(current.state)
        ? undefined
        : { ...current, state, finishedAt: this.iso() },
    );
    await this.report(updated.value, watch);
  }

  /** Posts the final report once; the announcement stays active until the author has it. */
  private async report(announcement: AnnouncementRecord, watch: Watch): Promise<void> {
    let final: { counts: StatusCounts; inDoubt: number } | undefined;
    if (!announcement.reportedAt) {
      final = await this.finalCounts(announcement, watch);
      if (!final) return;
    }
    const numbers = final ?? { counts: emptyCounts(), inDoubt: 0 };
    const shown = await this.author.report(announcement, async () =>
      progressView({
        counts: numbers.counts,
        total: announcement.total,
        inDoubt: numbers.inDoubt,
        ratePerSecond: 0,
        startedAt: announcement.confirmedAt ?? announcement.createdAt,
        finished: true,
      }),
    );
    if (!shown) return;
    await this.deps.store.markInactive(announcement.id);
    this.watches.delete(announcement.id);
  }

  /**
   * The numbers of the final report: the running totals when they account for every recipient,
   * otherwise (after `countGraceMs` for late flushes) a count of every row; undefined: wait.
   */
  private async finalCounts(
    announcement: AnnouncementRecord,
    watch: Watch,
  ): Promise<{ counts: StatusCounts; inDoubt: number } | undefined> {
    const totals = await this.deps.store.counterTotals(announcement.id);
    if (announcement.expanded && finishedCount(totals.counts) === announcement.total) {
      return totals;
    }
    const now = this.now();
    watch.shortSince ??= now;
    if (announcement.expanded && now - watch.shortSince < this.countGraceMs) return undefined;
    this.deps.log?.(
      `[announce] ${announcement.id}: running totals short of ${announcement.total}; counting the rows`,
    );
    return this.scanner.count(announcement.id);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private iso(): string {
    return this.deps.clock.now().toISOString();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
