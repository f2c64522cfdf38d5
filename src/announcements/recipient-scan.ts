/**
 * The supervisor's read of an announcement's unfinished recipient rows (queued or sending, which
 * the table service filters out of the partition: one request while fewer than 1,000 are left):
 * whether everyone is final, cancelling what is still queued when the author cancelled, and
 * re-queuing recipients nobody is working on (their queue message was lost, or their claim
 * belongs to a process that is gone). `count` reads every row, for exact final numbers when the
 * workers' running totals fall short (a worker died before flushing them).
 */
import { ConflictError } from '../errors';
import { MAX_BATCH, type Clock, type WorkQueue } from '../ports';
import type { AnnouncementStore } from './announcement-store';
import { deliveryMessages, type Queued } from './delivery-messages';
import { reopenedValue, type DeliveryEvent, type InDoubtPolicy } from './delivery-policy';
import type { OutcomeRecords } from './outcome-journal';
import type { Row } from './recipient-rows';
import {
  emptyCounts,
  TERMINAL_STATUSES,
  UNFINISHED_STATUSES,
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
      /** What a claim of a stopped owner becomes (delivery-policy.ts reopenedValue). */
      inDoubt: InDoubtPolicy;
      /** Answers journalled by peers that ended on this system (outcome-journal.ts). */
      journal?: OutcomeRecords;
      observe?: (event: DeliveryEvent) => void;
      log?: (line: string) => void;
    },
    /**
     * A queued row untouched this long (and due) gets a new queue message, plus the time the
     * whole announcement takes at `appRatePerSecond`: a row's message waits behind the rows
     * queued before it, up to every other row of the announcement, and a 10,000-recipient run
     * at 30/s keeps rows queued for over five minutes without anything being lost.
     */
    private readonly staleMs: number,
    private readonly appRatePerSecond?: number,
  ) {}

  /**
   * Reads the rows not yet final. `resent` remembers when this process last re-queued a
   * recipient, so one that stays stuck is not re-queued on every scan.
   */
  async scan(
    announcement: AnnouncementRecord,
    cancelling: boolean,
    resent: Map<string, number>,
    claimsOnly = false,
  ): Promise<ScanResult> {
    // Claims only (a process was found gone): the `sending` rows, a few hundred, instead of every
    // row not yet final (half the audience half way through, and a few seconds of parsing in the
    // process that should be taking the dead one's share). It cannot tell the job is done.
    const rows = !announcement.rowsFilterable
      ? (await this.deps.store.recipients(announcement.id)).filter(
          (row) => !TERMINAL_STATUSES.has(row.value.status),
        )
      : await this.deps.store.recipientsWithStatus(
          announcement.id,
          claimsOnly && !cancelling ? ['sending'] : UNFINISHED_STATUSES,
        );
    const now = this.deps.clock.now().getTime();
    const queueWaitMs = this.appRatePerSecond
      ? (1000 * announcement.total) / this.appRatePerSecond
      : 0;
    const lost: Row[] = [];
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
          ? (row.value.notBefore ?? 0) <= now && untouchedFor >= this.staleMs + queueWaitMs
          : (row.value.leaseUntil ?? 0) < now ||
            this.deps.liveness.isGone(row.value.leaseOwner ?? '');
      const lastResent = resent.get(row.key.row) ?? Number.NEGATIVE_INFINITY;
      if (due && now - lastResent >= this.staleMs) {
        resent.set(row.key.row, now);
        lost.push(row);
      }
    }
    if (lost.length > 0) {
      const { held, sent, unsent } = await this.requeue(announcement.id, lost);
      const finished = held + sent;
      unfinished -= finished;
      this.deps.log?.(
        `[announce] ${announcement.id}: re-queued ${lost.length - finished} stalled recipient(s)${held > 0 ? `, ${held} held as outcome unknown` : ''}${sent > 0 ? `, ${sent} recorded sent from a dead worker's journal` : ''}${unsent > 0 ? `, ${unsent} armed whose request never left (its journal)` : ''}`,
      );
    }
    return { unfinished, allFinal: unfinished === 0 && !(claimsOnly && !cancelling) };
  }

  /**
   * Re-queues recipients nobody is working on, with their rows, so a worker claims each message
   * in one transaction. Claims of a stopped owner are reopened first, up to 100 of a partition
   * per transaction (the in-doubt policy decides each: queued again, or failed as outcome
   * unknown); a transaction that lost a race leaves its recipients to be reopened one by one by
   * the workers. A claim of a peer that ended on this system is settled by its journal when that
   * says (outcome-journal.ts). Returns how many became final: held as outcome unknown, or sent.
   */
  private async requeue(
    id: string,
    lost: readonly Row[],
  ): Promise<{ held: number; sent: number; unsent: number }> {
    // A message's rows are claimed in one transaction: one partition per message.
    const withRows = new Map<string, Queued[]>();
    const ready = (row: Row): void => {
      const list = withRows.get(row.key.partition) ?? [];
      list.push({ key: row.key.row, written: { etag: row.etag, value: row.value } });
      withRows.set(row.key.partition, list);
    };
    const keysOnly: Queued[] = [];
    let held = 0;
    let sent = 0;
    let unsent = 0;
    const byPartition = new Map<string, Row[]>();
    for (const row of lost) {
      if (row.value.status === 'queued') {
        ready(row);
        continue;
      }
      const group = byPartition.get(row.key.partition) ?? [];
      group.push(row);
      byPartition.set(row.key.partition, group);
    }
    for (const group of byPartition.values()) {
      for (let i = 0; i < group.length; i += MAX_BATCH) {
        const chunk = group.slice(i, i + MAX_BATCH);
        if (!this.deps.store.batches) {
          keysOnly.push(...chunk.map((r) => ({ key: r.key.row })));
          continue;
        }
        const at = this.deps.clock.now();
        const journaled = chunk.map((r) =>
          this.deps.journal?.ofEnded(r.value.leaseOwner ?? '', id, r.key.row),
        );
        const neverLeft = chunk.map((r, j) =>
          !journaled[j] && r.value.armed === true
            ? (this.deps.journal?.neverLeft?.(
                r.value.leaseOwner ?? '',
                id,
                r.key.row,
                r.value.armedAt,
              ) ?? false)
            : false,
        );
        const values = chunk.map((r, j) =>
          reopenedValue(r.value, this.deps.inDoubt, at.toISOString(), journaled[j], neverLeft[j]),
        );
        let written: Row[];
        try {
          written = await this.deps.store.replaceRecipients(
            id,
            chunk.map((r, j) => ({ key: r.key.row, row: values[j], etag: r.etag })),
          );
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          keysOnly.push(...chunk.map((r) => ({ key: r.key.row })));
          continue;
        }
        written.forEach((row, j) => {
          const from = chunk[j].value.leaseOwner ?? '';
          this.deps.observe?.({
            kind: 'taken-over',
            announcementId: id,
            recipient: row.key.row,
            from,
            at: at.getTime(),
            via: 'scan',
            ...(journaled[j] ? { journal: journaled[j].outcome } : {}),
          });
          if (row.value.status === 'queued') {
            if (neverLeft[j] && this.deps.inDoubt === 'hold') unsent += 1;
            ready(row);
            return;
          }
          if (row.value.status === 'sent') sent += 1;
          else held += 1;
          this.deps.counters.add(
            id,
            row.value.status,
            row.value.status === 'sent' && row.value.inDoubt === true,
          );
          this.deps.observe?.({
            kind: 'recorded',
            announcementId: id,
            recipient: row.key.row,
            at: at.getTime(),
            status: row.value.status,
          });
        });
      }
    }
    for (const message of [
      ...[...withRows.values()].flatMap((rows) => [...deliveryMessages(id, rows, REQUEUE_BATCH)]),
      ...deliveryMessages(id, keysOnly, REQUEUE_BATCH),
    ]) {
      await this.deps.queue.send(message);
    }
    return { held, sent, unsent };
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
