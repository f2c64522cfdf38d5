/**
 * Storage wrappers that count and time every call by operation and table, so the benchmark can
 * say where a worker's time and a run's storage transactions go.
 */
import type {
  QueueMessage,
  RecordKey,
  RecordStore,
  RecordValue,
  StoredRecord,
  WorkQueue,
} from '../../src/ports';

const LIST_PAGE = 1000;

export interface OpStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

export class Meter {
  readonly ops = new Map<string, OpStats>();
  redelivered = 0;
  /** Told of messages received again (another receiver held them before: a dead worker's). */
  onRedelivered?: (messages: number, recipients: number) => void;
  /** Told of every call that completed (the benchmark notes a worker's first claim). */
  onDone?: (name: string) => void;
  /** Told of every call with its start and end (epoch ms): a restart's timeline. */
  onCall?: (name: string, startedAt: number, endedAt: number) => void;

  async time<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const startedAt = Date.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - started;
      this.onCall?.(name, startedAt, Date.now());
      const stats = this.ops.get(name) ?? { count: 0, totalMs: 0, maxMs: 0 };
      stats.count += 1;
      stats.totalMs += ms;
      stats.maxMs = Math.max(stats.maxMs, ms);
      this.ops.set(name, stats);
      this.onDone?.(name);
    }
  }

  /** Requests besides the call itself (the further pages of a list). */
  addRequests(name: string, count: number): void {
    const stats = this.ops.get(name);
    if (stats && count > 0) stats.count += count;
  }

  /** Every request counted, all operations together. */
  get requests(): number {
    let total = 0;
    for (const s of this.ops.values()) total += s.count;
    return total;
  }

  summary(): Record<string, { count: number; meanMs: number; maxMs: number }> {
    const out: Record<string, { count: number; meanMs: number; maxMs: number }> = {};
    for (const [name, s] of [...this.ops.entries()].sort()) {
      out[name] = {
        count: s.count,
        meanMs: Math.round((s.totalMs / s.count) * 10) / 10,
        maxMs: Math.round(s.maxMs),
      };
    }
    return out;
  }
}

export function meteredRecords(inner: RecordStore, meter: Meter): RecordStore {
  return {
    get: <T extends RecordValue>(table: string, key: RecordKey) =>
      meter.time(`table.get ${table}`, () => inner.get<T>(table, key)),
    insert: <T extends RecordValue>(table: string, key: RecordKey, value: T) =>
      meter.time(`table.insert ${table}`, () => inner.insert<T>(table, key, value)),
    replace: <T extends RecordValue>(table: string, key: RecordKey, value: T, etag: string) =>
      meter.time(`table.replace ${table}`, () => inner.replace<T>(table, key, value, etag)),
    upsert: <T extends RecordValue>(table: string, key: RecordKey, value: T) =>
      meter.time(`table.upsert ${table}`, () => inner.upsert<T>(table, key, value)),
    delete: (table: string, key: RecordKey, etag?: string) =>
      meter.time(`table.delete ${table}`, () => inner.delete(table, key, etag)),
    list: <T extends RecordValue>(
      table: string,
      partition: string,
      options?: Parameters<RecordStore['list']>[2],
    ): Promise<StoredRecord<T>[]> =>
      meter
        .time(`table.list ${table}`, () => inner.list<T>(table, partition, options))
        .then((rows) => {
          // The service answers a list in pages of at most 1,000 rows, one request each.
          meter.addRequests(`table.list ${table}`, Math.ceil(rows.length / LIST_PAGE) - 1);
          return rows;
        }),
    ...(inner.insertBatch
      ? {
          insertBatch: <T extends RecordValue>(
            table: string,
            partition: string,
            rows: { row: string; value: T }[],
          ) =>
            meter.time(`table.insertBatch ${table}`, () =>
              inner.insertBatch!<T>(table, partition, rows),
            ),
        }
      : {}),
    ...(inner.replaceBatch
      ? {
          replaceBatch: <T extends RecordValue>(
            table: string,
            partition: string,
            rows: { row: string; value: T; etag: string }[],
          ) =>
            meter.time(`table.replaceBatch ${table}`, () =>
              inner.replaceBatch!<T>(table, partition, rows),
            ),
        }
      : {}),
    ping: () => inner.ping(),
  };
}

export function meteredQueue<T>(inner: WorkQueue<T>, meter: Meter): WorkQueue<T> {
  return {
    send: (body, options) => meter.time('queue.send', () => inner.send(body, options)),
    receive: async (max, visibility): Promise<QueueMessage<T>[]> => {
      const got = await meter.time('queue.receive', () => inner.receive(max, visibility));
      const again = got.filter((m) => m.dequeueCount > 1);
      meter.redelivered += again.length;
      if (again.length > 0) {
        const recipients = again.reduce((sum, m) => {
          const body = m.body as { recipients?: unknown[] };
          return sum + (Array.isArray(body.recipients) ? body.recipients.length : 0);
        }, 0);
        meter.onRedelivered?.(again.length, recipients);
      }
      return got;
    },
    delete: (message) => meter.time('queue.delete', () => inner.delete(message)),
    ping: () => inner.ping(),
  };
}
