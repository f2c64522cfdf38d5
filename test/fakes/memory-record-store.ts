/**
 * In-memory RecordStore for domain unit tests. It keeps the contract of TableRecordStore, checked
 * by the same contract suite: values round-trip through the same JSON rules and size limit, keys
 * and table names follow the same rules (table names are case-insensitive), every write gets a new
 * etag, and conditional writes fail with ConflictError exactly when the real one would. Each
 * operation completes its check and write before its first await, so parallel callers race the
 * way they race on the service. `simulateOutage` makes every call fail as an unreachable store.
 */
import { ConflictError, StoreUnavailableError } from '../../src/errors';
import type {
  ListOptions,
  RecordKey,
  RecordStore,
  RecordValue,
  StoredRecord,
} from '../../src/ports';
import { decodeRecord, encodeRecord, filterColumn } from '../../src/storage/entity-codec';
import { invalidValue } from '../../src/storage/json-value';
import {
  checkBatch,
  checkKey,
  checkKeyPart,
  checkLimit,
  checkWhere,
  inRange,
  rowRange,
  tableName,
} from '../../src/storage/table-rules';

interface Row {
  key: RecordKey;
  columns: Record<string, string>;
  etag: string;
}

export class MemoryRecordStore implements RecordStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  private version = 0;
  private outage = false;

  constructor(private readonly options: { tablePrefix?: string } = {}) {}

  /** While on, every operation throws StoreUnavailableError. */
  simulateOutage(on: boolean): void {
    this.outage = on;
  }

  async get<T extends RecordValue>(
    table: string,
    key: RecordKey,
  ): Promise<StoredRecord<T> | undefined> {
    checkKey(key);
    const row = this.rows(table).get(this.id(key));
    return row && this.toStored<T>(row);
  }

  async insert<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
  ): Promise<StoredRecord<T>> {
    const encoded = encode(key, value);
    const rows = this.rows(table);
    if (rows.has(this.id(key))) throw new ConflictError(`${where(table, key)} already exists`);
    return this.write<T>(rows, key, encoded);
  }

  async insertBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]> {
    checkBatch(batch.length);
    const keys = batch.map(({ row }) => ({ partition, row }));
    const encoded = batch.map(({ value }, i) => encode(keys[i], value));
    const rows = this.rows(table);
    const ids = new Set<string>();
    for (const key of keys) {
      if (rows.has(this.id(key))) throw new ConflictError(`${where(table, key)} already exists`);
      if (ids.has(this.id(key))) throw invalidValue(`row ${key.row} appears twice in one batch`);
      ids.add(this.id(key));
    }
    return keys.map((key, i) => this.write<T>(rows, key, encoded[i]));
  }

  async replaceBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T; etag: string }[],
  ): Promise<StoredRecord<T>[]> {
    const { keys, encoded, rows } = this.prepareBatch(table, partition, batch);
    keys.forEach((key, i) => this.checkEtag(rows, table, key, batch[i].etag));
    return keys.map((key, i) => this.write<T>(rows, key, encoded[i]));
  }

  async upsertBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]> {
    const { keys, encoded, rows } = this.prepareBatch(table, partition, batch);
    return keys.map((key, i) => this.write<T>(rows, key, encoded[i]));
  }

  /** Keys and encoded values of a batch in one partition, each row once; the table's rows. */
  private prepareBatch(
    table: string,
    partition: string,
    batch: readonly { row: string; value: RecordValue }[],
  ) {
    checkBatch(batch.length);
    const keys = batch.map(({ row }) => ({ partition, row }));
    const encoded = batch.map(({ value }, i) => encode(keys[i], value));
    if (new Set(batch.map((b) => b.row)).size !== batch.length) {
      throw invalidValue('a row appears twice in one batch');
    }
    this.checkReachable();
    return { keys, encoded, rows: this.rows(table) };
  }

  async replace<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
    etag: string,
  ): Promise<StoredRecord<T>> {
    const encoded = encode(key, value);
    const rows = this.rows(table);
    this.checkEtag(rows, table, key, etag);
    return this.write<T>(rows, key, encoded);
  }

  async upsert<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
  ): Promise<StoredRecord<T>> {
    const encoded = encode(key, value);
    return this.write<T>(this.rows(table), key, encoded);
  }

  async delete(table: string, key: RecordKey, etag?: string): Promise<void> {
    checkKey(key);
    const rows = this.rows(table);
    if (etag !== undefined) this.checkEtag(rows, table, key, etag);
    rows.delete(this.id(key));
  }

  async list<T extends RecordValue>(
    table: string,
    partition: string,
    options: ListOptions = {},
  ): Promise<StoredRecord<T>[]> {
    checkKeyPart('partition', partition);
    const range = rowRange(options);
    const limit = checkLimit(options.limit);
    const where = options.where && checkWhere(options.where);
    const column = where && filterColumn(where.field);
    const found = [...this.rows(table).values()]
      .filter((row) => row.key.partition === partition && inRange(row.key.row, range))
      .filter((row) => !where || where.anyOf.includes(row.columns[column ?? '']))
      .sort((a, b) => (a.key.row < b.key.row ? -1 : a.key.row > b.key.row ? 1 : 0));
    return found.slice(0, limit).map((row) => this.toStored<T>(row));
  }

  async ping(): Promise<void> {
    this.checkReachable();
  }

  /** The table's rows; validation comes first, as the adapter checks input before any request. */
  private rows(table: string): Map<string, Row> {
    const id = tableName(this.options.tablePrefix ?? '', table).toLowerCase();
    this.checkReachable();
    let rows = this.tables.get(id);
    if (!rows) {
      rows = new Map();
      this.tables.set(id, rows);
    }
    return rows;
  }

  private checkEtag(rows: Map<string, Row>, table: string, key: RecordKey, etag: string): void {
    const row = rows.get(this.id(key));
    if (!row) throw new ConflictError(`${where(table, key)} no longer exists`);
    if (row.etag !== etag)
      throw new ConflictError(`${where(table, key)} changed since it was read`);
  }

  private write<T extends RecordValue>(
    rows: Map<string, Row>,
    key: RecordKey,
    columns: Record<string, string>,
  ): StoredRecord<T> {
    this.version += 1;
    const row: Row = { key: { ...key }, columns, etag: `W/"memory-${this.version}"` };
    rows.set(this.id(key), row);
    return this.toStored<T>(row);
  }

  private toStored<T extends RecordValue>(row: Row): StoredRecord<T> {
    return { key: { ...row.key }, value: decodeRecord(row.columns) as T, etag: row.etag };
  }

  private id(key: RecordKey): string {
    // Control characters cannot occur in keys, so U+0000 separates them unambiguously.
    return `${key.partition}\u0000${key.row}`;
  }

  private checkReachable(): void {
    if (this.outage) throw new StoreUnavailableError('memory store: simulated outage');
  }
}

function encode(key: RecordKey, value: RecordValue): Record<string, string> {
  checkKey(key);
  return encodeRecord(key, value).columns;
}

function where(table: string, key: RecordKey): string {
  return `record ${key.partition}/${key.row} in table ${table}`;
}
