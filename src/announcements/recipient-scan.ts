/**
 * The supervisor's read of an announcement's unfinished recipient rows (queued or sending, which
 * the table service filters out of the partition: one request while fewer than 1,000 are left):
 * whether everyone is final, cancelling what is still queued when the author cancelled, and
 * re-queuing recipients nobody is working on (their queue message was lost, or their claim
 * belongs to a process that is gone). `count` reads every row, for exact final numbers when the
 * workers' running totals fall short (a worker died before flushing them).
 */
import { ConflictError } from '../errors';
import type { Clock, WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import {
  emptyCounts,
  TERMINAL_STATUSES,
  type AnnouncementRecord,
  type DeliveryMessage,
  type StatusCounts,
} from './types';
import type { WorkerCounters } from './worker-counters';
import type { Liveness } from './worker-liveness';

export interface ScanResult {
  /** Recipients not yet final. */
  unfinished: number;
  allFinal: boolean;
}

/** Recipients per re-queue message. */
const REQUEUE_BATCH = 50;

export class RecipientScan {
  constructor(
    private readonly deps: {
      store: AnnouncementStore;
      queue: WorkQueue<DeliveryMessage>;
      counters: WorkerCounters;
      clock: Clock;
      liveness: Liveness;
      log?: (line: string) => void;
    },
    /** A queued row untouched this long (and due) gets a new queue message. */
    private readonly staleMs: number,
  ) {}

  /**
   * Reads the rows not yet final. `resent` remembers when this process last re-queued a
   * recipient, so one that stays stuck is not re-queued on every scan.
   */
  async scan(
    announcement: AnnouncementRecord,
    cancelling: boolean,
    resent: Map<string, number>,
  ): Promise<ScanResult> {
    const rows = announcement.rowsFilterable
      ? await this.deps.store.unfinishedRecipients(announcement.id)
      : (await this.deps.store.recipients(announcement.id)).filter(
          (row) => !TERMINAL_STATUSES.has(row.value.status),
        );
    const now = this.deps.clock.now().getTime();
    const lost: string[] = [];
    let unfinished = 0;
    for (const row of rows) {
      let status = row.value.status;
      if (cancelling && status === 'queued') {
        try {
          await this.deps.store.replaceRecipient(
            announcement.id,
            row.key.row,
            {
              ...row.value,
              status: 'cancelled',
              reason: 'announcement cancelled',
              updatedAt: this.deps.clock.now().toISOString(),
            },
            row.etag,
          );
          this.deps.counters.add(announcement.id, 'cancelled');
          status = 'cancelled';
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
      if (TERMINAL_STATUSES.has(status)) continue;
      unfinished += 1;
      if (cancelling) continue;
      const untouchedFor = now - Date.parse(row.value.updatedAt);
      const due =
        status === 'queued'
          ? (row.value.notBefore ?? 0) <= now && untouchedFor >= this.staleMs
          : (row.value.leaseUntil ?? 0) < now ||
            this.deps.liveness.isGone(row.value.leaseOwner ?? '');
      const lastResent = resent.get(row.key.row) ?? Number.NEGATIVE_INFINITY;
      if (due && now - lastResent >= this.staleMs) {
        resent.set(row.key.row, now);
        lost.push(row.key.row);
      }
    }
    for (let i = 0; i < lost.length; i += REQUEUE_BATCH) {
      await this.deps.queue.send({
        v: 1,
        kind: 'deliver',
        announcementId: announcement.id,
        recipients: lost.slice(i, i + REQUEUE_BATCH),
      });
    }
    if (lost.length > 0) {
      this.deps.log?.(
        `[announce] ${announcement.id}: re-queued ${lost.length} stalled recipient(s)`,
      );
    }
    return { unfinished, allFinal: unfinished === 0 };
  }

  /** Every row of the announcement: exact counts, whatever the running totals say. */
  async count(announcementId: string): Promise<{ counts: StatusCounts; inDoubt: number }> {
    const counts = emptyCounts();
    let inDoubt = 0;
    for (const row of await this.deps.store.recipients(announcementId)) {
      counts[row.value.status] += 1;
      if (row.value.inDoubt && row.value.status === 'sent') inDoubt += 1;
    }
    return { counts, inDoubt };
  }
}
