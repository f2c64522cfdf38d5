/**
 * Ports: the narrow interfaces the domain depends on. Adapters live in src/graph, src/storage and
 * bot/; in-memory fakes for unit tests live in test/fakes. Diagnosis receives only the reader,
 * remediation the writer.
 */

/** Something that tells the time; tests pass a sinon fake clock or a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Key of a record in a table: partition key and row key, both non-empty strings. */
export interface RecordKey {
  partition: string;
  row: string;
}

/**
 * A record value: a flat JSON object. Nested objects and arrays are allowed; adapters decide how to
 * lay them out but must round-trip them exactly (contract-tested).
 */
export type RecordValue = Record<string, unknown>;

export interface StoredRecord<T extends RecordValue = RecordValue> {
  key: RecordKey;
  value: T;
  /** Opaque version tag; changes on every write. */
  etag: string;
}

export interface ListOptions {
  /** Only rows whose row key starts with this prefix. */
  rowPrefix?: string;
  /** Only rows whose row key is >= this value (lexicographic). */
  rowFrom?: string;
  /** At most this many records. */
  limit?: number;
  /**
   * Only rows whose top-level `field` (one of FILTERABLE_FIELDS, a string) is one of `anyOf`.
   * The table adapter keeps those fields in a column of their own as well, so the service
   * applies the filter and answers with the matching rows only (pages of 1,000 matches).
   */
  where?: { field: FilterableField; anyOf: readonly string[] };
}

/** Record fields a list may filter on (kept as columns by the table adapter). */
export const FILTERABLE_FIELDS = ['status'] as const;
export type FilterableField = (typeof FILTERABLE_FIELDS)[number];

/**
 * Records (requests, audit entries, delivery status, conversation references) kept in tables.
 * Writes with an etag are compare-and-set: they throw ConflictError when the stored etag differs.
 * `insert` throws ConflictError when the key exists. Unreachable storage throws
 * StoreUnavailableError.
 */
export interface RecordStore {
  get<T extends RecordValue>(table: string, key: RecordKey): Promise<StoredRecord<T> | undefined>;
  insert<T extends RecordValue>(table: string, key: RecordKey, value: T): Promise<StoredRecord<T>>;
  replace<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
    etag: string,
  ): Promise<StoredRecord<T>>;
  upsert<T extends RecordValue>(table: string, key: RecordKey, value: T): Promise<StoredRecord<T>>;
  delete(table: string, key: RecordKey, etag?: string): Promise<void>;
  list<T extends RecordValue>(
    table: string,
    partition: string,
    options?: ListOptions,
  ): Promise<StoredRecord<T>[]>;
  /**
   * Inserts up to MAX_BATCH rows of one partition as one transaction (one storage request):
   * all are written or none is. ConflictError when any key exists. Optional: callers fall back
   * to `insert` one by one when a store does not offer it.
   */
  insertBatch?<T extends RecordValue>(
    table: string,
    partition: string,
    rows: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]>;
  /**
   * Compare-and-set on up to MAX_BATCH rows of one partition as one transaction: every row is
   * replaced or none is. ConflictError when any stored etag differs (or a row is gone).
   * Optional, like insertBatch.
   */
  replaceBatch?<T extends RecordValue>(
    table: string,
    partition: string,
    rows: readonly { row: string; value: T; etag: string }[],
  ): Promise<StoredRecord<T>[]>;
  /**
   * Creates or replaces up to MAX_BATCH rows of one partition as one transaction (one storage
   * request), whatever is stored. Optional, like insertBatch: callers fall back to `upsert`.
   */
  upsertBatch?<T extends RecordValue>(
    table: string,
    partition: string,
    rows: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]>;
  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
}

/** Most operations one table transaction may hold (an Azure Tables limit). */
export const MAX_BATCH = 100;

export interface QueueMessage<T> {
  id: string;
  popReceipt: string;
  body: T;
  dequeueCount: number;
}

/** A work queue (at-least-once delivery; a message reappears unless deleted before it is visible). */
export interface WorkQueue<T> {
  send(body: T, options?: { visibilityDelaySeconds?: number }): Promise<void>;
  receive(max: number, visibilityTimeoutSeconds: number): Promise<QueueMessage<T>[]>;
  delete(message: QueueMessage<T>): Promise<void>;
  ping(): Promise<void>;
}

/**
 * Transitive group membership, used to decide who may diagnose others, approve fixes or send
 * announcements. Implementations may cache briefly.
 */
export interface GroupMembership {
  /** The subset of `groupIds` the user belongs to, directly or through nested groups. */
  memberOf(userId: string, groupIds: readonly string[]): Promise<string[]>;
}

/**
 * Items kept until their work is done, surviving a restart (an outbox). Each item has an id;
 * keeping an item with the same id again replaces it.
 */
export interface Journal<T extends { id: string }> {
  keep(item: T): Promise<void>;
  remove(id: string): Promise<void>;
  list(): Promise<T[]>;
}
