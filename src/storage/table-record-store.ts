/**
 * RecordStore on Azure Table storage (Azurite locally, a storage account in production; only the
 * way the client is built differs). Tables are created on first use, once per store. Writes with
 * an etag are conditional requests (If-Match), so the service decides compare-and-set races.
 */
import {
  odata,
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
  type TransactionAction,
} from '@azure/data-tables';
import { correlationPolicy } from './correlation-policy';
import type { TokenCredential } from '@azure/identity';
import { ConflictError, isAppError, StoreUnavailableError } from '../errors';
import type { ListOptions, RecordKey, RecordStore, RecordValue, StoredRecord } from '../ports';
import {
  isLoopbackHttp,
  resolveClientOptions,
  serviceEndpoint,
  type ResolvedClientOptions,
  type StorageClientOptions,
} from './client-options';
import { decodeRecord, encodeRecord, filterColumn } from './entity-codec';
import { statusOf, toUnavailable } from './store-errors';
import { invalidValue } from './json-value';
import {
  checkBatch,
  checkKey,
  checkKeyPart,
  checkLimit,
  checkWhere,
  rowRange,
  tableName,
} from './table-rules';

export interface TableRecordStoreOptions extends StorageClientOptions {
  /** Prepended to every table name, e.g. "helpdesk" + "Requests". Letters and digits. */
  tablePrefix?: string;
}

const MAX_PAGE = 1000;

export class TableRecordStore implements RecordStore {
  private readonly clients = new Map<string, Promise<TableClient>>();
  private readonly client: ResolvedClientOptions;
  private readonly prefix: string;
  private service?: TableServiceClient;

  static fromConnectionString(
    connectionString: string,
    options: TableRecordStoreOptions = {},
  ): TableRecordStore {
    const endpoint = serviceEndpoint(connectionString, 'table') ?? '';
    const sdk = (): TableServiceClientOptions => sdkOptions(endpoint, options);
    return new TableRecordStore(
      endpoint,
      (name) => TableClient.fromConnectionString(connectionString, name, sdk()),
      () => TableServiceClient.fromConnectionString(connectionString, sdk()),
      options,
    );
  }

  /** For managed identity: `url` is the table endpoint, https://<account>.table.core.windows.net. */
  static fromAccountUrl(
    url: string,
    credential: TokenCredential,
    options: TableRecordStoreOptions = {},
  ): TableRecordStore {
    const sdk = (): TableServiceClientOptions => sdkOptions(url, options);
    return new TableRecordStore(
      url,
      (name) => new TableClient(url, name, credential, sdk()),
      () => new TableServiceClient(url, credential, sdk()),
      options,
    );
  }

  private constructor(
    /** Table endpoint, for error messages. */
    readonly endpoint: string,
    private readonly makeClient: (tableName: string) => TableClient,
    private readonly makeService: () => TableServiceClient,
    options: TableRecordStoreOptions,
  ) {
    this.client = resolveClientOptions(options);
    this.prefix = options.tablePrefix ?? '';
  }

  async get<T extends RecordValue>(
    table: string,
    key: RecordKey,
  ): Promise<StoredRecord<T> | undefined> {
    checkKey(key);
    const client = await this.table(table);
    try {
      const entity = await client.getEntity(key.partition, key.row, this.deadline());
      return stored<T>(key, decodeRecord(entity), entity.etag);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure(error, 'read', table);
    }
  }

