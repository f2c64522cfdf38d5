/**
 * Reads and compare-and-set writes of announcements, their recipients and the per-worker
 * totals. Every state change of a recipient is a replace on the eTag read just before, so two
 * workers (or a worker and the author cancelling) can never both move one recipient.
 */
import { AppError, ConflictError } from '../errors';
import type { RecordStore, StoredRecord } from '../ports';
import {
  activeKey,
  announcementKey,
  recipientKey,
  recipientPartition,
  recipientPartitions,
  TABLES,
} from './tables';
import {
  emptyCounts,
  UNFINISHED_STATUSES,
  type AnnouncementRecord,
  type RecipientRecord,
  type RecipientStatus,
  type StatusCounts,
} from './types';

type ActiveRow = { since: string };
type CounterRow = { counts: StatusCounts; inDoubt: number; at: string };

export class AnnouncementStore {
  /**
   * Shard counts of the announcements seen (fixed when drafted), so a recipient's partition is
   * known without reading the announcement again.
   */
  private readonly shards = new Map<string, number>();

  constructor(readonly records: RecordStore) {}

  async create(announcement: AnnouncementRecord): Promise<StoredRecord<AnnouncementRecord>> {
    const created = await this.records.insert(
      TABLES.announcements,
      announcementKey(announcement.id),
      announcement,
    );
    this.shards.set(announcement.id, announcement.shards ?? 1);
    return created;
  }

  async get(id: string): Promise<StoredRecord<AnnouncementRecord> | undefined> {
    const found = await this.records.get<AnnouncementRecord>(
      TABLES.announcements,
      announcementKey(id),
    );
    if (found) this.shards.set(id, found.value.shards ?? 1);
    return found;
  }

  /** Partitions the announcement's recipient rows are spread over (1: its id alone). */
  async shardCount(announcementId: string): Promise<number> {
    const known = this.shards.get(announcementId);
    if (known !== undefined) return known;
    return (await this.get(announcementId))?.value.shards ?? 1;
  }

  /** The partition of one recipient's row. */
  async partitionOf(announcementId: string, key: string): Promise<string> {
    return recipientPartition(announcementId, await this.shardCount(announcementId), key);
  }

  /** The one partition of `keys`, for a transaction; an error when they span several. */
  private async onePartition(announcementId: string, keys: readonly string[]): Promise<string> {
    const shards = await this.shardCount(announcementId);
    const partitions = new Set(keys.map((k) => recipientPartition(announcementId, shards, k)));
    if (partitions.size !== 1) {
      throw new Error(`a transaction of ${announcementId} spans ${partitions.size} partitions`);
    }
    return [...partitions][0];
  }

  async require(id: string): Promise<StoredRecord<AnnouncementRecord>> {
    const found = await this.get(id);
    if (!found) {
      throw new AppError('store-not-found', `announcement ${id} not found`, {
        userMessage:
          'No announcement has that reference: it may have been removed, or the reference was mistyped. Each announcement shows its reference on its preview and status card.',
      });
    }
    return found;
  }

