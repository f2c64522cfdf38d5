import assert from 'node:assert/strict';
import sinon from 'sinon';
import { StoreUnavailableError } from '../../src/errors';
import { MemoryWorkQueue } from '../fakes/memory-work-queue';
import { uniqueQueue } from './unique-name';
import { workQueueContract, type Job } from './work-queue-contract';

workQueueContract('MemoryWorkQueue', async () => {
  let now = Date.parse('2024-05-01T10:00:00.000Z');
  const queue = new MemoryWorkQueue<Job>(uniqueQueue(), { now: () => new Date(now) });
  return {
    queue,
    elapse: async (seconds) => {
      now += seconds * 1000;
    },
  };
});

describe('MemoryWorkQueue', () => {
  afterEach(() => sinon.restore());

  it('follows a sinon fake clock by default, expiring messages after seven days', async () => {
    const clock = sinon.useFakeTimers({ now: Date.parse('2024-05-01T10:00:00.000Z') });
    const queue = new MemoryWorkQueue<Job>('expiry');
    await queue.send({ n: 1 });
    clock.tick(7 * 24 * 3600 * 1000 - 1);
    assert.equal(queue.depth, 1);
    clock.tick(1);
    assert.equal(queue.depth, 0);
    assert.deepEqual(await queue.receive(32, 30), []);
  });

  it('fails every call as unreachable during a simulated outage', async () => {
    const queue = new MemoryWorkQueue<Job>('outage');
    queue.simulateOutage(true);
    await assert.rejects(queue.send({}), StoreUnavailableError);
    await assert.rejects(queue.receive(1, 30), StoreUnavailableError);
    await assert.rejects(queue.ping(), StoreUnavailableError);
    queue.simulateOutage(false);
    await queue.send({ n: 1 });
    assert.equal(queue.depth, 1);
  });

  it('refuses an invalid queue name', () => {
    assert.throws(() => new MemoryWorkQueue<Job>('Bad_Name'), /queue name "Bad_Name"/);
  });
});
