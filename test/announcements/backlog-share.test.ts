import assert from 'node:assert/strict';
import { ClusterCoordinator } from '../../src/announcements/cluster';
import { DeliveryLimiter } from '../../src/announcements/delivery-limiter';
import { DeliveryWorker, type WorkerDeps } from '../../src/announcements/delivery-worker';
import type { DeliveryMessage } from '../../src/announcements/types';
import { systemClock, type QueueMessage, type WorkQueue } from '../../src/ports';
import { MemoryRecordStore } from '../fakes/memory-record-store';

/** A queue that stays empty and remembers how many messages each receive asked for. */
class AskingQueue implements WorkQueue<DeliveryMessage> {
  readonly asked: number[] = [];
  async send(): Promise<void> {}
  async receive(max: number): Promise<QueueMessage<DeliveryMessage>[]> {
    this.asked.push(max);
    return [];
  }
  async delete(): Promise<void> {}
  async ping(): Promise<void> {}
}

/** One worker process: its limiter, its share of the cluster, and a worker that only receives. */
function workerProcess(records: MemoryRecordStore, workerId: string) {
  const limiter = new DeliveryLimiter({ ratePerSecond: 30, headroom: 0 });
  const cluster = new ClusterCoordinator(records, limiter, { workerId, totalRatePerSecond: 30 });
  const queue = new AskingQueue();
  // Receiving from an empty queue touches nothing else.
  const deps = {
    queue,
    limiter,
    clock: systemClock,
    onBusy: (busy: boolean) => cluster.setBusy(busy),
    backlogRate: () => cluster.fairShare,
  } as unknown as WorkerDeps;
  // Ten recipients a message until messages say otherwise; one lane, so the rate sets the room.
  const worker = new DeliveryWorker(deps, {
    concurrency: 1,
    backlogSeconds: 3,
    idleMs: 5,
    recipientsPerMessage: 10,
  });
  return { limiter, cluster, queue, worker };
}

describe('backlog across worker processes', () => {
  it('sizes each backlog by its share of every live process, even while one may use the whole rate', async () => {
    const records = new MemoryRecordStore();
    const first = workerProcess(records, 'first');
    first.cluster.setBusy(true);
    await first.cluster.beat();
    assert.equal(first.limiter.rate, 30, 'alone: the whole rate');
    assert.equal(first.cluster.fairShare, 30);

    const second = workerProcess(records, 'second');
    await second.cluster.beat();
    await first.cluster.beat();
    // The second has no work yet, so the first may still send at the whole rate, less the
    // trickle an idle process keeps for its progress cards (rate-share.ts)...
    assert.equal(first.limiter.rate, 29);
    // ...but takes no more queued work ahead than its half would need.
    assert.equal(first.cluster.fairShare, 15);
    assert.equal(second.cluster.fairShare, 15);

    first.worker.start();
    second.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await first.worker.stop();
    await second.worker.stop();
    // 15/s × 3 s = 45 recipients of room: 4 messages of 10, not the 9 that 30/s would ask for.
    assert.ok(first.queue.asked.length > 0 && second.queue.asked.length > 0);
    assert.deepEqual([...new Set(first.queue.asked)], [4]);
    assert.deepEqual([...new Set(second.queue.asked)], [4]);
  });

  it('sizes the backlog by the whole rate when the process is alone', async () => {
    const records = new MemoryRecordStore();
    const only = workerProcess(records, 'only');
    await only.cluster.beat();
    only.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await only.worker.stop();
    assert.deepEqual([...new Set(only.queue.asked)], [9]);
  });
});
