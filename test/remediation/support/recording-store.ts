import type {
  ListOptions,
  RecordKey,
  RecordStore,
  RecordValue,
  StoredRecord,
} from '../../../src/ports';

/**
 * Wraps a RecordStore and keeps the JSON of every value written, so a test can prove that
 * something (a pass code) never reached storage. `beforeReplace` lets a test change the record
 * underneath a writer, to provoke a compare-and-set conflict at an exact step; `failWith` makes
 * every call fail, as storage that stopped answering does.
 */
export class RecordingStore implements RecordStore {
  readonly written: string[] = [];
  beforeReplace?: (table: string, key: RecordKey, value: RecordValue) => Promise<void>;
  failWith?: Error;

  constructor(private readonly inner: RecordStore) {}

  get<T extends RecordValue>(table: string, key: RecordKey): Promise<StoredRecord<T> | undefined> {
    if (this.failWith) return Promise.reject(this.failWith);
    return this.inner.get<T>(table, key);
  }

  insert<T extends RecordValue>(table: string, key: RecordKey, value: T): Promise<StoredRecord<T>> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.written.push(JSON.stringify({ table, key, value }));
    return this.inner.insert(table, key, value);
  }

  async replace<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
    etag: string,
  ): Promise<StoredRecord<T>> {
    if (this.failWith) throw this.failWith;
    if (this.beforeReplace) {
      const hook = this.beforeReplace;
      this.beforeReplace = undefined;
      await hook(table, key, value);
    }
    this.written.push(JSON.stringify({ table, key, value }));
    return this.inner.replace(table, key, value, etag);
  }

  upsert<T extends RecordValue>(table: string, key: RecordKey, value: T): Promise<StoredRecord<T>> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.written.push(JSON.stringify({ table, key, value }));
    return this.inner.upsert(table, key, value);
  }

  delete(table: string, key: RecordKey, etag?: string): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    return this.inner.delete(table, key, etag);
  }

  list<T extends RecordValue>(
    table: string,
    partition: string,
    options?: ListOptions,
  ): Promise<StoredRecord<T>[]> {
    if (this.failWith) return Promise.reject(this.failWith);
    return this.inner.list<T>(table, partition, options);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }
}