  async insert<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
  ): Promise<StoredRecord<T>> {
    checkKey(key);
    const encoded = encodeRecord(key, value);
    const client = await this.table(table);
    try {
      const response = await client.createEntity(entity(key, encoded.columns), this.deadline());
      return stored<T>(key, encoded.value, response.etag);
    } catch (error) {
      if (statusOf(error) === 409)
        throw new ConflictError(`${where(table, key)} already exists`, error);
      throw this.failure(error, 'insert', table);
    }
  }

  insertBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]> {
    // A transaction that failed on an existing row answers 409 for the whole batch.
    return this.transact(table, partition, batch, 'insert batch', (row) => ['create', row], {
      409: 'a row of this batch already exists',
    });
  }

  replaceBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T; etag: string }[],
  ): Promise<StoredRecord<T>[]> {
    return this.transact(
      table,
      partition,
      batch,
      'replace batch',
      (row, i) => ['update', row, 'Replace', { etag: batch[i].etag }],
      { 412: 'a row of this batch changed', 404: 'a row of this batch changed' },
    );
  }

  upsertBatch<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T }[],
  ): Promise<StoredRecord<T>[]> {
    return this.transact(table, partition, batch, 'upsert batch', (row) => [
      'upsert',
      row,
      'Replace',
    ]);
  }

  /**
   * One transaction over rows of one partition: `action` says what to do with each entity;
   * `conflicts` names the statuses that mean another writer got there first.
   */
  private async transact<T extends RecordValue>(
    table: string,
    partition: string,
    batch: readonly { row: string; value: T }[],
    what: string,
    action: (row: ReturnType<typeof entity>, index: number) => TransactionAction,
    conflicts: Partial<Record<number, string>> = {},
  ): Promise<StoredRecord<T>[]> {
    const { keys, encoded } = prepareBatch(partition, batch);
    const client = await this.table(table);
    let response;
    try {
      response = await client.submitTransaction(
        keys.map((key, i) => action(entity(key, encoded[i].columns), i)),
        this.deadline(),
      );
    } catch (error) {
      const conflict = conflicts[statusOf(error) ?? 0];
      if (conflict) throw new ConflictError(`${conflict} in table ${table}`, error);
      throw this.failure(error, what, table);
    }
    return keys.map((key, i) => stored<T>(key, encoded[i].value, etagOf(response, key, i)));
  }

  async replace<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
    etag: string,
  ): Promise<StoredRecord<T>> {
    checkKey(key);
    const encoded = encodeRecord(key, value);
    const client = await this.table(table);
    try {
      const response = await client.updateEntity(entity(key, encoded.columns), 'Replace', {
        ...this.deadline(),
        etag,
      });
      return stored<T>(key, encoded.value, response.etag);
    } catch (error) {
      throw conflictOr(error, table, key) ?? this.failure(error, 'replace', table);
    }
  }

  async upsert<T extends RecordValue>(
    table: string,
    key: RecordKey,
    value: T,
  ): Promise<StoredRecord<T>> {
    checkKey(key);
    const encoded = encodeRecord(key, value);
    const client = await this.table(table);
    try {
      const response = await client.upsertEntity(
        entity(key, encoded.columns),
        'Replace',
        this.deadline(),
      );
      return stored<T>(key, encoded.value, response.etag);
    } catch (error) {
      throw this.failure(error, 'upsert', table);
    }
  }

  /** Without an etag, deleting a missing record succeeds; with one, it is a ConflictError. */
  async delete(table: string, key: RecordKey, etag?: string): Promise<void> {
    checkKey(key);
    const client = await this.table(table);
    try {
      await client.deleteEntity(key.partition, key.row, { ...this.deadline(), etag: etag ?? '*' });
    } catch (error) {
      if (etag === undefined && statusOf(error) === 404) return;
      throw conflictOr(error, table, key) ?? this.failure(error, 'delete', table);
    }
  }

  async list<T extends RecordValue>(
    table: string,
    partition: string,
    options: ListOptions = {},
  ): Promise<StoredRecord<T>[]> {
    checkKeyPart('partition', partition);
    const range = rowRange(options);
    const limit = checkLimit(options.limit);
    const client = await this.table(table);
    if (limit === 0) return [];
    let filter = odata`PartitionKey eq ${partition}`;
    if (range.from !== undefined) filter += odata` and RowKey ge ${range.from}`;
    if (range.below !== undefined) filter += odata` and RowKey lt ${range.below}`;
    if (options.where) {
      const { field, anyOf } = checkWhere(options.where);
      if (anyOf.length === 0) return [];
      const column = filterColumn(field);
      filter += ` and (${anyOf.map((v) => `${column} eq '${v.replace(/'/g, "''")}'`).join(' or ')})`;
    }
    const records: StoredRecord<T>[] = [];
    try {
      const pages = client
        .listEntities({ ...this.deadline(), queryOptions: { filter } })
        .byPage({ maxPageSize: Math.min(limit ?? MAX_PAGE, MAX_PAGE) });
      for await (const page of pages) {
        for (const item of page) {
          const key = { partition, row: item.rowKey ?? '' };
          records.push(stored<T>(key, decodeRecord(item), item.etag));
          if (records.length === limit) return records;
        }
      }
      return records;
    } catch (error) {
      throw this.failure(error, 'list', table);
    }
  }

  async ping(): Promise<void> {
    try {
      this.service ??= this.makeService();
      await this.service.listTables(this.deadline()).byPage({ maxPageSize: 1 }).next();
    } catch (error) {
      const mapped = toUnavailable(error, this.endpoint, 'ping');
      if (isAppError(mapped)) throw mapped;
      throw new StoreUnavailableError(
        `ping at ${this.endpoint} failed (${statusOf(error)})`,
        error,
      );
    }
  }

  /** The table's client, creating the table on first use (once; retried after a failure). */
  private table(table: string): Promise<TableClient> {
    const name = tableName(this.prefix, table);
    const id = name.toLowerCase();
    let ready = this.clients.get(id);
    if (!ready) {
      const client = this.makeClient(name);
      ready = client.createTable(this.deadline()).then(() => client);
      ready.catch(() => this.clients.delete(id));
      this.clients.set(id, ready);
    }
    return ready.catch((error: unknown) => {
      throw this.failure(error, 'create table', table);
    });
  }

  private deadline(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(this.client.timeoutMs) };
  }

  private failure(error: unknown, operation: string, table: string): unknown {
    return toUnavailable(error, this.endpoint, `${operation} in table ${table}`);
  }
}

