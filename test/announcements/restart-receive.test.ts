import assert from 'node:assert/strict';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import { DeliveryLimiter } from '../../src/announcements/delivery-limiter';
import { DeliveryWorker, type WorkerDeps } from '../../src/announcements/delivery-worker';
import type { DeliveryMessage, RecipientRecord } from '../../src/announcements/types';
import {
  systemClock,
  type QueueMessage,
  type RecordKey,
  type RecordValue,
  type WorkQueue,
} from '../../src/ports';
import { MemoryRecordStore } from '../fakes/memory-record-store';

/**
 * A worker's first moments, as in a process restarted after a crash: its first receive brings
 * messages whose claim transactions are slow (a store busy with the takeover), and its first
 * heartbeat may not be written yet. Counts, not times, are asserted: the loops may turn any
 * number of times while the test waits.
 */

const ANNOUNCEMENT = 'ann-1';

/** A queue of 40 delivery messages of 50 recipients, each with its rows; counts what it gave. */
class FullQueue implements WorkQueue<DeliveryMessage> {
  given = 0;
  async send(): Promise<void> {}
  async receive(max: number): Promise<QueueMessage<DeliveryMessage>[]> {
    return Array.from({ length: Math.min(max, 40 - this.given) }, () => {
      const n = this.given++;
      const recipients = Array.from({ length: 50 }, (_, i) => `r${n}-${i}`);
      return {
        id: `m${n}`,
        popReceipt: 'p',
        dequeueCount: 1,
        body: {
          v: 1,
          kind: 'deliver',
          announcementId: ANNOUNCEMENT,
          recipients,
          rows: recipients.map(() => ({
            etag: 'e',
            value: { status: 'queued' } as RecipientRecord,
          })),
        },
      };
    });
  }
  async delete(): Promise<void> {}
  async ping(): Promise<void> {}
}

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** Turns the event loop until `check` holds; gives up after many turns (a loop that never gets there). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i += 1) {
    if (i > 20_000) throw new Error('never happened');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A worker whose claim transactions hang until `release`; what it read and claimed. */
function startingWorker(ready?: Promise<unknown>) {
  const queue = new FullQueue();
  const seen = { announcementReads: 0, claims: 0 };
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const deps = {
    queue,
    limiter: new DeliveryLimiter({ ratePerSecond: 50, headroom: 0 }),
    clock: systemClock,
    store: {
      get: async () => {
        seen.announcementReads += 1;
        return { etag: 'a', value: { id: ANNOUNCEMENT, state: 'sending' } };
      },
    },
    delivery: {
      claimAll: async () => {
        seen.claims += 1;
        await released;
        return new Map();
      },
    },
    backlogRate: () => 50,
    ready,
  } as unknown as WorkerDeps;
  // 50/s × 3 s: room for 150 recipients, three messages of 50.
  const worker = new DeliveryWorker(deps, { concurrency: 16, backlogSeconds: 3, idleMs: 5 });
  return { worker, queue, seen, release };
}

describe('a worker starting (restart)', () => {
  it('takes no more messages than its backlog has room for while their claims are under way', async () => {
    const { worker, queue, seen, release } = startingWorker();
    worker.start();
    await until(() => seen.claims > 0);
    await turns(50);
    // Before: ten recipients a message were assumed (fifteen messages asked for), and the
    // claims under way did not count, so every turn of the loop took three more.
    assert.equal(queue.given, 3);
    assert.equal(seen.claims, 3);
    release();
    await worker.stop();
  });

  it('reads the announcement once for the messages of one receive', async () => {
    const { worker, seen, release } = startingWorker();
    worker.start();
    await until(() => seen.claims === 3);
    assert.equal(seen.announcementReads, 1);
    release();
    await worker.stop();
  });

  it('receives and reads the announcement before its first heartbeat, and claims only after it', async () => {
    let up: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (up = resolve));
    const { worker, queue, seen, release } = startingWorker(ready);
    worker.start();
    await until(() => seen.announcementReads > 0);
    await turns(50);
    assert.equal(queue.given, 3);
    assert.equal(seen.claims, 0, 'no claim before the heartbeat');
    up();
    await until(() => seen.claims === 3);
    release();
    await worker.stop();
  });
});

describe('the message a worker sends', () => {
  it('is the one rendered at confirm when the announcement carries it: nothing is composed', async () => {
    const stored = { card: { type: 'AdaptiveCard', stored: true }, summary: 'stored' };
    const queue = new FullQueue();
    const sent: unknown[] = [];
    let composed = 0;
    const deps = {
      queue,
      limiter: new DeliveryLimiter({ ratePerSecond: 50, headroom: 0 }),
      clock: systemClock,
      store: {
        get: async () => ({
          etag: 'a',
          value: { id: ANNOUNCEMENT, state: 'sending', message: stored },
        }),
      },
      delivery: {
        claimAll: async () => new Map(),
        deliver: async (_announcement: unknown, message: unknown) => {
          sent.push(message);
          return 'done';
        },
      },
      compose: () => {
        composed += 1;
        return { card: {}, summary: 'composed' };
      },
      backlogRate: () => 1,
    } as unknown as WorkerDeps;
    const worker = new DeliveryWorker(deps, { concurrency: 2, backlogSeconds: 1, idleMs: 5 });
    worker.start();
    await until(() => sent.length >= 10);
    await worker.stop();
    assert.equal(composed, 0);
    assert.ok(sent.every((m) => m === stored));
  });
});

/** A record store whose heartbeat writes hang until released; the calls, in order. */
class HeldBeats extends MemoryRecordStore {
  readonly calls: string[] = [];
  readonly busyWritten: boolean[] = [];
  private held: (() => void)[] = [];
  hold = true;

  override async upsert<T extends RecordValue>(table: string, key: RecordKey, value: T) {
    this.calls.push('upsert');
    this.busyWritten.push((value as { busy?: boolean }).busy === true);
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    return super.upsert(table, key, value);
  }

  override async get<T extends RecordValue>(table: string, key: RecordKey) {
    this.calls.push(`get ${key.row}`);
    return super.get<T>(table, key);
  }

  releaseBeats(): void {
    this.hold = false;
    for (const resume of this.held.splice(0)) resume();
  }
}

describe('a cluster starting', () => {
  it('reads the pause beside its first heartbeat, not after it', async () => {
    const records = new HeldBeats();
    const limiter = new DeliveryLimiter({ ratePerSecond: 50, headroom: 0 });
    const cluster = new ClusterCoordinator(records, limiter, {
      workerId: 'w',
      totalRatePerSecond: 50,
    });
    const started = cluster.start();
    await until(() => records.calls.includes('get pause'));
    assert.deepEqual(records.calls, ['upsert', 'get pause'], 'the beat is still on its way');
    records.releaseBeats();
    await started;
    await cluster.stop();
  });

  it('writes a heartbeat at once after starting when work came in while it started', async () => {
    const records = new HeldBeats();
    const limiter = new DeliveryLimiter({ ratePerSecond: 50, headroom: 0 });
    // Heartbeats an hour apart: only the beat written because of the work can follow.
    const cluster = new ClusterCoordinator(records, limiter, {
      workerId: 'w',
      totalRatePerSecond: 50,
      heartbeatMs: 3_600_000,
    });
    const started = cluster.start();
    await until(() => records.calls.includes('upsert'));
    cluster.setBusy(true);
    records.releaseBeats();
    await started;
    await until(() => records.busyWritten.length === 2);
    assert.deepEqual(records.busyWritten, [false, true]);
    await cluster.stop();
  });
});