  /**
   * Applies `change` to the current record and writes it if the eTag still matches, re-reading
   * and re-applying after a lost race. `change` returns undefined to leave the record as it is.
   */
  async update(
    id: string,
    change: (current: AnnouncementRecord) => AnnouncementRecord | undefined,
  ): Promise<StoredRecord<AnnouncementRecord>> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.require(id);
      const next = change(current.value);
      if (next === undefined) return current;
      try {
        return await this.records.replace(
          TABLES.announcements,
          announcementKey(id),
          next,
          current.etag,
        );
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 10) throw error;
      }
    }
  }

  async markActive(id: string, since: string): Promise<void> {
    await this.records.upsert<ActiveRow>(TABLES.announcements, activeKey(id), { since });
  }

  async markInactive(id: string): Promise<void> {
    await this.records.delete(TABLES.announcements, activeKey(id));
  }

  async activeIds(): Promise<string[]> {
    const rows = await this.records.list<ActiveRow>(TABLES.announcements, 'active');
    return rows.map((r) => r.key.row);
  }

  async recipient(
    announcementId: string,
    key: string,
  ): Promise<StoredRecord<RecipientRecord> | undefined> {
    return this.records.get<RecipientRecord>(
      TABLES.recipients,
      recipientKey(announcementId, key, await this.shardCount(announcementId)),
    );
  }

  /** Inserts a recipient row; returns false when the row already exists (a duplicate). */
  async addRecipient(announcementId: string, key: string, row: RecipientRecord): Promise<boolean> {
    try {
      await this.records.insert(
        TABLES.recipients,
        recipientKey(announcementId, key, await this.shardCount(announcementId)),
        row,
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /**
   * Inserts up to 100 recipient rows of one partition in one transaction (the store must offer
   * insertBatch); ConflictError, writing nothing, when any of them exists.
   */
  async addRecipients(
    announcementId: string,
    rows: readonly { key: string; row: RecipientRecord }[],
  ): Promise<StoredRecord<RecipientRecord>[]> {
    if (!this.records.insertBatch) throw new Error('this record store cannot write batches');
    return this.records.insertBatch(
      TABLES.recipients,
      await this.onePartition(
        announcementId,
        rows.map((r) => r.key),
      ),
      rows.map(({ key, row }) => ({ row: key, value: row })),
    );
  }

  /** True when this store can write recipient rows in transactions. */
  get batches(): boolean {
    return Boolean(this.records.insertBatch && this.records.replaceBatch);
  }

  /**
   * Compare-and-set on up to 100 recipients of one partition in one transaction; ConflictError,
   * changing nothing, when any of them moved since its etag was read.
   */
  async replaceRecipients(
    announcementId: string,
    rows: readonly { key: string; row: RecipientRecord; etag: string }[],
  ): Promise<StoredRecord<RecipientRecord>[]> {
    if (!this.records.replaceBatch) throw new Error('this record store cannot write batches');
    return this.records.replaceBatch(
      TABLES.recipients,
      await this.onePartition(
        announcementId,
        rows.map((r) => r.key),
      ),
      rows.map(({ key, row, etag }) => ({ row: key, value: row, etag })),
    );
  }

  /** Compare-and-set on a recipient; throws ConflictError when someone else moved it first. */
  async replaceRecipient(
    announcementId: string,
    key: string,
    row: RecipientRecord,
    etag: string,
  ): Promise<StoredRecord<RecipientRecord>> {
    return this.records.replace(
      TABLES.recipients,
      recipientKey(announcementId, key, await this.shardCount(announcementId)),
      row,
      etag,
    );
  }

  /** Every recipient row, partition by partition. */
  async recipients(announcementId: string): Promise<StoredRecord<RecipientRecord>[]> {
    const out: StoredRecord<RecipientRecord>[] = [];
    const shards = await this.shardCount(announcementId);
    for (const partition of recipientPartitions(announcementId, shards)) {
      out.push(...(await this.records.list<RecipientRecord>(TABLES.recipients, partition)));
    }
    return out;
  }

  /**
   * The rows not yet final (queued or sending): the service filters them out of the partition,
   * so a check near the end of a large run costs one request rather than one per 1,000 rows.
   */
  async unfinishedRecipients(announcementId: string): Promise<StoredRecord<RecipientRecord>[]> {
    return this.recipientsWithStatus(announcementId, UNFINISHED_STATUSES);
  }

  /** The rows in one of `statuses`, filtered by the table service. */
  async recipientsWithStatus(
    announcementId: string,
    statuses: readonly RecipientStatus[],
  ): Promise<StoredRecord<RecipientRecord>[]> {
    const out: StoredRecord<RecipientRecord>[] = [];
    const shards = await this.shardCount(announcementId);
    for (const partition of recipientPartitions(announcementId, shards)) {
      out.push(
        ...(await this.records.list<RecipientRecord>(TABLES.recipients, partition, {
          where: { field: 'status', anyOf: statuses },
        })),
      );
    }
    return out;
  }

  /** Writes this worker's running totals (cumulative, so a lost write is healed by the next). */
  async writeCounter(
    announcementId: string,
    workerId: string,
    counts: StatusCounts,
    inDoubt: number,
    at: string,
  ): Promise<void> {
    await this.records.upsert<CounterRow>(
      TABLES.counters,
      { partition: announcementId, row: workerId },
      { counts, inDoubt, at },
    );
  }

  /** Sum of every worker's totals: fast, but short of what a worker did just before dying. */
  async counterTotals(announcementId: string): Promise<{ counts: StatusCounts; inDoubt: number }> {
    const rows = await this.records.list<CounterRow>(TABLES.counters, announcementId);
    const counts = emptyCounts();
    let inDoubt = 0;
    for (const row of rows) {
      for (const status of Object.keys(counts) as (keyof StatusCounts)[]) {
        counts[status] += row.value.counts[status] ?? 0;
      }
      inDoubt += row.value.inDoubt ?? 0;
    }
    return { counts, inDoubt };
  }
}