function sdkOptions(endpoint: string, options: StorageClientOptions): TableServiceClientOptions {
  const resolved = resolveClientOptions(options);
  return {
    allowInsecureConnection: isLoopbackHttp(endpoint),
    additionalPolicies: [{ policy: correlationPolicy, position: 'perRetry' }],
    retryOptions: {
      maxRetries: resolved.maxRetries,
      retryDelayInMs: resolved.retryDelayMs,
      maxRetryDelayInMs: resolved.maxRetryDelayMs,
    },
  };
}

/**
 * A transaction's etag for one row: sub-responses name their row when they can (inserts) and
 * come in request order (updates answer 204 with no body, hence no row key).
 */
function etagOf(
  response: { subResponses: { rowKey?: string; etag?: string }[] },
  key: RecordKey,
  index: number,
): string | undefined {
  const named = response.subResponses.find((r) => r.rowKey === key.row);
  return named?.etag ?? response.subResponses[index]?.etag;
}

function entity(key: RecordKey, columns: Record<string, string>) {
  return { partitionKey: key.partition, rowKey: key.row, ...columns };
}

function stored<T extends RecordValue>(
  key: RecordKey,
  value: RecordValue,
  etag: string | undefined,
): StoredRecord<T> {
  if (!etag) throw new Error(`table service returned no etag for ${key.partition}/${key.row}`);
  return { key: { partition: key.partition, row: key.row }, value: value as T, etag };
}

/** 412: the stored etag differs; 404 on a conditional write: the record is gone. Both lost a race. */
function conflictOr(error: unknown, table: string, key: RecordKey): ConflictError | undefined {
  const status = statusOf(error);
  if (status === 412)
    return new ConflictError(`${where(table, key)} changed since it was read`, error);
  if (status === 404) return new ConflictError(`${where(table, key)} no longer exists`, error);
  return undefined;
}

function where(table: string, key: RecordKey): string {
  return `record ${key.partition}/${key.row} in table ${table}`;
}

/** Checks one transaction's rows (size, keys, no row twice) and encodes their values. */
function prepareBatch(partition: string, batch: readonly { row: string; value: RecordValue }[]) {
  checkBatch(batch.length);
  const keys = batch.map(({ row }) => ({ partition, row }));
  keys.forEach(checkKey);
  if (new Set(batch.map((b) => b.row)).size !== batch.length) {
    throw invalidValue('a row appears twice in one batch');
  }
  const encoded = batch.map(({ value }, i) => encodeRecord(keys[i], value));
  return { keys, encoded };
}
