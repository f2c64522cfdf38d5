/**
 * The WorkQueue contract, run against the in-memory fake (time moved by hand) and the Azure
 * Queue adapter on Azurite (time passes for real), so both deliver at least once the same way.
 */
import assert from 'node:assert/strict';
import { ConflictError } from '../../src/errors';
import type { WorkQueue } from '../../src/ports';
import { rejectsWith } from './record-store-contract';

export interface Job {
  [key: string]: unknown;
}

export interface WorkQueueSubject {
  /** A fresh, empty queue no other test uses. */
  queue: WorkQueue<Job>;
  /** Lets at least this many seconds pass for the queue. */
  elapse(seconds: number): Promise<void>;
}

export function workQueueContract(
  name: string,
  makeSubject: () => Promise<WorkQueueSubject>,
): void {
  describe(`WorkQueue contract: ${name}`, () => {
    let queue: WorkQueue<Job>;
    let elapse: (seconds: number) => Promise<void>;

    beforeEach(async () => {
      ({ queue, elapse } = await makeSubject());
    });

    it('receives nothing from an empty queue', async () => {
      assert.deepEqual(await queue.receive(32, 30), []);
    });

    it('delivers the body exactly, once, hidden from other receivers while held', async () => {
      const body = {
        text: 'café 😀 <b>&amp;</b> \' "',
        n: 1.5,
        list: [null, true, {}],
        when: '2024-05-01',
      };
      await queue.send(body);
      const [message, ...rest] = await queue.receive(32, 30);
      assert.deepEqual(rest, []);
      assert.deepEqual(message.body, body);
      assert.equal(message.dequeueCount, 1);
      assert.ok(message.id.length > 0 && message.popReceipt.length > 0);
      assert.deepEqual(await queue.receive(32, 30), []);
    });

    it('normalizes bodies like records (dates to ISO strings) and refuses what JSON would change', async () => {
      await queue.send({ at: new Date('2024-05-01T10:00:00.000Z') });
      const [message] = await queue.receive(1, 30);
      assert.deepEqual(message.body, { at: '2024-05-01T10:00:00.000Z' });
      await rejectsWith(queue.send({ n: Number.NaN }), 'input-invalid');
    });

    it('redelivers a message not deleted in time, with a new receipt; the old receipt cannot delete it', async () => {
      await queue.send({ job: 'redeliver' });
      const [first] = await queue.receive(1, 1);
      await elapse(1);
      const [second] = await queue.receive(1, 30);
      assert.equal(second?.id, first.id);
      assert.equal(second.dequeueCount, 2);
      assert.notEqual(second.popReceipt, first.popReceipt);
      assert.deepEqual(second.body, { job: 'redeliver' });
      await assert.rejects(queue.delete(first), ConflictError);
      await queue.delete(second);
      await elapse(1);
      assert.deepEqual(await queue.receive(32, 30), []);
    });

    it('does not redeliver a message deleted while held', async () => {
      await queue.send({ job: 'done' });
      const [message] = await queue.receive(1, 1);
      await queue.delete(message);
      await elapse(1);
      assert.deepEqual(await queue.receive(32, 30), []);
      await assert.rejects(queue.delete(message), ConflictError);
    });

    it('holds back a message sent with a visibility delay until the delay passes', async () => {
      await queue.send({ job: 'later' }, { visibilityDelaySeconds: 1 });
      assert.deepEqual(await queue.receive(32, 30), []);
      await elapse(1);
      const received = await queue.receive(32, 30);
      assert.deepEqual(
        received.map((m) => m.body),
        [{ job: 'later' }],
      );
    });

    it('receives at most the number asked, and each message once across batches', async () => {
      for (let n = 0; n < 5; n += 1) await queue.send({ n });
      const first = await queue.receive(3, 30);
      const second = await queue.receive(32, 30);
      assert.equal(first.length, 3);
      assert.equal(second.length, 2);
      const seen = [...first, ...second].map((m) => m.body.n).sort();
      assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    });

    it('gives parallel receivers disjoint messages', async () => {
      await Promise.all(Array.from({ length: 10 }, (_, n) => queue.send({ n })));
      const batches = await Promise.all([1, 2, 3].map(() => queue.receive(4, 30)));
      const ids = batches.flat().map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length);
      const rest = await queue.receive(32, 30);
      assert.equal(ids.length + rest.length, 10);
    });

    it('refuses out-of-range counts and timeouts with input-invalid', async () => {
      await rejectsWith(queue.receive(0, 30), 'input-invalid');
      await rejectsWith(queue.receive(33, 30), 'input-invalid');
      await rejectsWith(queue.receive(1, 0), 'input-invalid');
      await rejectsWith(queue.receive(1, 1.5), 'input-invalid');
      await rejectsWith(queue.send({}, { visibilityDelaySeconds: -1 }), 'input-invalid');
      await rejectsWith(queue.send({}, { visibilityDelaySeconds: 8 * 24 * 3600 }), 'input-invalid');
    });

    it('refuses a body over the 64 KiB message limit with input-too-large, queueing nothing', async () => {
      await rejectsWith(queue.send({ blob: 'x'.repeat(50_000) }), 'input-too-large');
      assert.deepEqual(await queue.receive(32, 30), []);
    });

    it('accepts a body just under the limit', async () => {
      const body = { blob: 'x'.repeat(48_000) };
      await queue.send(body);
      const [message] = await queue.receive(1, 30);
      assert.equal((message.body.blob as string).length, 48_000);
    });

    it('answers ping', async () => {
      await assert.doesNotReject(queue.ping());
    });
  });
}
